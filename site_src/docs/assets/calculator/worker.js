// Module worker of the calculator page: boots the self-hosted Pyodide with the calculator's engine and
// answers with the same engine as the CLI.
//
// Split the way Pyodide splits its loader: this entry holds the protocol and the boot; beside it, in
// worker/, are the boot state (state.js, progress.js), downloads (downloads.js: sha256 checks and byte
// counts), the brotli forms (brotli.js), the wasm (wasm.js), starting Python (python.js), the snapshot
// (snapshot.js) and the stdlib boots (stdlib.js). The Python the worker runs is
// generator/runtime/py/gd_worker.py, shipped inside the trimmed stdlib and present in the snapshot.
//
// Boot paths, fastest first; each later one is taken only when the one before it fails, except that on a
// slow link (measured on the wasm's download, worker/choice.js) path 2 is taken first, as it downloads less:
//   1. snapshot: restore the build-time memory snapshot (Python started, engine imported; see
//      generator/runtime/snapshot.py) while the wasm compiles, then check it with a plan whose result the
//      build recorded. Missing, damaged, from another Pyodide build, not restorable, or a wrong check:
//      boot on the stdlib instead, with no error shown.
//   2. trimmed: start Python on the trimmed precompiled stdlib and install the calculator wheel from the
//      site (checked against the sha256 in pyodide-lock.json);
//   3. full: the same on Pyodide's full python_stdlib.zip.
// Whatever the path, the wasm, the snapshot and the trimmed stdlib are fetched in their brotli forms and
// decoded here (worker/brotli.js), so a host that compresses nothing still sends brotli's bytes; where a
// form fails (missing, damaged, no decoder) the plain file is fetched, compressed or not by the server.
//
// Protocol (structured-clone messages; the page never sees a Python object or a traceback)
//
// page -> worker
//   {type: "init", catalogUrl, packageName}   sent once, by boot.js, as soon as the worker exists
//   {type: "run", id, plan}                   Session.run(JSON.stringify(plan)); kept for old callers
//   {type: "call", id, method, payload}       calculator.browser.Session.<method>(JSON.stringify(payload))
//                                             for method in "run" | "options" | "sheet_csv"
// worker -> page
//   {type: "progress", phase, loaded, total, text}
//       phase "download": loaded/total are bytes of the runtime files this boot fetches (sizes from
//       bundle.json; total is 0 until bundle.json has arrived). If the snapshot fails, what arrived of
//       it stays counted and the stdlib boot's files are added to the total: the byte count never goes
//       back, and reaches the total only when every file it counts has arrived;
//       phase "start" (Python starting) and "engine" (the rules being loaded): loaded = total = 0,
//       i.e. no byte count; show `text` with an indeterminate bar, never a full one.
//       text is a short Chinese status: 正在下载测算引擎 / 正在启动 Python / 正在载入测算规则.
//   {type: "ready", version, catalogue, pyodide, stdlib, boot, snapshotFailure, chosen, link, encodings,
//    decodeMs, keptMiss, marks}
//       catalogue version and hash (from catalog.json: the start of its sha256, which the page checks
//       against its own build, build-gate.js), Pyodide version, and how the engine started:
//       boot is "snapshot" (path 1) or "stdlib" (paths 2 and 3); stdlib is "snapshot" (nothing but
//       the snapshot), "snapshot+full" (a module not in the snapshot came from the full stdlib),
//       "trimmed", "trimmed+full" (likewise) or "full" (Python could not start on the trimmed one);
//       chosen is the boot the worker chose from the link's measured speed ("snapshot", or "stdlib" on a
//       slow link, worker/choice.js) and link that measure ({ms, heldMs, done}: the wasm's download time);
//       encodings says how each large file arrived ({wasm, snapshot or stdlib}: "worker" for its brotli form
//       decoded by the worker, "server" for that form decoded on the way, "plain" for the plain file, "kept"
//       for what the worker decoded on an earlier visit, worker/decoded.js) and
//       decodeMs the time spent decoding each brotli form (by file name), both for tests and the bench;
//       keptMiss why the snapshot's segments kept by an earlier visit were not used ("" where they were or
//       were not looked for, worker/decoded.js); marks when each step of the boot ended (ms since the epoch,
//       worker/state.js), for the bench;
//       snapshotFailure is "" or why the snapshot was not used (for tests and the console only):
//       missing (not in bundle.json, or the server answered 4xx/5xx), network, corrupt (size, sha256
//       or gzip wrong), unsupported (no DecompressionStream), restore (Pyodide refused or failed to
//       restore it, e.g. another build's), check (the engine's result after the restore was wrong).
//   {type: "kept"}                             after "ready", once what the boot decoded is stored for the next
//       visit (worker/decoded.js); the page ignores it, tests wait for it
//   {type: "result", id, data, ms}             data = JSON.parse(the returned text); on any exception
//       data = {error: {field: "", message: "测算引擎内部错误：…", errors: [{field, message}]}}
//   {type: "failed", message, cause}           sent once; boot is over. message is Chinese and names
//       the file or step; cause is one of
//       network (the request failed), http (the server answered 4xx/5xx), corrupt (a file arrived
//       truncated or damaged), mime (the server sent a script with a type the browser refuses),
//       unsupported (the browser lacks a feature), engine (Python or the engine failed to start),
//       catalog (catalog.json is missing, unreadable or refused by the engine).
// boot.js also emits {type: "failed", cause: "mime"|"http"|"network"} itself when this file cannot load.

import { canDecode, fetchForm } from "./worker/brotli.js";
import { preferCached } from "./worker/choice.js";
import { keepDecoded, readKeptSegments } from "./worker/decoded.js";
import { get, importModule, interceptedFetch, isCached } from "./worker/downloads.js";
import { startFromSnapshot } from "./worker/snapshot.js";
import { BootError, BootState, SnapshotFailure, fileName } from "./worker/state.js";
import { installFullStdlibFinder, startOnStdlib } from "./worker/stdlib.js";
import { compileWasm, instantiateCompiled } from "./worker/wasm.js";

const RUNTIME = new URL("../pyodide/", import.meta.url).href;
const WASM_URL = RUNTIME + "pyodide.asm.wasm";
// The wasm's brotli form (generator/runtime/brotli_forms.py), decoded by the worker (worker/brotli.js).
const WASM_FORM_URL = RUNTIME + "pyodide.asm.wasm.brotli";
// What Pyodide is given as its stdlib when it restores a snapshot: every module the engine needs is
// already in memory, so an empty file is written instead of downloading one (answered by the fetch
// below, never requested from the server); a module imported later comes from the full stdlib, on demand.
const NO_STDLIB = RUNTIME + "gd-no-stdlib-after-snapshot.zip";
const METHODS = new Set(["run", "options", "sheet_csv"]);

const state = new BootState({ runtime: RUNTIME, fetch: self.fetch.bind(self), post: (message) => postMessage(message) });
state.forms = canDecode();
state.linkFile = fileName(state.forms ? WASM_FORM_URL : WASM_URL);

// Any error that escapes is still reported, before boot is over as a failure, afterwards to the console.
// During a boot attempt that another path can replace (the snapshot, the trimmed stdlib) only errors
// with a known cause end it: others may be recovered from by the next path.
self.addEventListener("error", (event) => state.escaped(event.error || event.message));
self.addEventListener("unhandledrejection", (event) => state.escaped(event.reason));

// The wasm downloads and compiles from now on; Pyodide's own requests go through `interceptedFetch`
// and its instantiation gets this compiled module.
const wasmModule = compileWasm(state, WASM_URL, WASM_FORM_URL);
// What an earlier visit decoded of the snapshot is read from now on too (worker/decoded.js).
state.keptSegments = state.forms ? readKeptSegments(state) : Promise.resolve(null);
self.fetch = interceptedFetch(state, { wasmUrl: WASM_URL, answeredEmpty: new Set([NO_STDLIB]), fetchForm });
WebAssembly.instantiateStreaming = instantiateCompiled(state, WASM_URL, wasmModule);

// ---------- boot ----------

async function readManifest(response) {
  try {
    state.manifest = await response.json();
  } catch (error) {
    throw new BootError("测算引擎清单 bundle.json 已损坏，无法读取。请联系网站管理员重新部署。", "corrupt");
  }
  state.mark("manifest");
  state.gotManifest(state.manifest);
  if (state.manifest.snapshot) state.expectFiles(state.manifest.fetched);
  state.progress();
}

// The manifest (for the progress total) and the catalogue are fetched alongside the runtime: each
// sequential round trip would add to the wait on a real network.
async function boot(catalogUrl, packageName) {
  if (!wasmModule) {
    throw new BootError("浏览器不支持 WebAssembly。请使用新版的 Chrome、Edge、Firefox 或 Safari。", "unsupported");
  }
  state.progress("download");
  const manifestLoaded = get(state, RUNTIME + "bundle.json", "测算引擎清单").then(readManifest);
  manifestLoaded.catch((error) => state.noManifest(error));
  const catalogLoaded = get(state, catalogUrl, "目录数据").then((response) => response.text()).catch((error) => {
    throw new BootError(error instanceof BootError ? error.message : `目录数据 catalog.json 无法读取（${error.message}）。`, "catalog");
  });
  // Failures surface below, once awaited; this only keeps them from being reported as unhandled first.
  manifestLoaded.catch(() => {});
  catalogLoaded.catch(() => {});
  const [{ loadPyodide }, { default: createPyodideModule }] = await Promise.all([
    importModule(state, RUNTIME + "pyodide.esm.js"), importModule(state, RUNTIME + "pyodide.asm.esm.js"), manifestLoaded,
  ]);
  state.mark("modules");
  const runtime = { loadPyodide, createPyodideModule };
  const { manifest } = state;
  let pyodide = null;
  let stdlib = "snapshot";
  let snapshotFailure = manifest.snapshot ? "" : "missing";
  // On a slow link the stdlib boot, which downloads less, is taken instead of the snapshot (worker/choice.js).
  let chosen = "stdlib";
  if (manifest.snapshot) {
    const size = (name) => manifest.files[state.wire(name)].size;
    const [measured, snapshotCached, kept, stdlibCached] = await Promise.all([
      state.chooseBoot(size(manifest.snapshot.file) - size(manifest.stdlib) - size(manifest.wheel)),
      isCached(state, RUNTIME + state.wire(manifest.snapshot.file)),
      state.keptSegments.then((kept) => Boolean(kept && kept.file === manifest.snapshot.file)),
      isCached(state, RUNTIME + state.wire(manifest.stdlib)),
    ]);
    chosen = preferCached({ snapshotCached: snapshotCached || kept, stdlibCached }, measured);
    state.mark("chosen");
  }
  if (manifest.snapshot && chosen === "snapshot") {
    try {
      state.attempt([manifest.snapshot.file]);
      pyodide = await startFromSnapshot(state, runtime, NO_STDLIB);
      installFullStdlibFinder(state, pyodide);
    } catch (error) {
      // The wasm itself is broken: no other path can help, and the page has been told already.
      if (state.failed) throw error;
      await wasmModule;
      snapshotFailure = error instanceof SnapshotFailure ? error.reason : "restore";
      console.warn("snapshot not used, booting on the stdlib:", error);
      pyodide = null;
    }
    state.settled();
  }
  if (!pyodide) ({ pyodide, stdlib } = await startOnStdlib(state, runtime, packageName));
  state.mark("python");
  state.progress("engine");
  const catalogText = await catalogLoaded;
  let status;
  try {
    const { Session } = pyodide.pyimport("calculator.browser");
    // The engine checks the catalogue (JSON, format version, every key it needs) and says what is
    // wrong in Chinese; the session itself never raises on a bad file. After a restore it is made
    // again from the catalog.json the server sent (a few milliseconds), which may differ from the build's.
    state.session = Session(catalogText);
    status = JSON.parse(state.session.status());
  } catch (error) {
    const detail = String(error && error.message ? error.message : error).trim().split("\n").pop();
    throw new BootError(`测算引擎无法读取目录数据（${detail.slice(0, 200)}）。请联系网站管理员。`, "engine");
  }
  if (!status.ready) throw new BootError(`${status.message.replace(/[。.]$/, "")}。请联系网站管理员。`, "catalog");
  state.mark("session");
  // Read when "ready" is sent: a module may still be fetched from the full stdlib before that.
  const how = () => ({ stdlib: stdlib !== "full" && state.fullStdlibUsed ? `${stdlib}+full` : stdlib,
    boot: stdlib === "snapshot" ? "snapshot" : "stdlib", snapshotFailure, chosen, link: state.link.sample(),
    encodings: { ...state.encodings },
    decodeMs: { ...state.decodeMs }, keptMiss: state.keptMiss, marks: { ...state.marks } });
  return { version: status.version, catalogue: status.catalogue, how };
}

// ---------- calls ----------

function internalError(error) {
  const detail = String(error && error.message ? error.message : error).trim().split("\n").pop().slice(0, 300);
  const message = `测算引擎内部错误：${detail}`;
  return { error: { field: "", message, errors: [{ field: "", message }] } };
}

function call(method, payload) {
  const { session } = state;
  if (!session) {
    const message = "测算引擎尚未就绪";
    return { error: { field: "", message, errors: [{ field: "", message }] } };
  }
  if (!METHODS.has(method)) return internalError(`不支持的调用 ${method}`);
  try {
    const fn = session[method];
    if (!fn) return internalError(`测算引擎没有 ${method} 方法`);
    return JSON.parse(fn.call(session, JSON.stringify(payload === undefined ? null : payload)));
  } catch (error) {
    return internalError(error);
  }
}

self.onmessage = async (event) => {
  const message = event.data || {};
  if (message.type === "init") {
    if (state.started) return;
    state.started = true;
    try {
      const { version, catalogue, how } = await boot(message.catalogUrl, message.packageName);
      if (!state.failed) postMessage({ type: "ready", version, catalogue, pyodide: state.manifest.pyodide, ...how() });
      // After the answer: what this boot decoded is kept for the next visit, then said ("kept", which the page
      // ignores; the tests wait for it before they leave).
      if (!state.failed) keepDecoded(state).then(() => postMessage({ type: "kept" }));
    } catch (error) {
      state.fail(error);
    }
  } else if (message.type === "run" || message.type === "call") {
    const started = performance.now();
    const data = message.type === "run" ? call("run", message.plan) : call(message.method, message.payload);
    postMessage({ type: "result", id: message.id, data, ms: performance.now() - started });
  }
};
