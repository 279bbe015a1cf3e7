// Service worker of the site, written to sw.js by the build (generator/hosting/service_worker.py fills in
// VERSION and PRECACHE). Registered by the calculator page only (boot.js, once the engine is ready),
// so catalogue pages never download the runtime. It keeps the calculator for repeat visits and
// offline use:
// - the runtime (assets/pyodide/) is precached at install and served from this version's cache:
//   a returning visitor downloads no runtime bytes; the stdlib boot's files (the snapshot's fallback)
//   are not precached but kept once fetched;
// - everything else (pages, catalog.json, the calculator's scripts, the theme) is network first,
//   and the copy last seen is served when the network fails (offline);
// - each build has its own cache, named by the content of what it precaches; a new build's worker
//   takes over at once and deletes the old caches, so old and new runtime files are never mixed.
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const PREFIX = "gd-calculator-";
const CACHE = PREFIX + VERSION;
const SCOPE = new URL("./", self.location).href;
const RUNTIME = new URL("assets/pyodide/", self.location).href;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Fetched through the HTTP cache: right after the calculator's first boot, these bytes are there.
    await cache.addAll(PRECACHE.map((path) => new URL(path, self.location).href));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") cache.put(request, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE) || request.headers.has("Range")) return;
  event.respondWith(request.url.startsWith(RUNTIME) ? cacheFirst(request) : networkFirst(request));
});
