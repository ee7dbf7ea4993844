// Makes the ticket page work without a connection: registers the shop's service worker (/sw.js, built from
// service-worker.ts) when a ticket page has shown its codes — never in the shop's first load — and asks it to keep
// the files this page was built from (the entry, the page's chunks, its catalogs, styles and fonts: the same-origin
// /assets/ files the browser fetched, as Resource Timing lists them). Resolves true once the worker has them.
const WORKER_URL = '/sw.js';

export async function keepPageOffline(): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false;
  try {
    await navigator.serviceWorker.register(WORKER_URL, { scope: '/' });
    const worker = (await navigator.serviceWorker.ready).active;
    if (!worker) return false;
    const urls = [
      ...new Set(
        performance
          .getEntriesByType('resource')
          .map((entry) => new URL(entry.name))
          .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
          .map((url) => url.pathname),
      ),
    ];
    return await new Promise<boolean>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event: MessageEvent<{ kept?: boolean }>) => resolve(event.data.kept === true);
      worker.postMessage({ type: 'keep', urls }, [channel.port2]);
    });
  } catch {
    // No worker here (a private window that refuses storage, the desktop app's app:// pages): online only.
    return false;
  }
}
