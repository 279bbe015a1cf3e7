// Classic script in the <head> of the calculator page only: start the Pyodide worker before the page
// is parsed, so the runtime downloads and compiles while the rest of the page loads. app.js takes the
// worker over and replays the messages that arrived before it (see the protocol at the top of
// worker.js). If worker.js itself cannot load, the worker's bare `error` event is turned into a
// {type: "failed", message, cause} message like the worker's own, naming the real cause.
(function () {
  "use strict";
  var script = document.currentScript;
  var boot = { worker: null, messages: [], moduleWorkers: false, error: null };
  window.gdBoot = boot;
  if (window.gdBrowserSupport && window.gdBrowserSupport.check(boot, window)) return;
  if (typeof WebAssembly !== "object" || !("Worker" in window)) return;
  var workerUrl = new URL("worker.js", script.src).href;
  // A browser without module workers never reads `type`: reading it is the feature test.
  var options = { get type() { boot.moduleWorkers = true; return "module"; } };
  try {
    boot.worker = new Worker(workerUrl, options);
  } catch (error) {
    boot.moduleWorkers = false;
    boot.worker = null;
    return;
  }
  if (!boot.moduleWorkers) {
    boot.worker.terminate();
    boot.worker = null;
    return;
  }
  var worker = boot.worker;

  function emit(message) {
    // Delivered like a message from the worker, to whoever listens by then (boot.js or app.js).
    worker.dispatchEvent(new MessageEvent("message", { data: message }));
  }

  function whenParsed(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  function show(text) {
    var box = document.getElementById("gd-failure");
    var reason = document.getElementById("gd-failure-reason");
    if (!box || !reason) return;
    reason.textContent = text;
    box.hidden = false;
    var loader = document.getElementById("gd-loader");
    if (loader) loader.hidden = true;
  }

  // Once the engine runs, the site's service worker (sw.js at the site root) keeps the runtime for
  // repeat visits and offline use. Registered only from here, so no other page downloads the runtime;
  // where service workers are unavailable (plain http, disabled), nothing changes.
  function keepForLater() {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    var root = new URL("../../", script.src);
    var url = new URL("sw.js", root).href;
    navigator.serviceWorker.register(url, { scope: root.pathname }).catch(function (error) {
      if (window.console) console.warn("service worker:", error);
      forgetIfGone(url, root);
    });
  }

  // A sw.js that the server no longer gives (404), redirects or sends as something other than a script
  // must not keep visitors on an earlier worker: the worker of this site's path is unregistered and its
  // caches deleted. A network failure (offline) keeps everything: the calculator works offline.
  function forgetIfGone(url, root) {
    fetch(url, { cache: "no-store", redirect: "manual" }).then(function (response) {
      var type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
      if (response.ok && /^(text|application)\/(javascript|ecmascript|x-javascript)$/i.test(type)) return null;
      var prefix = "gd-calculator:" + root.pathname + ":";
      return navigator.serviceWorker.getRegistration(root.href).then(function (registration) {
        return registration && registration.scope === root.href ? registration.unregister() : null;
      }).then(function () {
        return window.caches ? caches.keys() : [];
      }).then(function (names) {
        return Promise.all(names.filter(function (name) { return name.indexOf(prefix) === 0; })
          .map(function (name) { return caches.delete(name); }));
      });
    }).catch(function () { /* unreachable: keep the offline copy */ });
  }

  // Why did worker.js not start? Look at the file itself.
  function diagnose() {
    var failed = function (message, cause) { boot.error = message; emit({ type: "failed", message: message, cause: cause }); };
    if (typeof fetch !== "function") {
      failed("测算引擎脚本 worker.js 无法启动。", "unsupported");
      return;
    }
    fetch(workerUrl, { cache: "no-store" }).then(function (response) {
      var type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
      if (!response.ok) {
        failed("服务器上缺少测算引擎脚本 worker.js（HTTP " + response.status + "）。请联系网站管理员。", "http");
      } else if (!/^(text|application)\/(javascript|ecmascript|x-javascript)$/i.test(type)) {
        failed("服务器以 “" + (type || "无类型") + "” 提供脚本 worker.js，浏览器拒绝执行。请网站管理员将 .js 文件的 MIME 类型设为 text/javascript。", "mime");
      } else {
        failed("测算引擎脚本 worker.js 已损坏或不完整，无法执行。请刷新重试；若仍失败，请联系网站管理员。", "corrupt");
      }
    }, function () {
      failed("无法下载测算引擎脚本 worker.js：网络连接失败。请检查网络后刷新页面。", "network");
    });
  }

  // Registered before anyone sets onerror, so it runs first and can keep a bare "error" from being
  // shown in place of the real cause. Errors after the worker has spoken are its own to report.
  var spoken = false;
  worker.addEventListener("message", function (event) {
    spoken = true;
    if (event.data && event.data.type === "ready") keepForLater();
    // If app.js never took the worker over (it did not load, or was refused for its MIME type), the
    // page's failure box is filled from here, once the page is parsed.
    if (event.data && event.data.type === "failed") {
      var text = event.data.message;
      whenParsed(function () { if (!boot.takenOver()) show(text); });
    }
  });
  worker.addEventListener("error", function (event) {
    if (spoken) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    spoken = true;
    diagnose();
  });
  var queue = function (event) { boot.messages.push(event.data); };
  worker.onmessage = queue;
  boot.takenOver = function () { return worker.onmessage !== queue; };
  worker.postMessage({
    type: "init",
    catalogUrl: new URL(script.getAttribute("data-catalog"), location.href).href,
    packageName: script.getAttribute("data-package"),
  });
})();
