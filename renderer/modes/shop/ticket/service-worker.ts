// The shop's service worker (built by vite.config.ts into /sw.js; registered by offline.ts from the ticket page only).
// It makes a ticket page load without a connection, and does nothing else:
// - the shell (index.html, the same for every app path) and the web app manifest are fetched from the network and
//   kept; without a network, a page navigation gets the kept shell;
// - /assets/ files are content-hashed, so a kept copy is always right: served from the cache, else fetched and kept;
// - the API is never answered from here (a ticket's data and credential live in IndexedDB: phone-passes.ts), and
//   every other path (the API, the sandbox, the mailbox) goes to the network untouched.
// A page tells it which /assets/ files it was built from ({type: 'keep', urls}) and hears {kept} on the given port.
export {};

interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface KeepMessage extends ExtendableEvent {
  data: { type?: string; urls?: unknown };
  ports: readonly MessagePort[];
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: KeepMessage) => void): void;
}

const worker = globalThis as unknown as WorkerScope;
/** Raised when what is kept changes shape; older caches are deleted when this worker activates. */
const CACHE = 'ticketboss-shell-1';
const SHELL = '/';
const ALSO_KEPT = ['/manifest.webmanifest', '/ticket-icon.svg'];
/** Paths the server answers itself (not the shop's app routes): never given the shell. */
const NOT_THE_SHOP = /^\/(v1|sandbox|dev|\.well-known|healthz)(\/|$)/;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([SHELL, ...ALSO_KEPT]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('message', (event) => {
  const { type, urls } = event.data;
  if (type !== 'keep' || !Array.isArray(urls)) return;
  const paths = urls.filter((url): url is string => typeof url === 'string' && url.startsWith('/assets/'));
  const kept = caches.open(CACHE).then(async (cache) => {
    const missing = (await Promise.all(paths.map(async (path) => ((await cache.match(path)) ? null : path)))).filter(
      (path): path is string => path !== null,
    );
    await cache.addAll(missing);
  });
  event.waitUntil(
    kept.then(
      () => event.ports[0]?.postMessage({ kept: true }),
      () => event.ports[0]?.postMessage({ kept: false }),
    ),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin || NOT_THE_SHOP.test(url.pathname)) return;
  if (request.mode === 'navigate') event.respondWith(networkElseKept(request, SHELL, 'text/html'));
  else if (ALSO_KEPT.includes(url.pathname)) event.respondWith(networkElseKept(request, url.pathname));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(keptFirst(request));
});

/** The network's answer (kept under `key` when it is what is expected), else the kept copy. */
async function networkElseKept(request: Request, key: string, type?: string): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok && (!type || response.headers.get('content-type')?.startsWith(type))) {
      const copy = response.clone();
      void caches.open(CACHE).then((cache) => cache.put(key, copy));
    }
    return response;
  } catch (error) {
    const kept = await caches.match(key);
    if (kept) return kept;
    throw error;
  }
}

async function keptFirst(request: Request): Promise<Response> {
  const kept = await caches.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    void caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}
