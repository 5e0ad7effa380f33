// The booking page's service worker: the page itself opens offline; bookings need the network.
const SHELL = "antrian-shell-v2";
const FILES = ["/book", "/patient/static/book.js", "/static/page.js", "/patient/static/ticket.css",
               "/patient/static/icon-192.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(FILES)));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) =>
    Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k)))));
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.pathname.startsWith("/api/") ||
      url.pathname.startsWith("/socket.io/")) return;
  // Network first, so a patient always sees today's page; the cache when offline.
  event.respondWith(fetch(event.request).then((response) => {
    if (response.ok && FILES.includes(url.pathname)) {
      const copy = response.clone();
      caches.open(SHELL).then((cache) => cache.put(event.request, copy));
    }
    return response;
  }).catch(() => caches.match(event.request)));
});
