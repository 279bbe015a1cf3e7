// The runtime's brotli forms (generator/runtime/brotli_forms.py): the wasm, the snapshot's segments and the
// trimmed stdlib, fetched as plain bytes under names of their own and decoded here, as they arrive, with
// the vendored brotli-dec-wasm (assets/calculator/brotli-dec.js, loaded only when a form is fetched). Most
// hosts send them as they are, so the visitor downloads brotli's bytes whatever the server does. A server
// that decodes them on the way (an `AddEncoding br` for the name, a proxy) hands fetch the decoded bytes:
// their first bytes, which bundle.json gives (`head`), say so, and they are taken as they are. Either way
// the decoded bytes are checked against the size and sha256 bundle.json gives. Any failure here sends the
// worker back to the plain file, which the server may compress with its own Content-Encoding.
import { countOn, get, hex, sha256 } from "./downloads.js";
import { fileName } from "./state.js";

// Output asked of the decoder per call: a network chunk of brotli rarely decodes to more.
const OUT_CHUNK = 1 << 18;
const DECODER_WASM = new URL("../brotli_dec_wasm_bg.wasm", import.meta.url).href;

/** Whether this browser can decode a form in the worker (streams and WebAssembly are all it needs). */
export const canDecode = () => typeof TransformStream === "function" && typeof ReadableStream === "function"
  && typeof WebAssembly === "object";

let decoder = null;

// The decoder's wasm is compiled here rather than through the glue's own loader: the worker has replaced
// WebAssembly.instantiateStreaming (for Pyodide's wasm) and fetch (wasm.js, downloads.js).
function loadDecoder(state) {
  decoder = decoder || (async () => {
    const [glue, response] = await Promise.all([import("../brotli-dec.js"), state.fetch(DECODER_WASM)]);
    if (!response.ok) throw new Error(`${fileName(DECODER_WASM)}: HTTP ${response.status}`);
    await glue.default({ module_or_path: await WebAssembly.compile(await response.arrayBuffer()) });
    return glue;
  })();
  return decoder;
}

/** Decoded `body` (a stream of brotli bytes); `spent(ms)` is told the time each step of decoding took. */
export function decoding(glue, body, spent = () => {}) {
  const stream = new glue.BrotliDecStream();
  const { NeedsMoreOutput, ResultSuccess } = glue.BrotliStreamResultCode;
  let finished = false;
  const release = () => {
    try {
      stream.free();
    } catch {
      // already freed
    }
  };
  return body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      const started = performance.now();
      try {
        for (let at = 0; at < chunk.length || !finished;) {
          if (finished) throw new Error("bytes after the end of the brotli stream");
          const result = stream.dec(chunk.subarray(at), OUT_CHUNK);
          at += result.input_offset;
          if (result.buf.length) controller.enqueue(result.buf);
          const code = result.code;
          result.free();
          if (code === ResultSuccess) finished = true;
          else if (code !== NeedsMoreOutput) break; // needs more input
        }
      } catch (error) {
        release();
        throw error;
      } finally {
        spent(performance.now() - started);
      }
    },
    flush() {
      release();
      if (!finished) throw new Error("the brotli stream ends early");
    },
  }));
}

// The stream of `body` with its first bytes read: [first bytes (up to `n`), the whole stream again].
async function peeked(body, n) {
  const reader = body.getReader();
  const held = [];
  let got = 0;
  while (got < n) {
    const { done, value } = await reader.read();
    if (done) break;
    held.push(value);
    got += value.length;
  }
  const head = new Uint8Array(Math.min(n, got));
  let at = 0;
  for (const chunk of held) {
    const part = chunk.subarray(0, head.length - at);
    head.set(part, at);
    at += part.length;
    if (at === head.length) break;
  }
  const whole = new ReadableStream({
    start(controller) {
      for (const chunk of held) controller.enqueue(chunk);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return [head, whole];
}

/**
 * The decoded bytes of the brotli form of `name` (a plain file of bundle.json), as a stream, fetched from
 * `url`: {stream, how}, how being "worker" (decoded here) or "server" (it arrived decoded). Throws if the
 * form cannot be fetched or the decoder cannot load; a damaged form errors the stream.
 */
export async function openForm(state, name, url) {
  // Both requests start at once, before bundle.json may have arrived (the wasm's form is asked for first thing).
  const responding = get(state, url, "测算引擎文件");
  const loading = loadDecoder(state);
  responding.catch(() => {});
  loading.catch(() => {});
  await state.manifestReady;
  const form = state.manifest.brotli && state.manifest.brotli[name];
  if (!form) throw new Error(`no brotli form of ${name} in bundle.json`);
  let glue, response;
  try {
    [glue, response] = await Promise.all([loading, responding]);
  } catch (error) {
    // The plain file is fetched instead: what is left of this one is not waited for.
    responding.then((r) => r.body && r.body.cancel()).catch(() => {});
    throw error;
  }
  countOn(state, response, fileName(url));
  const [head, body] = await peeked(response.body, form.head.length / 2);
  if (hex(head) === form.head) return { stream: body, how: "server" };
  const kind = fileName(url);
  return { stream: decoding(glue, body, (ms) => state.decoded(kind, ms)), how: "worker" };
}

/** Every byte of `stream`, in one array. */
export async function collect(stream) {
  const chunks = [];
  let size = 0;
  for (const reader = stream.getReader(); ;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Throws unless `bytes` are the decoded form of `name` as the build wrote it (size, sha256). */
export async function checkDecoded(state, name, bytes) {
  const form = state.manifest.brotli[name];
  if (bytes.byteLength !== form.size || (await sha256(bytes, form.sha256)) !== form.sha256) {
    throw new Error(`${form.file}: ${bytes.byteLength} bytes decoded, not as built`);
  }
  return bytes;
}

/** The decoded bytes of `name`'s brotli form, checked, and how they were decoded: {bytes, how}. */
export async function fetchForm(state, name) {
  const { stream, how } = await openForm(state, name, state.runtime + state.manifest.brotli[name].file);
  return { bytes: await checkDecoded(state, name, await collect(stream)), how };
}
