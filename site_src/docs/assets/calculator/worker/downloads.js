// Downloads: every request of the boot, each failure named with its cause, bytes counted for the
// progress bar, and the runtime's files checked against the size and sha256 bundle.json gives.
import { BootError, fileName } from "./state.js";

/** A response, or a BootError that names the file (`what` is its kind, in Chinese) and the cause. */
export async function get(state, url, what, init) {
  let response;
  try {
    response = await state.fetch(url, init);
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
export function countOn(state, response, name = fileName(response.url)) {
  if (!response.body) return;
  const reader = response.clone().body.getReader();
  let got = 0;
  (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        state.arrived(name, got, true);
        return;
      }
      got += value.byteLength;
      state.arrived(name, got);
    }
  })().catch(() => {}); // a broken stream surfaces where the original is read
}

export const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** The sha256 of `bytes` in hex, or `fallback` where the browser cannot compute it (no crypto.subtle). */
export async function sha256(bytes, fallback) {
  return crypto.subtle ? hex(await crypto.subtle.digest("SHA-256", bytes)) : fallback;
}

function corrupt(name, got, expected) {
  return new BootError(`测算引擎文件 ${name} 已损坏或不完整（收到 ${got} 字节，应为 ${expected} 字节）。请刷新重试；若仍失败，请联系网站管理员重新部署。`, "corrupt");
}

const TOO_OLD = (name) => `您的浏览器无法运行测算引擎（文件 ${name} 完好，但浏览器不支持它所用的功能，多为版本过旧）。`
  + "请升级浏览器，或换用新版的 Chrome、Edge、Firefox、Safari（iPhone、iPad 需 iOS 16.4 及以上）；"
  + "在微信中打开的，请点右上角“…”选择“在浏览器打开”。本站其他页面仍可正常浏览。";

/**
 * Why a runtime file the browser could not compile or execute failed: when it arrived whole (the size and
 * sha256 bundle.json gives), the browser is too old for it, and the visitor is told so rather than asked to
 * reload or to have the site redeployed. Returns that BootError, or null when the file is damaged, unknown
 * to bundle.json, or cannot be checked.
 */
export async function unrunnable(state, name, bytes) {
  const expected = state.manifest && state.manifest.files && state.manifest.files[name];
  if (!expected || bytes.byteLength !== expected.size || !globalThis.crypto || !crypto.subtle) return null;
  return (await sha256(bytes, "")) === expected.sha256 ? new BootError(TOO_OLD(name), "unsupported") : null;
}

// A file that arrived but is not the one the build wrote (truncated by a proxy, damaged on upload)
// is named as such, instead of surfacing later as Python's "exit(1)".
export async function checkedBytes(state, response, name) {
  const expected = state.manifest && state.manifest.files[name];
  const bytes = await response.arrayBuffer();
  if (!expected) return bytes;
  const digest = await sha256(bytes, expected.sha256);
  if (bytes.byteLength !== expected.size || digest !== expected.sha256) throw corrupt(name, bytes.byteLength, expected.size);
  return bytes;
}

async function verified(state, response, url) {
  const bytes = await checkedBytes(state, response, fileName(url));
  return new Response(bytes, { status: response.status, headers: response.headers });
}

/**
 * Pyodide fetches the wasm, the stdlib, the lock and the wheel itself; every fetch goes through the
 * function returned here (it replaces the worker's `fetch`), so that each failure is reported with its
 * cause instead of Pyodide logging it and waiting forever. Answered without the network: Pyodide's own
 * wasm request (the module compiled by wasm.js is instantiated instead) and `answeredEmpty` files.
 */
export function interceptedFetch(state, { wasmUrl, answeredEmpty, fetchForm }) {
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url === wasmUrl) return new Response(new Uint8Array(0), { headers: { "Content-Type": "application/wasm" } });
    if (answeredEmpty.has(url)) return new Response(new Uint8Array(0));
    const name = fileName(url);
    // The trimmed stdlib: from its brotli form where there is one to use, else the plain file below.
    if (state.wire(name) !== name) {
      try {
        const { bytes, how } = await fetchForm(state, name);
        state.encodings.stdlib = how;
        return new Response(bytes);
      } catch (error) {
        state.usePlain(name, error);
      }
    }
    if (name === state.manifest?.stdlib) state.encodings.stdlib = "plain";
    try {
      const response = await get(state, url, "测算引擎文件", init);
      countOn(state, response, fileName(url));
      return url.endsWith(".zip") ? await verified(state, response, url) : response;
    } catch (error) {
      state.fetchError = state.fetchError || error;
      // Only a file that a later path replaces can be done without; anything else is fatal.
      if (!state.optional.has(fileName(url))) state.fail(error);
      throw error;
    }
  };
}

// A module that fails to import says nothing useful; look at the file to name the cause.
export async function importModule(state, url) {
  try {
    return await import(url);
  } catch (error) {
    const response = await get(state, url, "测算引擎脚本");
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
    if (!/^(text|application)\/(javascript|ecmascript|x-javascript)$/i.test(type)) {
      throw new BootError(`服务器以 “${type || "无类型"}” 提供脚本 ${fileName(url)}，浏览器拒绝执行。请网站管理员将 .js 文件的 MIME 类型设为 text/javascript。`, "mime");
    }
    const tooOld = await unrunnable(state, fileName(url), await response.arrayBuffer());
    if (tooOld) throw tooOld;
    throw new BootError(`测算引擎脚本 ${fileName(url)} 已损坏或不完整（${error.message}）。请刷新重试。`, "corrupt");
  }
}

/** Whether the browser holds `url` in its HTTP cache or the service worker's, asked without the network. */
export async function isCached(state, url) {
  try {
    const response = await state.fetch(url, { cache: "only-if-cached", mode: "same-origin" });
    if (response.body) response.body.cancel().catch(() => {});
    return response.ok;
  } catch {
    return false;
  }
}
