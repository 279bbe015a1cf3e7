/* Site-wide behaviour: the persistent font-size control and sortable tables. No external script. */
(function () {
  "use strict";
  var KEY = "gd-font-size";

  function setFontSize(size) {
    if (size === "medium") delete document.documentElement.dataset.fontSize;
    else document.documentElement.dataset.fontSize = size;
    try { localStorage.setItem(KEY, size); } catch (e) { /* private mode: still works for this page */ }
    document.querySelectorAll(".gd-font").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.size === size));
    });
  }

  function initFontSize() {
    var current = document.documentElement.dataset.fontSize || "medium";
    document.querySelectorAll(".gd-font").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.size === current));
      button.addEventListener("click", function () { setFontSize(button.dataset.size); });
    });
  }

  function cellValue(row, index, type) {
    var cell = row.cells[index];
    var raw = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
    return type === "number" ? parseFloat(raw) || 0 : raw;
  }

  function sortTable(table, index) {
    var headers = table.tHead.rows[0].cells;
    var th = headers[index];
    var type = th.dataset.type || "text";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var collator = new Intl.Collator("zh-CN", { numeric: true });
    rows.sort(function (a, b) {
      var x = cellValue(a, index, type), y = cellValue(b, index, type);
      var order = type === "number" ? x - y : collator.compare(x, y);
      if (order === 0) order = cellValue(a, 0, "number") - cellValue(b, 0, "number");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var live = document.getElementById("gd-sort-status");
    if (live) live.textContent = "已按“" + th.textContent.trim() + "”" + (ascending ? "升序" : "降序") + "排列";
  }

  function initSortable() {
    document.querySelectorAll("table.gd-sortable").forEach(function (table) {
      if (!document.getElementById("gd-sort-status")) {
        var status = document.createElement("p");
        status.id = "gd-sort-status";
        status.className = "gd-visually-hidden";
        status.setAttribute("aria-live", "polite");
        table.parentNode.insertBefore(status, table);
      }
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
        var button = th.querySelector("button");
        if (button) button.addEventListener("click", function () { sortTable(table, index); });
      });
    });
  }

  /* On a phone the header's 菜单 and 检索 are Material's <label>s, which Tab never reaches: they become
   * buttons. The opened drawer takes the focus; Escape, or focus leaving it, closes it again. */
  function initHeaderButtons() {
    var hant = document.documentElement.lang === "zh-Hant";
    var names = { __drawer: hant ? "打開導航菜單" : "打开导航菜单", __search: hant ? "檢索" : "检索" };
    document.querySelectorAll("label.md-header__button[for]").forEach(function (label) {
      var name = names[label.htmlFor];
      if (!name) return;
      label.tabIndex = 0;
      label.setAttribute("role", "button");
      label.setAttribute("aria-label", name);
      label.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        label.click();
      });
    });
    var toggle = document.getElementById("__drawer");
    var drawer = document.querySelector(".md-sidebar--primary");
    var button = document.querySelector("label.md-header__button[for=__drawer]");
    if (!toggle || !drawer || !button) return;
    function close(refocus) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
      if (refocus) button.focus();
    }
    toggle.addEventListener("change", function () {
      if (!toggle.checked || document.activeElement !== button) return;
      var first = drawer.querySelector("a[href], label[tabindex], input:not([type=checkbox])");
      if (first) first.focus();
    });
    drawer.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) close(true);
    });
    drawer.addEventListener("focusout", function (event) {
      if (toggle.checked && event.relatedTarget && !drawer.contains(event.relatedTarget)) close(false);
    });
  }

  function init() { initFontSize(); initSortable(); initHeaderButtons(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
