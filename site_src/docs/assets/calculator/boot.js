// Classic script in the <head> of the calculator page only: start the Pyodide worker before the page
// is parsed, so the runtime downloads and compiles while the rest of the page loads. app.js takes the
// worker over and replays the messages that arrived before it.
(function () {
  "use strict";
  var script = document.currentScript;
  var boot = { worker: null, messages: [], moduleWorkers: false, error: null };
  window.gdBoot = boot;
  if (typeof WebAssembly !== "object" || !("Worker" in window)) return;
  // A browser without module workers never reads `type`: reading it is the feature test.
  var options = { get type() { boot.moduleWorkers = true; return "module"; } };
  try {
    boot.worker = new Worker(new URL("worker.js", script.src), options);
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
  boot.worker.onmessage = function (event) { boot.messages.push(event.data); };
  boot.worker.onerror = function (event) { boot.error = event.message || "worker error"; };
  boot.worker.postMessage({
    type: "init",
    catalogUrl: new URL(script.getAttribute("data-catalog"), location.href).href,
    packageName: script.getAttribute("data-package"),
  });
})();
