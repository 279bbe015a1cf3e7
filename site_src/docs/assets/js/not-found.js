/* 404 page (issue 12): the 搜索本站 button opens the theme's search. It stays hidden until this script
 * finds the search, so it never shows as a dead button. */
(function () {
  "use strict";
  function wire() {
    var toggle = document.getElementById("__search");
    if (!toggle) return;
    document.querySelectorAll("[data-gd-open-search]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change", { bubbles: true }));
        var input = document.querySelector(".md-search__input");
        if (input) input.focus();
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
