// Is this browser new enough for the calculator's engine (the pinned Pyodide)? Asked before anything is
// downloaded, so a browser that is too old is told so in plain words, not that a file is damaged.
// Classic script in ES5 syntax, loaded before boot.js on the calculator page: it must itself run in the
// old browsers it is written for. `missingFeatures(scope)` is pure (node-tested in tests/js/); boot.js
// calls `gdBrowserSupport.check(boot)`.
//
// What the runtime needs, read from the pinned files rather than from version numbers (no user-agent
// sniffing): the wasm uses exception handling (Chrome 95, Firefox 100, Safari 15.2) and BigInt
// integration; Pyodide's JS uses Object.hasOwn, Array.prototype.at, WeakRef, FinalizationRegistry and
// BigInt64Array, and class static blocks (Safari 16.4), a syntax no function here can test without
// eval, which the site's CSP forbids. Safari gained wasm SIMD in the same release (16.4), after Chrome 91
// and Firefox 89, so a wasm SIMD module that does not validate marks a Safari (or a WeChat built on it)
// too old for that syntax.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.gdBrowserSupport = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var HEADER = [0, 97, 115, 109, 1, 0, 0, 0];
  // One function () -> (): type, function and code sections; the body differs.
  function module_(body) {
    var code = [1, body.length + 1, 0].concat(body);
    return new Uint8Array(HEADER.concat([1, 4, 1, 96, 0, 0], [3, 2, 1, 0], [10, code.length], code));
  }
  // try ... catch_all ... end
  var EXCEPTIONS = module_([6, 64, 25, 11, 11]);
  // v128.const 0 ; drop
  var SIMD = module_([253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 26, 11]);

  function validates(wasm, bytes) {
    try {
      return wasm.validate(bytes) === true;
    } catch (error) {
      return false;
    }
  }

  // The names of what `scope` (window, self, or a test's stand-in) lacks, in a fixed order; [] if nothing.
  function missingFeatures(scope) {
    var missing = [];
    var wasm = scope.WebAssembly;
    if (typeof wasm !== "object" || !wasm || typeof wasm.validate !== "function" || typeof wasm.instantiate !== "function") {
      missing.push("WebAssembly");
    } else {
      if (!validates(wasm, EXCEPTIONS)) missing.push("WebAssembly 异常处理");
      if (!validates(wasm, SIMD)) missing.push("WebAssembly SIMD");
    }
    if (typeof scope.BigInt !== "function" || typeof scope.BigInt64Array !== "function") missing.push("BigInt64Array");
    var object = scope.Object;
    if (!object || typeof object.hasOwn !== "function") missing.push("Object.hasOwn");
    var array = scope.Array;
    if (!array || !array.prototype || typeof array.prototype.at !== "function") missing.push("Array.prototype.at");
    if (typeof scope.WeakRef !== "function" || typeof scope.FinalizationRegistry !== "function") missing.push("WeakRef");
    if (typeof scope.Worker !== "function") missing.push("Web Worker");
    return missing;
  }

  // The words for a visitor, or "" when nothing is missing.
  function tooOldMessage(missing) {
    if (!missing.length) return "";
    return "您的浏览器版本过旧，无法运行测算引擎（缺少 " + missing.join("、") + "）。" +
      "请升级浏览器，或换用新版的 Chrome、Edge、Firefox、Safari（iPhone、iPad 需 iOS 16.4 及以上）；" +
      "在微信中打开的，请点右上角“…”选择“在浏览器打开”。本站其他页面仍可正常浏览。";
  }

  // Called by boot.js before it starts the worker: true when the browser is too old, in which case
  // `boot.error` holds the message and the page's failure box shows it, in these words, once the page is
  // parsed (after app.js, a module, has run: if app.js cannot run in this browser, this is all there is).
  function check(boot, scope) {
    scope = scope || self;
    var message = tooOldMessage(missingFeatures(scope));
    if (!message) return false;
    boot.error = message;
    boot.tooOld = true;
    var document = scope.document;
    if (document) {
      var show = function () {
        var box = document.getElementById("gd-failure");
        var reason = document.getElementById("gd-failure-reason");
        if (!box || !reason) return;
        reason.textContent = message;
        box.hidden = false;
        var loader = document.getElementById("gd-loader");
        if (loader) loader.hidden = true;
      };
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
      else show();
    }
    return true;
  }

  return { missingFeatures: missingFeatures, tooOldMessage: tooOldMessage, check: check };
});
