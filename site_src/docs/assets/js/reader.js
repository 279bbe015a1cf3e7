/* The reader's toolbar: high contrast, the 简/繁 choice and the share panel's copy button.
   The font size lives in site.js. Choices are kept in localStorage and applied before first paint by
   the head script in overrides/main.html; nothing here makes a request. */
(function () {
  "use strict";

  function store(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch (e) { /* private mode: the choice holds for this page only */ }
  }

  function initContrast() {
    var root = document.documentElement;
    document.querySelectorAll(".gd-contrast").forEach(function (button) {
      button.setAttribute("aria-pressed", String(root.dataset.contrast === "high"));
      button.addEventListener("click", function () {
        var high = root.dataset.contrast !== "high";
        if (high) root.dataset.contrast = "high";
        else delete root.dataset.contrast;
        store("gd-contrast", high ? "high" : null);
        document.querySelectorAll(".gd-contrast").forEach(function (b) { b.setAttribute("aria-pressed", String(high)); });
      });
    });
  }

  function initScriptSwitch() {
    // Following a 简体/繁體 link records the choice; the head script of later pages honours it.
    document.querySelectorAll("a.gd-script").forEach(function (link) {
      link.addEventListener("click", function () {
        store("gd-script", link.dataset.gdScript);
        // Keep the reader where they are, with what they typed: the calculator keeps its plan in the hash.
        link.setAttribute("href", link.getAttribute("href").split("#")[0] + location.hash);
      });
    });
  }

  function copyText(input) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(input.value);
    // Plain-http government servers are not secure contexts: select the field and copy it the old way.
    input.focus();
    input.select();
    return new Promise(function (resolve, reject) {
      (document.execCommand && document.execCommand("copy")) ? resolve() : reject(new Error("copy"));
    });
  }

  function initShare() {
    document.querySelectorAll(".gd-share__copy").forEach(function (button) {
      var input = document.getElementById(button.dataset.copy);
      var status = button.closest(".gd-share").querySelector(".gd-share__status");
      var hant = document.documentElement.lang === "zh-Hant";
      button.addEventListener("click", function () {
        copyText(input).then(function () {
          status.textContent = hant ? "已複製本頁鏈接" : "已复制本页链接";
        }, function () {
          input.focus();
          input.select();
          status.textContent = hant ? "無法自動複製，鏈接已選中，請按 Ctrl+C 複製" : "无法自动复制，链接已选中，请按 Ctrl+C 复制";
        });
      });
    });
  }

  function initPrint() {
    document.querySelectorAll("[data-gd-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function init() { initContrast(); initScriptSwitch(); initShare(); initPrint(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
