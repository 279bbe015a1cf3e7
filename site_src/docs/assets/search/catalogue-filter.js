/* Catalogue table filter (catalogue.md.j2): category, cap range, per-device and pilot-only products.
 * The form, and the link to it at the top of the page (on a phone the product lists come first), stay
 * hidden without JavaScript, so the table is then a plain, complete table. The choices
 * are kept in the address (?category=…&min=…), so a filtered table can be linked to and survives reload.
 */
(function (root) {
  "use strict";
  var FIELDS = ["category", "min", "max", "pilot", "device"];

  /* A table row as the filter sees it, from the cells marked data-filter. */
  function record(row) {
    var cell = function (name) { return row.querySelector("[data-filter=" + name + "]"); };
    return { category: cell("category").dataset.value, cap: cell("cap").dataset.value,
             device: Number(cell("device").dataset.value) > 0 ? "1" : "0", pilot: cell("pilot").dataset.pilot };
  }

  /* Pure: does a product ({category, cap, device, pilot}) pass the filter? */
  function matches(row, f) {
    var cap = Number(row.cap);
    if (f.category && row.category !== f.category) return false;
    if (f.min && cap < Number(f.min)) return false;
    if (f.max && cap > Number(f.max)) return false;
    if (f.pilot === "only" && row.pilot !== "1") return false;
    if (f.pilot === "none" && row.pilot === "1") return false;
    if (f.device && row.device !== "1") return false;
    return true;
  }

  function read(form) {
    var f = {};
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      f[name] = field.type === "checkbox" ? (field.checked ? "1" : "") : field.value;
    });
    return f;
  }

  function write(form, f) {
    FIELDS.forEach(function (name) {
      var field = form.elements[name], value = f[name] || "";
      if (field.type === "checkbox") field.checked = value === "1";
      else if (Array.prototype.some.call(field.options, function (o) { return o.value === value; })) field.value = value;
    });
  }

  function remember(f) {
    var url = new URL(location.href);
    FIELDS.forEach(function (name) {
      if (f[name]) url.searchParams.set(name, f[name]); else url.searchParams.delete(name);
    });
    history.replaceState(history.state, "", url.href);
  }

  function init() {
    var form = document.getElementById("gd-filter");
    var table = document.getElementById("gd-catalogue-table");
    if (!form || !table) return;
    var status = document.getElementById("gd-filter-status");
    var empty = document.getElementById("gd-filter-empty");
    var wrap = table.closest(".gd-table-wrap") || table;
    var help = document.getElementById("gd-sort-help");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var records = new Map(rows.map(function (row) { return [row, record(row)]; }));

    function apply(save) {
      var f = read(form), shown = 0;
      rows.forEach(function (row) {
        var ok = matches(records.get(row), f);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      status.textContent = shown === rows.length ? "共 " + rows.length + " 个产品" : "显示 " + shown + " 个产品（共 " + rows.length + " 个）";
      empty.hidden = shown > 0;
      wrap.hidden = shown === 0;
      if (help) help.hidden = shown === 0;
      form.dataset.shown = String(shown);
      if (save) remember(f);
    }

    var params = new URL(location.href).searchParams, initial = {};
    FIELDS.forEach(function (name) { initial[name] = params.get(name) || ""; });
    write(form, initial);
    form.hidden = false;
    var jump = document.getElementById("gd-filter-jump");
    if (jump) jump.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    var clear = empty.querySelector(".gd-filter__clear");
    if (clear) clear.addEventListener("click", function () {
      form.reset();
      form.elements.category.focus();
    });
    apply(false);
  }

  if (typeof module === "object" && module.exports) { module.exports = { matches: matches }; return; }
  root.GdCatalogueFilter = { matches: matches };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(typeof self !== "undefined" ? self : this);
