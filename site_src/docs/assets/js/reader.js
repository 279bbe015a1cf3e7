/* The reader's toolbar: high contrast and the 简/繁 choice (the share panel is share.js).
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

  /* 大鼠标: a large pointer on desktops (工信部 适老化: 鼠标样式), remembered like the other choices. */
  function initPointer() {
    var root = document.documentElement;
    document.querySelectorAll(".gd-pointer").forEach(function (button) {
      button.setAttribute("aria-pressed", String(root.dataset.pointer === "large"));
      button.addEventListener("click", function () {
        var large = root.dataset.pointer !== "large";
        if (large) root.dataset.pointer = "large";
        else delete root.dataset.pointer;
        store("gd-pointer", large ? "large" : null);
        document.querySelectorAll(".gd-pointer").forEach(function (b) { b.setAttribute("aria-pressed", String(large)); });
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

  function initPrint() {
    document.querySelectorAll("[data-gd-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function init() { initContrast(); initPointer(); initScriptSwitch(); initPrint(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
