/**
 * What the service worker does with each request: the pure part of src/service-worker.ts,
 * kept here so it can be tested without a browser.
 *
 * - `shell`: the build's JS/CSS and the static files, cached at install, served from cache.
 * - `page`: a page (navigation) or its `__data.json`: network first, the last copy offline.
 * - `data`: the public agenda of an event: network first, the last copy offline.
 * - `pass`: everything else (the socket, other API calls, other origins): not touched.
 */
export type CachePlan = 'shell' | 'page' | 'data' | 'pass';

/** Cache names. The shell's carries the build version, so a new build starts a new cache. */
export const CACHE_PREFIX = 'jisr-';
export const shellCacheName = (version: string): string => `${CACHE_PREFIX}shell-${version}`;
/** Pages and agenda data outlive builds: a phone keeps its agenda across an update. */
export const PAGES_CACHE = `${CACHE_PREFIX}pages-v1`;
export const DATA_CACHE = `${CACHE_PREFIX}data-v1`;
/** Set on each response the worker keeps: when it was fetched (an ISO instant). */
export const CACHED_AT_HEADER = 'x-jisr-cached-at';

const AGENDA_PATH = /^\/api\/events\/[^/]+$/;

export interface RequestFacts {
  method: string;
  url: URL;
  /** `request.mode === 'navigate'`. */
  navigate: boolean;
}

export function cachePlan(request: RequestFacts, origin: string, shellPaths: ReadonlySet<string>): CachePlan {
  if (request.method !== 'GET' || request.url.origin !== origin) return 'pass';
  const path = request.url.pathname;
  if (path.startsWith('/socket.io/')) return 'pass';
  if (shellPaths.has(path)) return 'shell';
  if (AGENDA_PATH.test(path)) return 'data';
  if (path.startsWith('/api/')) return 'pass';
  if (request.navigate || path.endsWith('/__data.json')) return 'page';
  return 'pass';
}

/** Which old caches to drop when the worker of build `version` takes over. */
export function staleCaches(names: readonly string[], version: string): string[] {
  const keep = new Set([shellCacheName(version), PAGES_CACHE, DATA_CACHE]);
  return names.filter((name) => name.startsWith(CACHE_PREFIX) && !keep.has(name));
}
