// Service worker of the site, written to sw.js by the build (generator/hosting/service_worker.py fills in
// VERSION, the build id, and PRECACHE). Registered by the calculator page only (boot.js, once the engine
// is ready), so catalogue pages never download the runtime. It keeps the calculator for repeat visits
// and offline use, and it cannot pin the past:
// - a file named by its content (app.3f9a2c1b7d01.js, the runtime, the catalogue's copy) is served
//   from the cache once there: under its name it can never change, so it is never of another build than
//   the page that names it;
// - pages and every file that keeps its name (catalog.json, sw.js…) are asked of the server first,
//   revalidated even where the server sends no Cache-Control, and the copy last seen is served only
//   when the network fails (offline); build.json, which pages read to learn of a newer build, is
//   never answered from here;
// - the precache (the calculator page, every script and module it loads, the runtime) is installed
//   only if the page the server gives is of this very build, so a half-finished upload is never
//   taken offline as one build;
// - caches are named by the site's own path and build, and a new build deletes only its own path's
//   older caches: two editions on one host (/2020/, /2021/) keep their offline copies.
// If sw.js is removed, redirected or sent with a wrong type, the calculator page unregisters this
// worker and deletes its caches (boot.js).
const VERSION = "__VERSION__";
const BUILD_META = __BUILD_META__;
const IMMUTABLE = new RegExp(__IMMUTABLE__);
const PRECACHE = __PRECACHE__;
const SCOPE = new URL("./", self.location).href;
const PREFIX = `gd-calculator:${new URL(SCOPE).pathname}:`;
const CACHE = PREFIX + VERSION;
const LEGACY = "gd-calculator-"; // caches of earlier versions of this worker, named without their path
const MANIFEST = new URL("build.json", SCOPE).href;
// Earlier rounds published inside this site, each a site with its own worker and caches.
const NESTED = new URL(__NESTED__, SCOPE).href;

const isPage = (url) => url.endsWith("/") || url.endsWith(".html");

async function precache(cache, url) {
  // Pages are revalidated with the server, never taken from the HTTP cache as they stand.
  const response = await fetch(url, { cache: isPage(url) ? "no-cache" : "default" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  if (isPage(url) && !(await response.clone().text()).includes(BUILD_META)) {
    throw new Error(`${url} is not of build ${VERSION}: the site is being updated`);
  }
  await cache.put(url, response);
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      await Promise.all(PRECACHE.map((path) => precache(cache, new URL(path, SCOPE).href)));
    } catch (error) {
      await caches.delete(CACHE);
      throw error;
    }
    await self.skipWaiting();
  })());
});

// An earlier worker's cache is this site's if what it holds lies under this site's path.
async function legacyOfThisSite(name) {
  const keys = await (await caches.open(name)).keys();
  return keys.length > 0 && keys.every((request) => request.url.startsWith(SCOPE));
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if ((name.startsWith(PREFIX) && name !== CACHE) || (name.startsWith(LEGACY) && await legacyOfThisSite(name))) {
        await caches.delete(name);
      }
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
    const response = await fetch(request, { cache: request.cache === "default" ? "no-cache" : request.cache });
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
  if (request.method !== "GET" || !request.url.startsWith(SCOPE) || request.url.startsWith(NESTED)) return;
  if (request.headers.has("Range")) return;
  const url = new URL(request.url);
  if (url.origin + url.pathname === MANIFEST) return;
  event.respondWith(IMMUTABLE.test(url.pathname) ? cacheFirst(request) : networkFirst(request));
});
