// Paths 2 and 3: start Python on the trimmed precompiled stdlib (or, if Python cannot start on it, on
// Pyodide's full python_stdlib.zip) and install the calculator wheel from the site; and, on the
// trimmed stdlib or after a restore, the finder that fetches the full stdlib for a module they lack.
import { sha256 } from "./downloads.js";
import { callWorkerPy, startPyodide } from "./python.js";
import { BootError, describe } from "./state.js";

// Synchronous (imports are synchronous, and a worker may block): the full stdlib's bytes, or null.
function fetchFullStdlibSync(state) {
  const name = state.manifest.stdlib_full;
  const request = new XMLHttpRequest();
  request.open("GET", state.runtime + name, false);
  request.responseType = "arraybuffer";
  try {
    request.send();
  } catch (error) {
    console.warn(`fallback stdlib ${name}: ${error.message}`);
    return null;
  }
  if (request.status !== 200 || request.response.byteLength !== state.manifest.files[name].size) {
    console.warn(`fallback stdlib ${name}: HTTP ${request.status}, ${request.response && request.response.byteLength} bytes`);
    return null;
  }
  state.fullStdlibUsed = true;
  return new Uint8Array(request.response);
}

// The trimmed stdlib (and the snapshot) hold the modules the build saw the engine import. Should
// anything import a module they lack, this finder, last on sys.meta_path, downloads the full
// python_stdlib.zip once and imports from it.
export function installFullStdlibFinder(state, pyodide) {
  callWorkerPy(pyodide, "install_full_stdlib_finder", () => fetchFullStdlibSync(state));
}

// The calculator wheel as registered in pyodide-lock.json by pyodide-build, checked against the
// sha256 recorded there. It is unpacked directly rather than through Pyodide's `packages:`, whose
// package manager imports some thirty more stdlib modules (importlib.metadata, email, tarfile…).
async function fetchWheel(state, packageName) {
  const lockResponse = await self.fetch(state.runtime + "pyodide-lock.json");
  let entry;
  try {
    entry = (await lockResponse.json()).packages[packageName];
  } catch (error) {
    throw new BootError("测算引擎清单 pyodide-lock.json 已损坏，无法读取。请联系网站管理员重新部署。", "corrupt");
  }
  if (!entry) throw new BootError(`pyodide-lock.json 中没有登记 ${packageName}。请联系网站管理员重新部署。`, "corrupt");
  const bytes = await (await self.fetch(state.runtime + entry.file_name)).arrayBuffer();
  if ((await sha256(bytes, entry.sha256)) !== entry.sha256) {
    throw new BootError(`测算引擎安装包 ${entry.file_name} 与 pyodide-lock.json 登记的 sha256 不符（文件损坏或不完整）。请刷新重试；若仍失败，请联系网站管理员重新部署。`, "corrupt");
  }
  return new Uint8Array(bytes);
}

const onStdlib = (state, runtime, stdlib) => startPyodide(state, runtime, { stdLibURL: state.runtime + stdlib });

/** {pyodide, stdlib}: Python started on the trimmed ("trimmed") or full ("full") stdlib, the wheel installed. */
export async function startOnStdlib(state, runtime, packageName) {
  const { manifest } = state;
  state.expectFiles(manifest.fetched_stdlib, manifest.snapshot ? [manifest.snapshot.file] : []);
  state.progress("download");
  const wheelLoaded = fetchWheel(state, packageName);
  wheelLoaded.catch(() => {});
  let pyodide;
  let stdlib = "trimmed";
  try {
    state.attempt([manifest.stdlib]);
    pyodide = await onStdlib(state, runtime, manifest.stdlib);
  } catch (error) {
    // A download that failed, or a file that arrived damaged, is what it is: no second try.
    if (error instanceof BootError) throw error;
    // Python could not start on the trimmed stdlib: start again on the full one.
    console.warn("trimmed stdlib failed, booting on the full one:", error);
    stdlib = "full";
    state.settled();
    state.expectFiles([manifest.stdlib_full], [manifest.stdlib]);
    state.progress("download");
    try {
      pyodide = await onStdlib(state, runtime, manifest.stdlib_full);
    } catch (again) {
      if (state.fetchError) throw state.fetchError;
      throw new BootError(`Python 无法启动（${describe(again, 200)}）。请刷新重试；若仍失败，请联系网站管理员。`, "engine");
    }
  }
  state.settled();
  state.progress("engine");
  const wheel = await wheelLoaded;
  if (stdlib === "trimmed") installFullStdlibFinder(state, pyodide);
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  return { pyodide, stdlib };
}
