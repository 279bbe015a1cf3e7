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
//   {type: "ready", version, pyodide}          catalogue version (from catalog.json), Pyodide version
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
self.addEventListener("error", (event) => { if (!session) fail(event.error || event.message); });
self.addEventListener("unhandledrejection", (event) => { if (!session) fail(event.reason); });

// ---------- downloads ----------

async function get(url, what) {
  let response;
  try {
    response = await realFetch(url);
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

// Pyodide fetches the wasm, the stdlib, the lock and the wheel itself; every fetch goes through here,
// so that each failure is reported with its cause instead of Pyodide logging it and waiting forever.
self.fetch = async (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  try {
    const response = await get(url, "测算引擎文件");
    countOn(response);
    return response;
  } catch (error) {
    fail(error);
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

// ---------- boot ----------

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
    importModule(RUNTIME + "pyodide.esm.js"), importModule(RUNTIME + "pyodide.asm.esm.js"),
  ]);
  const pyodide = await loadPyodide({
    indexURL: RUNTIME,
    // Wrapped so that the page is told when the download is over and Python starts compiling itself.
    createPyodideModule: (settings) => {
      const instantiate = settings.instantiateWasm;
      settings.instantiateWasm = (imports, done) => instantiate(imports, (instance, module) => {
        progress("start");
        done(instance, module);
      });
      return createPyodideModule(settings);
    },
    packages: [packageName],
    stdout: () => {},
    stderr: (line) => console.warn(line),
  });
  progress("engine");
  // loadPackage logs a missing or corrupt wheel instead of throwing: check it was installed.
  if (!pyodide.loadedPackages[packageName]) {
    throw new BootError("测算引擎安装包未能加载（文件缺失或校验不符）。请联系网站管理员重新部署。", "corrupt");
  }
  const [catalogText] = await Promise.all([catalogLoaded, manifestLoaded]);
  let version;
  try {
    version = JSON.parse(catalogText).catalogue_version;
    const { Session } = pyodide.pyimport("calculator.browser");
    session = Session(catalogText);
  } catch (error) {
    const detail = String(error && error.message ? error.message : error).trim().split("\n").pop();
    throw new BootError(`目录数据 catalog.json 无法使用（${detail.slice(0, 200)}）。请联系网站管理员。`, "catalog");
  }
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
      if (!failed) postMessage({ type: "ready", version, pyodide: manifest.pyodide });
    } catch (error) {
      fail(error);
    }
  } else if (message.type === "run" || message.type === "call") {
    const started = performance.now();
    const data = message.type === "run" ? call("run", message.plan) : call(message.method, message.payload);
    postMessage({ type: "result", id: message.id, data, ms: performance.now() - started });
  }
};
