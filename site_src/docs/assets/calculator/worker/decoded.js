// The decoded wasm and snapshot segments, kept by the worker for the next visit (issue 24). The service
// worker keeps the brotli forms the worker fetched (sw.js), so a returning visitor would decode them again
// on every visit; instead, once the engine is ready, the worker stores what it decoded in a cache of its own,
// under the plain file's content-addressed name, and the next boot compiles the wasm and restores the snapshot
// from there, decoding nothing. Entries of other builds are deleted then. Where Cache Storage is missing (a
// site on plain http, where browsers give it to no page) or refuses (no quota) nothing is kept, and every visit
// decodes the forms again from the HTTP cache.

import { describe } from "./state.js";

// Not "gd-calculator-…": sw.js deletes its own earlier caches by that prefix (generator/hosting/service_worker.js).
const PREFIX = "gd-runtime-decoded:";

const cacheName = (state) => PREFIX + new URL(state.runtime).pathname;
// The kept response for `url` (undefined if none); throws where Cache Storage refuses.
const match = async (state, url) => (await caches.open(cacheName(state))).match(url);
// The snapshot's segments are kept under one name, labelled with the snapshot they are of: the worker reads
// them from its first moment, before bundle.json has named the snapshot (while Pyodide's modules load).
const SEGMENTS = "gd-kept-snapshot-segments";
const LABEL = "X-Gd-Snapshot";

/** Where the snapshot's decoded segments are kept. */
export const keptSegmentsUrl = (state) => state.runtime + SEGMENTS;

/**
 * The kept segments, read at once: {file (the snapshot they are of), bytes}, or null, with `state.keptMiss`
 * saying why (for the bench and the tests: a returning visitor who decodes again is slower, never wrong).
 */
export async function readKeptSegments(state) {
  if (!self.caches) return miss(state, "no Cache Storage");
  // A read that fails is tried once more: decoding the segments again costs a returning visitor most of a second.
  for (let attempt = 1; ; attempt += 1) {
    try {
      const kept = await match(state, keptSegmentsUrl(state));
      if (!kept) return miss(state, "none kept");
      return { file: kept.headers.get(LABEL) || "", bytes: new Uint8Array(await kept.arrayBuffer()) };
    } catch (error) {
      if (attempt === 2) return miss(state, `unreadable: ${describe(error)}`);
    }
  }
}

function miss(state, why) {
  state.keptMiss = why;
  return null;
}

/** The kept response for `url`, or null. */
export async function keptResponse(state, url) {
  try {
    if (!self.caches) return null;
    return (await match(state, url)) || null;
  } catch {
    return null;
  }
}

/** What this boot decoded ([url, bytes, type, snapshot file] in state.toKeep), stored; every other entry deleted. */
export async function keepDecoded(state) {
  try {
    if (!self.caches || state.toKeep.length === 0) return;
    const cache = await caches.open(cacheName(state));
    for (const [url, bytes, type, file] of state.toKeep) {
      const headers = { "Content-Type": type, "Content-Length": String(bytes.byteLength) };
      if (file) headers[LABEL] = file;
      await cache.put(url, new Response(bytes, { headers }));
    }
    const current = new Set(state.toKeep.map(([url]) => url).concat(state.keptUsed));
    for (const request of await cache.keys()) {
      if (!current.has(request.url)) await cache.delete(request);
    }
  } catch (error) {
    console.warn("decoded runtime not kept:", error);
  } finally {
    state.toKeep = [];
  }
}
