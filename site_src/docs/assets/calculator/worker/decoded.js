// The decoded wasm and snapshot segments, kept by the worker for the next visit (issue 24). The service
// worker keeps the brotli forms the worker fetched (sw.js), so a returning visitor would decode them again
// on every visit; instead, once the engine is ready, the worker stores what it decoded in a cache of its own,
// under the plain file's content-addressed name, and the next boot compiles the wasm and restores the snapshot
// from there, decoding nothing. Entries of other builds are deleted then. Where Cache Storage is missing (a
// site on plain http, where browsers give it to no page) or refuses (no quota) nothing is kept, and every visit
// decodes the forms again from the HTTP cache.

// Not "gd-calculator-…": sw.js deletes its own earlier caches by that prefix (generator/hosting/service_worker.js).
const PREFIX = "gd-runtime-decoded:";

const cacheName = (state) => PREFIX + new URL(state.runtime).pathname;

/** The kept response for `url`, or null. */
export async function keptResponse(state, url) {
  try {
    if (!self.caches) return null;
    return (await (await caches.open(cacheName(state))).match(url)) || null;
  } catch {
    return null;
  }
}

/** What this boot decoded ([url, bytes, type] in state.toKeep), stored; every other entry deleted. */
export async function keepDecoded(state) {
  try {
    if (!self.caches || state.toKeep.length === 0) return;
    const cache = await caches.open(cacheName(state));
    for (const [url, bytes, type] of state.toKeep) {
      await cache.put(url, new Response(bytes, { headers: { "Content-Type": type, "Content-Length": String(bytes.byteLength) } }));
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
