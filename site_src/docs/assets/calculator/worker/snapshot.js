// Path 1: restore the build-time memory snapshot (generator/runtime/snapshot.py) while the wasm
// compiles, then check it with a plan whose result the build recorded. Every failure is a
// SnapshotFailure, after which the worker boots on the stdlib instead, with no error shown.
import { fetchForm } from "./brotli.js";
import { keptSegmentsUrl } from "./decoded.js";
import { checkedBytes, countOn, get, sha256 } from "./downloads.js";
import { callWorkerPy, startPyodide, withStartProgress } from "./python.js";
import { BootError, SnapshotFailure, describe } from "./state.js";

// The shipped segments (gzip-decompressed, or as the server decoded them) written straight into a
// zero-filled buffer of the snapshot's full size, at the offsets bundle.json gives (`info`, its
// `snapshot` entry): the long runs of zeros left out at build time are never decompressed nor copied.
export async function expand(stream, info) {
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

// The snapshot's segments from its brotli form (brotli.js), or, where that fails, as the build wrote them
// with gzip, checked and expanded. A server that adds its own
// Content-Encoding for .gz files hands fetch the segments already decompressed: that is accepted too,
// checked by their size (and sha256 where the browser can compute it).
async function fetchSnapshot(state) {
  const info = state.manifest.snapshot;
  // The segments as decoded on an earlier visit (decoded.js), read since the worker started.
  const keptUrl = keptSegmentsUrl(state);
  const kept = await state.keptSegments; // null where the worker decodes no forms
  if (kept && kept.file !== info.file) state.keptMiss = `kept for ${kept.file}`;
  else if (kept && kept.bytes.byteLength !== info.packed_size) state.keptMiss = `${kept.bytes.byteLength} bytes kept`;
  else if (kept) {
    state.keptUsed.push(keptUrl);
    state.tookKept(info.file);
    state.encodings.snapshot = "kept";
    return await expand(new Blob([kept.bytes]).stream(), info);
  }
  if (state.wire(info.file) !== info.file) {
    try {
      const { bytes, how } = await fetchForm(state, info.file);
      state.encodings.snapshot = how;
      state.toKeep.push([keptUrl, bytes, "application/octet-stream", info.file]);
      return await expand(new Blob([bytes]).stream(), info);
    } catch (error) {
      state.usePlain(info.file, error);
    }
  }
  state.encodings.snapshot = "plain";
  let response;
  try {
    response = await get(state, state.runtime + info.file, "测算引擎快照");
  } catch (error) {
    throw new SnapshotFailure(error.cause === "http" ? "missing" : "network", error.message);
  }
  countOn(state, response, info.file);
  const bytes = new Uint8Array(await response.arrayBuffer().catch((error) => {
    throw new SnapshotFailure("network", error.message);
  }));
  try {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      await checkedBytes(state, new Response(bytes), info.file);
      // The gzip trailer's CRC-32 and length are checked by DecompressionStream as well.
      return await expand(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")), info);
    }
    if (bytes.byteLength !== info.packed_size || (await sha256(bytes, info.packed_sha256)) !== info.packed_sha256) {
      throw new Error(`${bytes.byteLength} bytes not as built`);
    }
    return await expand(new Blob([bytes]).stream(), info);
  } catch (error) {
    throw new SnapshotFailure("corrupt", `${info.file}: ${error.message}`);
  }
}

// The build stored the snapshot's heap as its XOR with the memory the wasm has when just instantiated
// (generator/runtime/snapshot_maker.mjs). Called at that very moment, before Pyodide restores it. It must not
// throw (Pyodide would hang): on any error it spoils the snapshot's magic number instead, so that
// Pyodide refuses it cleanly and the stdlib boot takes over.
export function undoDelta(info, raw, instance) {
  const { heap_start: start, xor_length: length } = info;
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

/** Python restored from the snapshot and checked; `noStdlib` is the URL of the empty stand-in stdlib. */
export async function startFromSnapshot(state, runtime, noStdlib) {
  if (typeof DecompressionStream !== "function") throw new SnapshotFailure("unsupported", "no DecompressionStream");
  const info = state.manifest.snapshot;
  let raw = null;
  const snapshot = fetchSnapshot(state).then((bytes) => {
    state.mark("snapshot expanded");
    return (raw = bytes);
  });
  snapshot.catch(() => {});
  let pyodide;
  try {
    pyodide = await startPyodide(state, runtime, {
      stdLibURL: noStdlib,
      _loadSnapshot: snapshot, // awaited by Pyodide before it instantiates the wasm
      createPyodideModule: withStartProgress(state, runtime.createPyodideModule, (instance) => {
        state.mark("instantiated");
        undoDelta(info, raw, instance);
        state.mark("delta undone");
      }),
    });
    state.mark("restored");
  } catch (error) {
    if (error instanceof SnapshotFailure || error instanceof BootError) throw error;
    // e.g. "Snapshot build id mismatch" (a snapshot from another Pyodide build), a heap too small.
    throw new SnapshotFailure("restore", describe(error));
  }
  // The self-check: the session the build made from its catalog.json must still give the result
  // the build recorded for the same plan.
  let check;
  try {
    callWorkerPy(pyodide, "after_restore");
    const built = pyodide.globals.get("gd_session");
    check = built.run(JSON.stringify(info.plan));
    built.destroy();
    pyodide.globals.delete("gd_session");
  } catch (error) {
    throw new SnapshotFailure("check", describe(error));
  }
  if (check !== info.check) throw new SnapshotFailure("check", "the engine's result differs from the build's");
  state.mark("checked");
  return pyodide;
}
