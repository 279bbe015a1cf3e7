// Is this page of the build the server has now? Every page names its build in <meta name="gd-build">
// (generator/hosting/build_identity.py); build.json at the site root names the server's, and is fetched
// here with `cache: "no-store"`, so even on a host that sends no Cache-Control (where a browser may keep
// reusing an old page for days) a page learns at load that the site was updated. It then says so and
// offers to reload; the calculator shows no figure meanwhile (assets/calculator/build-gate.js). If the
// page is still not of the server's build after a reload, the server itself is out of step (an upload
// not finished, a page's .gz copy older than the page), and the page says that instead.
//
// window.gdBuildCheck = {page, state, server, message, done, reload}: state is "pending", then "same",
// "newer" (another build; reload), "stuck" (still another build after a reload) or "unknown" (no answer:
// offline, or a site without build.json); `done` resolves to the state.
//
// Loaded first in <head> and not deferred, it also notes every file of the page that fails to load
// (window.gdLost) and names them in #gd-lost once the page has loaded: a half-finished upload is told
// even when no other script of the page could be loaded.
(function () {
  "use strict";
  var lost = window.gdLost = [];
  window.addEventListener("error", function (event) {
    var target = event.target;
    if (target && target !== window && (target.src || target.href)) lost.push(target.src || target.href);
  }, true);
  window.addEventListener("load", function () {
    var box = document.getElementById("gd-lost");
    if (!lost.length || !box) return;
    box.querySelector("[data-gd-lost]").textContent = lost.map(function (url) {
      return decodeURIComponent(url.split("?")[0].split("/").pop());
    }).join("、");
    box.hidden = false;
  });

  var KEY = "gd-build-reloaded-for";
  var meta = document.querySelector('meta[name="gd-build"]');
  var manifestUrl = new URL("../../build.json", document.currentScript.src).href; // this file is assets/js/
  var check = { page: meta ? meta.content : "", state: "pending", server: null, message: "" };
  window.gdBuildCheck = check;

  function remembered() {
    try { return sessionStorage.getItem(KEY); } catch (error) { return null; }
  }

  function remember(build) {
    try {
      if (build) sessionStorage.setItem(KEY, build);
      else sessionStorage.removeItem(KEY);
    } catch (error) { /* private mode: a second reload is offered instead of the "stuck" message */ }
  }

  // The words for each state; `server` is build.json as the server sent it.
  function messageOf(state, page, server) {
    var date = server && server.date ? "（" + server.date + " 构建）" : "";
    if (state === "newer") {
      return "本站已更新" + date + "，您看到的是此前版本的页面，其中的内容和金额可能已经过时。请刷新页面，使用最新版本。";
    }
    if (state === "stuck") {
      return "刷新后，本页面仍不是网站的最新版本（本页 " + page + "，网站 " + server.build + "）：网站更新可能尚未完成，" +
        "或服务器上页面的压缩副本（.gz、.br）未随页面一同更新。请稍后再刷新；如仍出现，请告知网站管理员。";
    }
    return "";
  }

  function stateOf(page, server, reloadedFor) {
    if (!server || typeof server.build !== "string" || !page) return "unknown";
    if (server.build === page) return "same";
    return reloadedFor === server.build ? "stuck" : "newer";
  }

  // Fetch the page itself again past every cache, then reload: even a server whose validators did not
  // change (same size, same date) cannot hand back the old page.
  check.reload = function () {
    if (check.server) remember(check.server.build);
    var go = function () { location.reload(); };
    if (typeof fetch !== "function") { go(); return; }
    fetch(location.href, { cache: "reload", credentials: "same-origin" }).then(go, go);
  };

  function show() {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", show);
      return;
    }
    var box = document.getElementById("gd-update");
    if (!box) return;
    box.querySelector("[data-gd-update-text]").textContent = check.message;
    var button = box.querySelector("[data-gd-update-reload]");
    button.hidden = false;
    button.onclick = check.reload;
    box.hidden = false;
  }

  function settle(server) {
    check.server = server;
    check.state = stateOf(check.page, server, remembered());
    check.message = messageOf(check.state, check.page, server);
    if (check.state === "same") remember(null);
    if (check.message) show();
    return check.state;
  }

  check.done = typeof fetch !== "function" ? Promise.resolve(settle(null))
    : fetch(manifestUrl, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(settle, function () { return settle(null); });
})();
