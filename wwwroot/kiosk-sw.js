// The kiosk page's service worker: the page and the files it needs come from the network when it answers and from
// this cache when it does not, so a kiosk keeps loading (and keeping scans) while the server is out of reach.
// Only the kiosk's own files are touched; everything else (admin pages, the API) goes to the network as usual.
const cacheName = "faceattendance-kiosk-v1";
const kioskFiles = /^\/(|css\/kiosk\.css|js\/camera\.js|js\/kiosk\/[a-z-]+\.js)$/;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

// The page's first load happens before this worker controls it: the page sends the URLs it loaded, to be kept now.
self.addEventListener("message", (event) => {
  const urls = (event.data?.keep ?? []).filter((u) => {
    const url = new URL(u, self.location.origin);
    return url.origin === self.location.origin && kioskFiles.test(url.pathname);
  });
  event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll(urls)));
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || !kioskFiles.test(url.pathname)) return;
  event.respondWith((async () => {
    const cache = await caches.open(cacheName);
    try {
      const response = await fetch(event.request);
      if (response.ok) await cache.put(event.request, response.clone());
      return response;
    } catch (offline) {
      const cached = await cache.match(event.request);
      if (cached) return cached;
      throw offline;
    }
  })());
});
