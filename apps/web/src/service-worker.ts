/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { CACHED_AT_HEADER, cachePlan, DATA_CACHE, PAGES_CACHE, shellCacheName, staleCaches } from '$lib/offline/cache-plan.js';

/**
 * Jisr's service worker: the app opens in a basement room with no signal (issue 13).
 * The build and static files are cached at install under this build's version; pages and
 * the event agenda are fetched from the network first and their last copy kept, to be
 * served when the network is gone. A new build installs a new worker that takes over at
 * once and drops the previous build's cache, so no phone keeps an old app forever.
 */
const worker = self as unknown as ServiceWorkerGlobalScope;
const SHELL = shellCacheName(version);
const shellPaths = new Set([...build, ...files]);
/** How long a page waits for a slow network before it is served from cache (venue Wi-Fi). */
const NETWORK_PATIENCE_MS = 4000;
/**
 * A page rendered in the browser only (the room screen's, `ssr = false`): its HTML is the
 * app's shell whatever the event or session, kept with this build's files. Offline, an event
 * page never opened before opens from it, and the client renders that page in its place;
 * never from another page's copy rendered on the server (the agenda's, a session's), whose
 * HTML and data belong to that page alone.
 */
const SHELL_PAGE = '/e/_/s/_/screen';

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll([...shellPaths, SHELL_PAGE]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(staleCaches(names, version).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const plan = cachePlan({ method: request.method, url: new URL(request.url), navigate: request.mode === 'navigate' }, worker.location.origin, shellPaths);
  if (plan === 'pass') return;
  if (plan === 'shell') {
    event.respondWith(caches.match(request, { cacheName: SHELL }).then((cached) => cached ?? fetch(request)));
    return;
  }
  event.respondWith(networkFirst(request, plan === 'data' ? DATA_CACHE : PAGES_CACHE, event));
});

/** The network's answer (kept for later), or the last kept copy when the network fails or dawdles. */
async function networkFirst(request: Request, cacheName: string, event: FetchEvent): Promise<Response> {
  const cache = await caches.open(cacheName);
  const fromNetwork = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(request, stamped(response.clone()));
    return response;
  });
  // Keep the fetch (and its cache update) alive even when the cached copy answers first.
  event.waitUntil(fromNetwork.then(() => undefined, () => undefined));
  const patience = new Promise<null>((resolve) => setTimeout(() => resolve(null), NETWORK_PATIENCE_MS));
  const first = await Promise.race([fromNetwork, patience]).catch(() => null);
  if (first) return first;
  const cached = (await cache.match(request, { ignoreSearch: request.url.includes('__data.json') })) ?? (await shellFallback(request, cache));
  if (cached) return cached;
  return fromNetwork;
}

/**
 * An event page with no copy of its own, offline: the shell (`SHELL_PAGE`), which renders
 * any event page in the browser from the saved agenda. A `__data.json` (the root layout's
 * data: the language) falls back to another event page's copy.
 */
async function shellFallback(request: Request, cache: Cache): Promise<Response | undefined> {
  const path = new URL(request.url).pathname;
  if (!path.startsWith('/e/')) return undefined;
  if (path.endsWith('/__data.json')) {
    for (const key of await cache.keys()) {
      const keyPath = new URL(key.url).pathname;
      if (keyPath.startsWith('/e/') && keyPath.endsWith('/__data.json')) return cache.match(key);
    }
    return undefined;
  }
  if (request.mode !== 'navigate') return undefined;
  return caches.match(SHELL_PAGE, { cacheName: SHELL });
}

/** A copy of the response that says when it was fetched: pages show "last updated" offline. */
function stamped(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set(CACHED_AT_HEADER, new Date().toISOString());
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
