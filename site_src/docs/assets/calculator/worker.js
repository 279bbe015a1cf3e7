// Module worker of the calculator page: boots the self-hosted Pyodide with the calculator's engine and
// answers with the same engine as the CLI.
//
// Boot paths, fastest first; each later one is taken only when the one before it fails:
//   1. snapshot: restore the build-time memory snapshot (Python started, engine imported; see
//      generator/runtime/snapshot.py) while the wasm compiles, then check it with a plan whose result the
//      build recorded. Missing, damaged, from another Pyodide build, not restorable, or a wrong check:
//      boot on the stdlib instead, with no error shown.
//   2. trimmed: start Python on the trimmed precompiled stdlib and install the calculator wheel from the
//      site (checked against the sha256 in pyodide-lock.json);
//   3. full: the same on Pyodide's full python_stdlib.zip.
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
//   {type: "ready", version, catalogue, pyodide, stdlib, boot, snapshotFailure}
//       catalogue version and hash (from catalog.json: the start of its sha256, which the page checks
//       against its own build, build-gate.js), Pyodide version, and how the engine started:
//       boot is "snapshot" (path 1) or "stdlib" (paths 2 and 3); stdlib is "snapshot" (nothing but
//       the snapshot), "snapshot+full" (a module not in the snapshot came from the full stdlib),
//       "trimmed", "trimmed+full" (likewise) or "full" (Python could not start on the trimmed one);
//       snapshotFailure is "" or why the snapshot was not used (for tests and the console only):
//       missing (not in bundle.json, or the server answered 4xx/5xx), network, corrupt (size, sha256
//       or gzip wrong), unsupported (no DecompressionStream), restore (Pyodide refused or failed to
//       restore it, e.g. another build's), check (the engine's result after the restore was wrong).
//   {type: "result", id, data, ms}             data = JSON.parse(the returned text); on any exception
//       data = {error: {field: "", message: "测算引擎内部错误：…", errors: [{field, message}]}}
//   {type: "failed", message, cause}           sent once; boot is over. message is Chinese and names
//       the file or step; cause is one of
//       network (the request failed), http (the server answered 4xx/5xx), corrupt (a file arrived
//       truncated or damaged), mime (the server sent a script with a type the browser refuses),
//       unsupported (the browser lacks a feature), engine (Python or the engine failed to start),
//       catalog (catalog.json is missing, unreadable or refused by the engine).
// boot.js also emits {type: "failed", cause: "mime"|"http"|"network"} itself when this file cannot load.

const RUNTIME = new URL("../pyodide/", import.meta.url).href;
const METHODS = new Set(["run", "options", "sheet_csv"]);
const TEXT = { download: "正在下载测算引擎", start: "正在启动 Python", engine: "正在载入测算规则" };
const realFetch = self.fetch.bind(self);
// What Pyodide is given as its stdlib when it restores a snapshot: every module the engine needs is
// already in memory, so an empty file is written instead of downloading one (answered below, never
// requested from the server); a module imported later comes from the full stdlib, on demand.
const NO_STDLIB = RUNTIME + "gd-no-stdlib-after-snapshot.zip";

let manifest = null;
const arrived = new Map(); // file name -> bytes received (the most of any fetch of it)
const expected = new Map(); // file name -> bytes the boot path being taken fetches
let phase = "download";
let session = null;
let failed = false;
let bootStarted = false;
let optional = new Set(); // files whose failure does not end the boot (a later path replaces them)
let fallible = false; // a boot attempt that another path may replace is running
let fetchError = null; // the first download that failed, which Pyodide may have swallowed

/** An error whose cause the page can act on (see the protocol above). */
class BootError extends Error {
  constructor(message, cause) {
    super(message);
    this.cause = cause;
  }
}

const fileName = (url) => decodeURIComponent(String(url).split("?")[0].split("/").pop());

function byteCounts() {
  let loaded = 0;
  for (const n of arrived.values()) loaded += n;
  if (!manifest) return { loaded, total: 0 };
  let total = 0;
  for (const name of new Set([...expected.keys(), ...arrived.keys()])) {
    total += Math.max(expected.get(name) || 0, arrived.get(name) || 0);
  }
  return { loaded, total };
}

/** Files the boot now expects (their sizes from bundle.json); a file given up on counts as what arrived. */
function expectFiles(names, givenUp = []) {
  for (const name of givenUp) expected.set(name, arrived.get(name) || 0);
  for (const name of names) expected.set(name, manifest.files[name].size);
}

function progress(next) {
  if (next) phase = next;
  const { loaded, total } = phase === "download" ? byteCounts() : { loaded: 0, total: 0 };
  postMessage({ type: "progress", phase, text: TEXT[phase], loaded, total });
}

function fail(error) {
  if (failed) return;
  failed = true;
  const cause = error instanceof BootError ? error.cause : "engine";
  const message = error instanceof BootError ? error.message
    : `测算引擎启动失败（${String(error && error.message ? error.message : error).slice(0, 300)}）`;
  postMessage({ type: "failed", message, cause });
}

// Any error that escapes is still reported, before boot is over as a failure, afterwards to the console.
// During a boot attempt that another path can replace (the snapshot, the trimmed stdlib) only errors
// with a known cause end it: others may be recovered from by the next path.
self.addEventListener("error", (event) => {
  if (!session && (!fallible || event.error instanceof BootError)) fail(event.error || event.message);
});
self.addEventListener("unhandledrejection", (event) => {
  if (!session && (!fallible || event.reason instanceof BootError)) fail(event.reason);
});

// ---------- downloads ----------

async function get(url, what, init) {
  let response;
  try {
    response = await realFetch(url, init);
  } catch (error) {
    throw new BootError(`无法下载${what} ${fileName(url)}：网络连接失败。请检查网络后刷新页面。`, "network");
  }
  if (!response.ok) {
    throw new BootError(`服务器上缺少${what} ${fileName(url)}（HTTP ${response.status}）。请联系网站管理员。`, "http");
  }
  return response;
}

// Count bytes on a clone, so that the response itself reaches WebAssembly compilation untouched:
// Chromium caches compiled wasm only for a response that came straight from fetch.
function countOn(response, name = fileName(response.url)) {
  if (!response.body) return;
  const reader = response.clone().body.getReader();
  let got = 0;
  (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      got += value.byteLength;
      arrived.set(name, Math.max(arrived.get(name) || 0, got));
      if (phase === "download") progress();
    }
  })().catch(() => {}); // a broken stream surfaces where the original is read
}

const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");

function corrupt(name, got, expected) {
  return new BootError(`测算引擎文件 ${name} 已损坏或不完整（收到 ${got} 字节，应为 ${expected} 字节）。请刷新重试；若仍失败，请联系网站管理员重新部署。`, "corrupt");
}

// A file that arrived but is not the one the build wrote (truncated by a proxy, damaged on upload)
// is named as such, instead of surfacing later as Python's "exit(1)".
async function checkedBytes(response, name) {
  const expected = manifest && manifest.files[name];
  const bytes = await response.arrayBuffer();
  if (!expected) return bytes;
  const digest = crypto.subtle ? hex(await crypto.subtle.digest("SHA-256", bytes)) : expected.sha256;
  if (bytes.byteLength !== expected.size || digest !== expected.sha256) throw corrupt(name, bytes.byteLength, expected.size);
  return bytes;
}

async function verified(response, url) {
  const bytes = await checkedBytes(response, fileName(url));
  return new Response(bytes, { status: response.status, headers: response.headers });
}

// The wasm is downloaded and compiled from the moment the worker starts, alongside the two JS modules
// and the snapshot, from the plain response (so Chromium caches the compiled code for the next visit).
// Every boot path instantiates this one compiled module. A wasm that cannot be fetched or compiled
// ends the boot at once: no other path can do without it.
const WASM_URL = RUNTIME + "pyodide.asm.wasm";

async function compileWasm() {
  const response = await get(WASM_URL, "测算引擎文件");
  countOn(response, fileName(WASM_URL));
  try {
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
    // A careless server sends .wasm as application/octet-stream, which compileStreaming refuses;
    // older Safari has no compileStreaming at all.
    if (type === "application/wasm" && typeof WebAssembly.compileStreaming === "function") {
      return await WebAssembly.compileStreaming(response);
    }
    return await WebAssembly.compile(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof WebAssembly.CompileError) {
      throw new BootError(`测算引擎文件 ${fileName(WASM_URL)} 已损坏或不完整，浏览器无法编译。请刷新重试；若仍失败，请联系网站管理员重新部署。`, "corrupt");
    }
    throw new BootError(`测算引擎文件 ${fileName(WASM_URL)} 无法载入（${error.message}）。`, "engine");
  }
}

const wasmModule = typeof WebAssembly === "object" && typeof WebAssembly.compile === "function" ? compileWasm() : null;
if (wasmModule) wasmModule.catch(fail);

// Pyodide fetches the wasm, the stdlib, the lock and the wheel itself; every fetch goes through here,
// so that each failure is reported with its cause instead of Pyodide logging it and waiting forever.
self.fetch = async (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  // Pyodide's own wasm request: the module compiled above is instantiated instead (see below).
  if (url === WASM_URL) return new Response(new Uint8Array(0), { headers: { "Content-Type": "application/wasm" } });
  if (url === NO_STDLIB) return new Response(new Uint8Array(0));
  try {
    const response = await get(url, "测算引擎文件", init);
    countOn(response, fileName(url));
    return url.endsWith(".zip") ? await verified(response, url) : response;
  } catch (error) {
    fetchError = fetchError || error;
    // Only a file that a later path replaces can be done without; anything else is fatal.
    if (!optional.has(fileName(url))) fail(error);
    throw error;
  }
};

// Pyodide swallows a failed wasm instantiation (it logs "wasm instantiation failed!" and hangs), so
// failures are reported here; the module comes from compileWasm().
WebAssembly.instantiateStreaming = async (source, imports) => {
  await source;
  const module = await wasmModule;
  try {
    return { instance: await WebAssembly.instantiate(module, imports), module };
  } catch (error) {
    const wrapped = new BootError(`测算引擎文件 ${fileName(WASM_URL)} 无法载入（${error.message}）。`, "engine");
    fail(wrapped);
    throw wrapped;
  }
};

// A module that fails to import says nothing useful; look at the file to name the cause.
async function importModule(url) {
  try {
    return await import(url);
  } catch (error) {
    const response = await get(url, "测算引擎脚本");
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
    if (!/^(text|application)\/(javascript|ecmascript|x-javascript)$/i.test(type)) {
      throw new BootError(`服务器以 “${type || "无类型"}” 提供脚本 ${fileName(url)}，浏览器拒绝执行。请网站管理员将 .js 文件的 MIME 类型设为 text/javascript。`, "mime");
    }
    throw new BootError(`测算引擎脚本 ${fileName(url)} 已损坏或不完整（${error.message}）。请刷新重试。`, "corrupt");
  }
}

// ---------- the stdlib fallback ----------

// The trimmed stdlib (and the snapshot) hold the modules the build saw the engine import. Should
// anything import a module they lack, this finder, last on sys.meta_path, downloads the full
// python_stdlib.zip once (synchronously: imports are synchronous, and a worker may block) and
// imports from it.
const FALLBACK_FINDER = String.raw`
import sys, zipimport

class _FullStdlib:
    def __init__(self, fetch_full, path):
        self._fetch_full, self._path, self._importer = fetch_full, path, None
    def find_spec(self, name, path=None, target=None):
        if self._importer is None:
            data = self._fetch_full()
            if data is None:
                return None
            with open(self._path, "wb") as out:
                out.write(data.to_py())
            self._importer = zipimport.zipimporter(self._path)
        package, _, _ = name.rpartition(".")
        importer = self._importer
        if package:
            importer = zipimport.zipimporter(self._path + "/" + package.replace(".", "/") + "/")
        try:
            return importer.find_spec(name)
        except zipimport.ZipImportError:
            return None

sys.meta_path.append(_FullStdlib(gd_fetch_full_stdlib, "/lib/python_stdlib_full.zip"))
`;

let fallbackUsed = false;

function fetchFullStdlibSync() {
  const name = manifest.stdlib_full;
  const request = new XMLHttpRequest();
  request.open("GET", RUNTIME + name, false);
  request.responseType = "arraybuffer";
  try {
    request.send();
  } catch (error) {
    console.warn(`fallback stdlib ${name}: ${error.message}`);
    return null;
  }
  if (request.status !== 200 || request.response.byteLength !== manifest.files[name].size) {
    console.warn(`fallback stdlib ${name}: HTTP ${request.status}, ${request.response && request.response.byteLength} bytes`);
    return null;
  }
  fallbackUsed = true;
  return new Uint8Array(request.response);
}

function installFallbackFinder(pyodide) {
  pyodide.globals.set("gd_fetch_full_stdlib", fetchFullStdlibSync);
  pyodide.runPython(FALLBACK_FINDER);
  pyodide.globals.delete("gd_fetch_full_stdlib");
}

// ---------- boot ----------

// Wrapped so that the page is told when the download is over and Python starts itself, and so that
// `instantiated(instance)` sees the wasm memory before anything has run in it.
function withStartProgress(createPyodideModule, instantiated = () => {}) {
  return (settings) => {
    const instantiate = settings.instantiateWasm;
    settings.instantiateWasm = (imports, done) => instantiate(imports, (instance, module) => {
      progress("start");
      instantiated(instance);
      done(instance, module);
    });
    return createPyodideModule(settings);
  };
}

async function startPython(createPyodideModule, loadPyodide, stdlib) {
  return loadPyodide({
    indexURL: RUNTIME,
    stdLibURL: RUNTIME + stdlib,
    createPyodideModule: withStartProgress(createPyodideModule),
    stdout: () => {},
    stderr: (line) => console.warn(line),
  });
}

/** The snapshot was not used; `reason` is one of the snapshotFailure values of the protocol. */
class SnapshotFailure extends Error {
  constructor(reason, detail) {
    super(`${reason}: ${detail}`);
    this.reason = reason;
  }
}

// The shipped segments (gzip-decompressed, or as the server decoded them) written straight into a
// zero-filled buffer of the snapshot's full size, at the offsets bundle.json gives: the long runs of
// zeros left out at build time are never decompressed nor copied.
async function expand(stream, info) {
  const raw = new Uint8Array(info.size);
  const reader = stream.getReader();
  let segment = 0;
  let within = 0;
  let written = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (let at = 0; at < value.length;) {
      if (segment >= info.segments.length) throw new Error("longer than its segments");
      const [offset, length] = info.segments[segment];
      const n = Math.min(length - within, value.length - at);
      raw.set(value.subarray(at, at + n), offset + within);
      at += n;
      within += n;
      written += n;
      if (within === length) {
        segment += 1;
        within = 0;
      }
    }
  }
  if (written !== info.packed_size) throw new Error(`${written} bytes, expected ${info.packed_size}`);
  return raw;
}

// The snapshot as the build wrote it (gzip), checked and expanded. A server that adds its own
// Content-Encoding for .gz files hands fetch the segments already decompressed: that is accepted too,
// checked by their size (and sha256 where the browser can compute it).
async function fetchSnapshot() {
  const info = manifest.snapshot;
  let response;
  try {
    response = await get(RUNTIME + info.file, "测算引擎快照");
  } catch (error) {
    throw new SnapshotFailure(error.cause === "http" ? "missing" : "network", error.message);
  }
  countOn(response, info.file);
  const bytes = new Uint8Array(await response.arrayBuffer().catch((error) => {
    throw new SnapshotFailure("network", error.message);
  }));
  try {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      await checkedBytes(new Response(bytes), info.file);
      // The gzip trailer's CRC-32 and length are checked by DecompressionStream as well.
      return await expand(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")), info);
    }
    if (bytes.byteLength !== info.packed_size
        || (crypto.subtle && hex(await crypto.subtle.digest("SHA-256", bytes)) !== info.packed_sha256)) {
      throw new Error(`${bytes.byteLength} bytes not as built`);
    }
    return await expand(new Blob([bytes]).stream(), info);
  } catch (error) {
    throw new SnapshotFailure("corrupt", `${info.file}: ${error.message}`);
  }
}

// After a restore: the clock already reads the real time, but the time zone, `random` and the import
// caches are as the build left them. The stdlib file the build's zipimporter cached is not on disk
// (an empty one stands in its place), so its cached importer is dropped and a module the snapshot
// lacks is found by the full-stdlib finder instead.
const AFTER_RESTORE = String.raw`
import sys, time, zipimport
if hasattr(time, "tzset"):  # not built into Pyodide 314; time.localtime() asks the browser each call
    time.tzset()
if "random" in sys.modules:
    sys.modules["random"].seed()
for _path in [p for p in sys.path_importer_cache if p.endswith(".zip")]:
    del sys.path_importer_cache[_path]
    zipimport._zip_directory_cache.pop(_path, None)
del _path
`;

// The build stored the snapshot's heap as its XOR with the memory the wasm has when just instantiated
// (generator/runtime/snapshot_maker.mjs). Called at that very moment, before Pyodide restores it. It must not
// throw (Pyodide would hang): on any error it spoils the snapshot's magic number instead, so that
// Pyodide refuses it cleanly and the stdlib boot takes over.
function undoDelta(raw, instance) {
  const { heap_start: start, xor_length: length } = manifest.snapshot;
  try {
    const memory = instance.exports.memory.buffer;
    const words = length >>> 2;
    const heap32 = new Uint32Array(raw.buffer, raw.byteOffset + start, words);
    const memory32 = new Uint32Array(memory, 0, words);
    for (let i = 0; i < words; i++) heap32[i] ^= memory32[i];
    const heap8 = new Uint8Array(raw.buffer, raw.byteOffset + start, length);
    const memory8 = new Uint8Array(memory, 0, length);
    for (let i = words << 2; i < length; i++) heap8[i] ^= memory8[i];
  } catch (error) {
    console.warn("snapshot: cannot undo its delta:", error);
    raw.fill(0, 0, 4);
  }
}

async function startFromSnapshot(createPyodideModule, loadPyodide) {
  if (typeof DecompressionStream !== "function") throw new SnapshotFailure("unsupported", "no DecompressionStream");
  let raw = null;
  const snapshot = fetchSnapshot().then((bytes) => (raw = bytes));
  snapshot.catch(() => {});
  let pyodide;
  try {
    pyodide = await loadPyodide({
      indexURL: RUNTIME,
      stdLibURL: NO_STDLIB,
      _loadSnapshot: snapshot, // awaited by Pyodide before it instantiates the wasm
      createPyodideModule: withStartProgress(createPyodideModule, (instance) => undoDelta(raw, instance)),
      stdout: () => {},
      stderr: (line) => console.warn(line),
    });
  } catch (error) {
    if (error instanceof SnapshotFailure || error instanceof BootError) throw error;
    // e.g. "Snapshot build id mismatch" (a snapshot from another Pyodide build), a heap too small.
    throw new SnapshotFailure("restore", String(error && error.message ? error.message : error).slice(0, 300));
  }
  // The self-check: the session the build made from its catalog.json must still give the result
  // the build recorded for the same plan.
  let check;
  try {
    pyodide.runPython(AFTER_RESTORE);
    const built = pyodide.globals.get("gd_session");
    check = built.run(JSON.stringify(manifest.snapshot.plan));
    built.destroy();
    pyodide.globals.delete("gd_session");
  } catch (error) {
    throw new SnapshotFailure("check", String(error && error.message ? error.message : error).slice(0, 300));
  }
  if (check !== manifest.snapshot.check) throw new SnapshotFailure("check", "the engine's result differs from the build's");
  return pyodide;
}

// The calculator wheel as registered in pyodide-lock.json by pyodide-build, checked against the
// sha256 recorded there. It is unpacked directly rather than through Pyodide's `packages:`, whose
// package manager imports some thirty more stdlib modules (importlib.metadata, email, tarfile…).
async function fetchWheel(packageName) {
  const lockResponse = await self.fetch(RUNTIME + "pyodide-lock.json");
  let entry;
  try {
    entry = (await lockResponse.json()).packages[packageName];
  } catch (error) {
    throw new BootError("测算引擎清单 pyodide-lock.json 已损坏，无法读取。请联系网站管理员重新部署。", "corrupt");
  }
  if (!entry) throw new BootError(`pyodide-lock.json 中没有登记 ${packageName}。请联系网站管理员重新部署。`, "corrupt");
  const url = RUNTIME + entry.file_name;
  const bytes = await (await self.fetch(url)).arrayBuffer();
  if (crypto.subtle && hex(await crypto.subtle.digest("SHA-256", bytes)) !== entry.sha256) {
    throw new BootError(`测算引擎安装包 ${entry.file_name} 与 pyodide-lock.json 登记的 sha256 不符（文件损坏或不完整）。请刷新重试；若仍失败，请联系网站管理员重新部署。`, "corrupt");
  }
  return new Uint8Array(bytes);
}

// Paths 2 and 3: Python started on the trimmed stdlib, or on the full one, and the wheel installed.
async function startOnStdlib(createPyodideModule, loadPyodide, packageName) {
  expectFiles(manifest.fetched_stdlib, manifest.snapshot ? [manifest.snapshot.file] : []);
  progress("download");
  const wheelLoaded = fetchWheel(packageName);
  wheelLoaded.catch(() => {});
  let pyodide;
  let stdlib = "trimmed";
  try {
    fallible = true;
    optional = new Set([manifest.stdlib]);
    pyodide = await startPython(createPyodideModule, loadPyodide, manifest.stdlib);
  } catch (error) {
    // A download that failed, or a file that arrived damaged, is what it is: no second try.
    if (error instanceof BootError) throw error;
    // Python could not start on the trimmed stdlib: start again on the full one.
    console.warn("trimmed stdlib failed, booting on the full one:", error);
    stdlib = "full";
    fallible = false;
    optional = new Set();
    expectFiles([manifest.stdlib_full], [manifest.stdlib]);
    progress("download");
    try {
      pyodide = await startPython(createPyodideModule, loadPyodide, manifest.stdlib_full);
    } catch (again) {
      if (fetchError) throw fetchError;
      throw new BootError(`Python 无法启动（${String(again && again.message ? again.message : again).slice(0, 200)}）。请刷新重试；若仍失败，请联系网站管理员。`, "engine");
    }
  }
  fallible = false;
  optional = new Set();
  progress("engine");
  const wheel = await wheelLoaded;
  if (stdlib === "trimmed") installFallbackFinder(pyodide);
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  return { pyodide, stdlib };
}

// The manifest (for the progress total) and the catalogue are fetched alongside the runtime: each
// sequential round trip would add to the wait on a real network.
async function boot(catalogUrl, packageName) {
  if (!wasmModule) {
    throw new BootError("浏览器不支持 WebAssembly。请使用新版的 Chrome、Edge、Firefox 或 Safari。", "unsupported");
  }
  progress("download");
  const manifestLoaded = get(RUNTIME + "bundle.json", "测算引擎清单").then(async (response) => {
    try {
      manifest = await response.json();
    } catch (error) {
      throw new BootError("测算引擎清单 bundle.json 已损坏，无法读取。请联系网站管理员重新部署。", "corrupt");
    }
    if (manifest.snapshot) expectFiles(manifest.fetched);
    progress();
  });
  const catalogLoaded = get(catalogUrl, "目录数据").then((response) => response.text()).catch((error) => {
    throw new BootError(error instanceof BootError ? error.message : `目录数据 catalog.json 无法读取（${error.message}）。`, "catalog");
  });
  // Failures surface below, once awaited; this only keeps them from being reported as unhandled first.
  manifestLoaded.catch(() => {});
  catalogLoaded.catch(() => {});
  const [{ loadPyodide }, { default: createPyodideModule }] = await Promise.all([
    importModule(RUNTIME + "pyodide.esm.js"), importModule(RUNTIME + "pyodide.asm.esm.js"), manifestLoaded,
  ]);
  let pyodide = null;
  let stdlib = "snapshot";
  let snapshotFailure = manifest.snapshot ? "" : "missing";
  if (manifest.snapshot) {
    try {
      fallible = true;
      optional = new Set([manifest.snapshot.file]);
      pyodide = await startFromSnapshot(createPyodideModule, loadPyodide);
      installFallbackFinder(pyodide);
    } catch (error) {
      // The wasm itself is broken: no other path can help, and the page has been told already.
      if (failed) throw error;
      await wasmModule;
      snapshotFailure = error instanceof SnapshotFailure ? error.reason : "restore";
      console.warn("snapshot not used, booting on the stdlib:", error);
      pyodide = null;
    }
    fallible = false;
    optional = new Set();
  }
  if (!pyodide) ({ pyodide, stdlib } = await startOnStdlib(createPyodideModule, loadPyodide, packageName));
  progress("engine");
  const catalogText = await catalogLoaded;
  let status;
  try {
    const { Session } = pyodide.pyimport("calculator.browser");
    // The engine checks the catalogue (JSON, format version, every key it needs) and says what is
    // wrong in Chinese; the session itself never raises on a bad file. After a restore it is made
    // again from the catalog.json the server sent (a few milliseconds), which may differ from the build's.
    session = Session(catalogText);
    status = JSON.parse(session.status());
  } catch (error) {
    const detail = String(error && error.message ? error.message : error).trim().split("\n").pop();
    throw new BootError(`测算引擎无法读取目录数据（${detail.slice(0, 200)}）。请联系网站管理员。`, "engine");
  }
  if (!status.ready) throw new BootError(`${status.message.replace(/[。.]$/, "")}。请联系网站管理员。`, "catalog");
  // Read when "ready" is sent: a module may still be fetched from the full stdlib before that.
  self.gdBoot = () => ({ stdlib: stdlib !== "full" && fallbackUsed ? `${stdlib}+full` : stdlib,
    boot: stdlib === "snapshot" ? "snapshot" : "stdlib", snapshotFailure });
  return status;
}

// ---------- calls ----------

function internalError(error) {
  const detail = String(error && error.message ? error.message : error).trim().split("\n").pop().slice(0, 300);
  const message = `测算引擎内部错误：${detail}`;
  return { error: { field: "", message, errors: [{ field: "", message }] } };
}

function call(method, payload) {
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
    if (bootStarted) return;
    bootStarted = true;
    try {
      const { version, catalogue } = await boot(message.catalogUrl, message.packageName);
      if (!failed) postMessage({ type: "ready", version, catalogue, pyodide: manifest.pyodide, ...self.gdBoot() });
    } catch (error) {
      fail(error);
    }
  } else if (message.type === "run" || message.type === "call") {
    const started = performance.now();
    const data = message.type === "run" ? call("run", message.plan) : call(message.method, message.payload);
    postMessage({ type: "result", id: message.id, data, ms: performance.now() - started });
  }
};
