/* The reader's toolbar: high contrast, the large pointer and the 简/繁 choice (the share panel is share.js).
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

  /* A remembered on/off switch: `selector`'s buttons set <html data-NAME="VALUE"> and localStorage KEY. */
  function initSwitch(selector, name, value, key) {
    var root = document.documentElement;
    document.querySelectorAll(selector).forEach(function (button) {
      button.setAttribute("aria-pressed", String(root.dataset[name] === value));
      button.addEventListener("click", function () {
        var on = root.dataset[name] !== value;
        if (on) root.dataset[name] = value;
        else delete root.dataset[name];
        store(key, on ? value : null);
        document.querySelectorAll(selector).forEach(function (b) { b.setAttribute("aria-pressed", String(on)); });
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

  function init() {
    initSwitch(".gd-contrast", "contrast", "high", "gd-contrast");
    // 大鼠标: a large pointer on desktops (工信部 适老化: 鼠标样式).
    initSwitch(".gd-pointer", "pointer", "large", "gd-pointer");
    initScriptSwitch();
    initPrint();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
