// Module worker of the calculator page: boots the self-hosted Pyodide, installs the calculator wheel
// from the site (checked against the sha256 in pyodide-lock.json) and answers with the same engine as
// the CLI.
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
//       phase "download": loaded/total are bytes of the runtime files (total from bundle.json);
//       phase "start" (Python starting) and "engine" (the rules being loaded): loaded = total = 0,
//       i.e. no byte count; show `text` with an indeterminate bar, never a full one.
//       text is a short Chinese status: 正在下载测算引擎 / 正在启动 Python / 正在载入测算规则.
//   {type: "ready", version, pyodide, stdlib}  catalogue version (from catalog.json), Pyodide version,
//       and which stdlib the engine runs on: "trimmed", "trimmed+full" (a module came from the
//       fallback) or "full" (Python could not start on the trimmed one)
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

let manifest = null;
let loaded = 0;
let phase = "download";
let session = null;
let failed = false;
let bootStarted = false;
let stdlibAttempt = null; // the stdlib of a boot that may still fall back to the full one
let fetchError = null; // the first download that failed, which Pyodide may have swallowed

/** An error whose cause the page can act on (see the protocol above). */
class BootError extends Error {
  constructor(message, cause) {
    super(message);
    this.cause = cause;
  }
}

const fileName = (url) => decodeURIComponent(String(url).split("?")[0].split("/").pop());

function progress(next) {
  if (next) phase = next;
  const bytes = phase === "download";
  postMessage({
    type: "progress", phase, text: TEXT[phase],
    loaded: bytes ? loaded : 0, total: bytes && manifest ? manifest.total : 0,
  });
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
// During the boot on the trimmed stdlib only errors with a known cause end it: others may be
// recovered from by booting on the full stdlib.
self.addEventListener("error", (event) => {
  if (!session && (!stdlibAttempt || event.error instanceof BootError)) fail(event.error || event.message);
});
self.addEventListener("unhandledrejection", (event) => {
  if (!session && (!stdlibAttempt || event.reason instanceof BootError)) fail(event.reason);
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
function countOn(response) {
  if (!response.body) return;
  const reader = response.clone().body.getReader();
  (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      loaded += value.byteLength;
      if (phase === "download") progress();
    }
  })().catch(() => {}); // a broken stream surfaces where the original is read
}

const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");

// A file that arrived but is not the one the build wrote (truncated by a proxy, damaged on upload)
// is named as such, instead of surfacing later as Python's "exit(1)".
async function verified(response, url) {
  const name = fileName(url);
  const expected = manifest && manifest.files[name];
  if (!expected) return response;
  const bytes = await response.arrayBuffer();
  const digest = crypto.subtle ? hex(await crypto.subtle.digest("SHA-256", bytes)) : expected.sha256;
  if (bytes.byteLength !== expected.size || digest !== expected.sha256) {
    throw new BootError(`测算引擎文件 ${name} 已损坏或不完整（收到 ${bytes.byteLength} 字节，应为 ${expected.size} 字节）。请刷新重试；若仍失败，请联系网站管理员重新部署。`, "corrupt");
  }
  return new Response(bytes, { status: response.status, headers: response.headers });
}

// The wasm download starts with the worker, alongside the two JS modules, not after them.
const WASM_URL = RUNTIME + "pyodide.asm.wasm";
let wasmPrefetch = get(WASM_URL, "测算引擎文件");
wasmPrefetch.catch(() => {});

// Pyodide fetches the wasm, the stdlib, the lock and the wheel itself; every fetch goes through here,
// so that each failure is reported with its cause instead of Pyodide logging it and waiting forever.
self.fetch = async (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  try {
    let response;
    if (url === WASM_URL && wasmPrefetch) {
      response = await wasmPrefetch;
      wasmPrefetch = null; // a second boot (the fallback) fetches again, from the HTTP cache
    } else {
      response = await get(url, "测算引擎文件", init);
    }
    countOn(response);
    return url.endsWith(".zip") ? await verified(response, url) : response;
  } catch (error) {
    fetchError = fetchError || error;
    // Only the trimmed stdlib can be done without (the full one replaces it); anything else is fatal.
    if (!stdlibAttempt || fileName(url) !== stdlibAttempt) fail(error);
    throw error;
  }
};

// Pyodide swallows a failed wasm instantiation (it logs "wasm instantiation failed!" and hangs), and
// refuses a .wasm that a careless server sends as application/octet-stream. Both are handled here.
const realInstantiateStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
WebAssembly.instantiateStreaming = async (source, imports) => {
  const response = await source;
  try {
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
    if (type === "application/wasm") return await realInstantiateStreaming(response, imports);
    return await WebAssembly.instantiate(await response.arrayBuffer(), imports);
  } catch (error) {
    const wrapped = error instanceof WebAssembly.CompileError
      ? new BootError(`测算引擎文件 ${fileName(response.url)} 已损坏或不完整，浏览器无法编译。请刷新重试；若仍失败，请联系网站管理员重新部署。`, "corrupt")
      : new BootError(`测算引擎文件 ${fileName(response.url)} 无法载入（${error.message}）。`, "engine");
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

// The trimmed stdlib holds the modules the build saw the engine import. Should anything import a
// module it lacks, this finder, last on sys.meta_path, downloads the full python_stdlib.zip once
// (synchronously: imports are synchronous, and a worker may block) and imports from it.
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

// ---------- boot ----------


async function startPython(createPyodideModule, loadPyodide, stdlib) {
  return loadPyodide({
    indexURL: RUNTIME,
    stdLibURL: RUNTIME + stdlib,
    // Wrapped so that the page is told when the download is over and Python starts itself.
    createPyodideModule: (settings) => {
      const instantiate = settings.instantiateWasm;
      settings.instantiateWasm = (imports, done) => instantiate(imports, (instance, module) => {
        progress("start");
        done(instance, module);
      });
      return createPyodideModule(settings);
    },
    stdout: () => {},
    stderr: (line) => console.warn(line),
  });
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

// The manifest (for the progress total) and the catalogue are fetched alongside the runtime: each
// sequential round trip would add to the wait on a real network.
async function boot(catalogUrl, packageName) {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    throw new BootError("浏览器不支持 WebAssembly。请使用新版的 Chrome、Edge、Firefox 或 Safari。", "unsupported");
  }
  progress("download");
  const manifestLoaded = get(RUNTIME + "bundle.json", "测算引擎清单").then(async (response) => {
    try {
      manifest = await response.json();
    } catch (error) {
      throw new BootError("测算引擎清单 bundle.json 已损坏，无法读取。请联系网站管理员重新部署。", "corrupt");
    }
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
  const wheelLoaded = fetchWheel(packageName);
  wheelLoaded.catch(() => {});
  let pyodide;
  let stdlib = "trimmed";
  try {
    stdlibAttempt = manifest.stdlib;
    pyodide = await startPython(createPyodideModule, loadPyodide, manifest.stdlib);
  } catch (error) {
    // A download that failed, or a file that arrived damaged, is what it is: no second try.
    if (error instanceof BootError) throw error;
    // Python could not start on the trimmed stdlib: start again on the full one.
    console.warn("trimmed stdlib failed, booting on the full one:", error);
    stdlib = "full";
    stdlibAttempt = null;
    loaded = 0;
    progress("download");
    try {
      pyodide = await startPython(createPyodideModule, loadPyodide, manifest.stdlib_full);
    } catch (again) {
      if (fetchError) throw fetchError;
      throw new BootError(`Python 无法启动（${String(again && again.message ? again.message : again).slice(0, 200)}）。请刷新重试；若仍失败，请联系网站管理员。`, "engine");
    }
  }
  stdlibAttempt = null;
  progress("engine");
  const wheel = await wheelLoaded;
  if (stdlib === "trimmed") {
    pyodide.globals.set("gd_fetch_full_stdlib", fetchFullStdlibSync);
    pyodide.runPython(FALLBACK_FINDER);
    pyodide.globals.delete("gd_fetch_full_stdlib");
  }
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  const catalogText = await catalogLoaded;
  let status;
  try {
    const { Session } = pyodide.pyimport("calculator.browser");
    // The engine checks the catalogue (JSON, format version, every key it needs) and says what is
    // wrong in Chinese; the session itself never raises on a bad file.
    session = Session(catalogText);
    status = JSON.parse(session.status());
  } catch (error) {
    const detail = String(error && error.message ? error.message : error).trim().split("\n").pop();
    throw new BootError(`测算引擎无法读取目录数据（${detail.slice(0, 200)}）。请联系网站管理员。`, "engine");
  }
  if (!status.ready) throw new BootError(`${status.message.replace(/[。.]$/, "")}。请联系网站管理员。`, "catalog");
  const version = status.version;
  self.gdStdlib = () => (stdlib === "full" ? "full" : fallbackUsed ? "trimmed+full" : "trimmed");
  return version;
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
      const version = await boot(message.catalogUrl, message.packageName);
      if (!failed) postMessage({ type: "ready", version, pyodide: manifest.pyodide, stdlib: self.gdStdlib() });
    } catch (error) {
      fail(error);
    }
  } else if (message.type === "run" || message.type === "call") {
    const started = performance.now();
    const data = message.type === "run" ? call("run", message.plan) : call(message.method, message.payload);
    postMessage({ type: "result", id: message.id, data, ms: performance.now() - started });
  }
};
