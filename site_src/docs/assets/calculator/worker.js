// Module worker: boots the self-hosted Pyodide, installs the calculator wheel from the site (checked
// against the sha256 in pyodide-lock.json) and answers plans with the same engine as the CLI.
import { loadPyodide } from "../pyodide/pyodide.esm.js";
import createPyodideModule from "../pyodide/pyodide.asm.esm.js";

const RUNTIME = new URL("../pyodide/", import.meta.url).href;
const realFetch = self.fetch.bind(self);
let manifest = null;
let loaded = 0;
let session = null;

function report() {
  postMessage({ type: "progress", loaded, total: manifest ? manifest.total : 0 });
}

// Count the bytes of each download for the progress bar. A careless server may send .wasm as
// application/octet-stream, on which Pyodide's WebAssembly.instantiateStreaming fails and loading
// hangs; re-wrapping the body with the right type keeps streaming compilation on every server.
function counted(response, url) {
  if (!response.ok || !response.body) return response;
  const reader = response.body.getReader();
  const stream = new ReadableStream({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) { controller.close(); return; }
      loaded += value.byteLength;
      report();
      controller.enqueue(value);
    },
    cancel(reason) { return reader.cancel(reason); },
  });
  const headers = new Headers(response.headers);
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  if (url.endsWith(".wasm")) headers.set("Content-Type", "application/wasm");
  return new Response(stream, { status: response.status, statusText: response.statusText, headers });
}

// Pyodide catches a failed wasm download and then waits forever, so a failed download is reported
// to the page from here, before Pyodide sees it.
function downloadFailed(url, reason) {
  const name = url.split("/").pop();
  postMessage({ type: "failed", message: `下载 ${name} 失败（${reason}）` });
  return new Error(`下载 ${name} 失败（${reason}）`);
}

self.fetch = async (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  let response;
  try {
    response = await realFetch(input, init);
  } catch (error) {
    throw downloadFailed(url, "网络错误");
  }
  if (!response.ok) throw downloadFailed(url, `HTTP ${response.status}`);
  return counted(response, url);
};

async function fetchOk(url, what) {
  const response = await realFetch(url);
  if (!response.ok) throw new Error(`找不到${what}（HTTP ${response.status}）`);
  return response;
}

// The runtime, the manifest (for the progress total) and the catalogue are fetched side by side:
// on a real network each sequential round trip would add to the wait.
async function boot(catalogUrl, packageName) {
  const manifestLoaded = fetchOk(RUNTIME + "bundle.json", "测算引擎清单 bundle.json")
    .then((response) => response.json())
    .then((json) => { manifest = json; report(); });
  const catalogLoaded = fetchOk(catalogUrl, "目录数据 catalog.json").then((response) => response.text());
  // Failures surface below, once awaited; this only keeps them from being reported as unhandled first.
  manifestLoaded.catch(() => {});
  catalogLoaded.catch(() => {});
  const pyodide = await loadPyodide({
    indexURL: RUNTIME,
    createPyodideModule,
    packages: [packageName],
    stdout: () => {},
    stderr: (line) => console.warn(line),
  });
  // loadPackage logs a missing or corrupt wheel instead of throwing: check it was installed.
  if (!pyodide.loadedPackages[packageName]) throw new Error("测算引擎安装包未能加载");
  const [catalogText] = await Promise.all([catalogLoaded, manifestLoaded]);
  const { Session } = pyodide.pyimport("calculator.browser");
  session = Session(catalogText);
  return JSON.parse(catalogText).catalogue_version;
}

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "init") {
    try {
      const version = await boot(message.catalogUrl, message.packageName);
      postMessage({ type: "ready", version, pyodide: manifest.pyodide });
    } catch (error) {
      postMessage({ type: "failed", message: String(error && error.message ? error.message : error) });
    }
  } else if (message.type === "run") {
    if (!session) {
      postMessage({ type: "result", id: message.id, data: { error: { field: "", message: "测算引擎尚未就绪" } } });
      return;
    }
    const started = performance.now();
    const data = JSON.parse(session.run(JSON.stringify(message.plan)));
    postMessage({ type: "result", id: message.id, data, ms: performance.now() - started });
  }
};
