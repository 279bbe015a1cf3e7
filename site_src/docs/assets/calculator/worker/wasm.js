// The wasm is downloaded and compiled from the moment the worker starts, alongside the two JS modules
// and the snapshot: from its brotli form, decoded as it arrives and compiled as it is decoded (brotli.js),
// or, where that form fails, from the plain response (so Chromium caches the compiled code for the next
// visit). Every boot path instantiates this one compiled module. A wasm that cannot be fetched or compiled
// ends the boot at once: no other path can do without it.
import { checkDecoded, collect, openForm } from "./brotli.js";
import { keptResponse } from "./decoded.js";
import { countOn, get, unrunnable } from "./downloads.js";
import { BootError, fileName } from "./state.js";

export const supported = () => typeof WebAssembly === "object" && typeof WebAssembly.compile === "function";

/**
 * The compiled module (a promise), or null where the browser has no WebAssembly. `formUrl` is the wasm's
 * brotli form, fetched first when the worker decodes forms (state.forms).
 */
export function compileWasm(state, url, formUrl) {
  if (!supported()) return null;
  const compiled = compile(state, url, formUrl);
  compiled.then(() => state.mark("wasm compiled"), (error) => state.fail(error));
  return compiled;
}

// The decoded wasm is compiled as it is decoded, and checked against bundle.json alongside: the module
// is used only if both succeed. A whole wasm that does not compile is the browser's fault, not the form's.
async function compileForm(state, url, formUrl) {
  const name = fileName(url);
  const { stream, how } = await openForm(state, name, formUrl);
  const [toCompile, toCheck] = stream.tee();
  const checked = collect(toCheck).then((bytes) => checkDecoded(state, name, bytes));
  const compiled = typeof WebAssembly.compileStreaming === "function"
    ? WebAssembly.compileStreaming(new Response(toCompile, { headers: { "Content-Type": "application/wasm" } }))
    : checked.then((bytes) => WebAssembly.compile(bytes));
  compiled.catch(() => {});
  const bytes = await checked;
  state.toKeep.push([url, bytes, "application/wasm"]);
  let module;
  try {
    module = await compiled;
  } catch (error) {
    throw (await unrunnable(state, name, bytes)) || error;
  }
  state.encodings.wasm = how;
  return module;
}

async function compile(state, url, formUrl) {
  // Decoded on an earlier visit (decoded.js): compiled from there, nothing downloaded nor decoded.
  const kept = state.forms ? await keptResponse(state, url) : null;
  if (kept) {
    state.linkFile = fileName(url);
    state.keptUsed.push(url);
    state.encodings.wasm = "kept";
    // Counted as it is read below, as the plain file, not as its form.
    if (state.manifest) state.expectFiles([fileName(url)], [state.wire(fileName(url))], true);
    state.kept.add(fileName(url));
    countOn(state, kept, fileName(url));
    try {
      return await WebAssembly.compileStreaming(kept);
    } catch (error) {
      console.warn("kept wasm not used:", error);
      state.kept.delete(fileName(url));
      state.linkFile = fileName(formUrl);
    }
  }
  if (formUrl && state.forms) {
    try {
      return await compileForm(state, url, formUrl);
    } catch (error) {
      if (error instanceof BootError && error.cause === "unsupported") throw error;
      await state.manifestReady;
      state.usePlain(fileName(url), error);
    }
  }
  state.encodings.wasm = "plain";
  const response = await get(state, url, "测算引擎文件");
  countOn(state, response, fileName(url));
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
      throw (await intactButUnrunnable(state, url)) || new BootError(`测算引擎文件 ${fileName(url)} 已损坏或不完整，浏览器无法编译。请刷新重试；若仍失败，请联系网站管理员重新部署。`, "corrupt");
    }
    throw new BootError(`测算引擎文件 ${fileName(url)} 无法载入（${error.message}）。`, "engine");
  }
}

// The compiled response is consumed: ask again (the HTTP cache answers) to tell a damaged file from a
// browser too old for a whole one.
async function intactButUnrunnable(state, url) {
  try {
    const again = await state.fetch(url);
    return again.ok ? await unrunnable(state, fileName(url), await again.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

// Pyodide swallows a failed wasm instantiation (it logs "wasm instantiation failed!" and hangs), so
// failures are reported by the function returned here, which replaces WebAssembly.instantiateStreaming;
// the module is the one compileWasm() compiled.
export function instantiateCompiled(state, url, compiled) {
  return async (source, imports) => {
    await source;
    const module = await compiled;
    try {
      return { instance: await WebAssembly.instantiate(module, imports), module };
    } catch (error) {
      const wrapped = new BootError(`测算引擎文件 ${fileName(url)} 无法载入（${error.message}）。`, "engine");
      state.fail(wrapped);
      throw wrapped;
    }
  };
}
