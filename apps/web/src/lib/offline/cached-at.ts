import { CACHED_AT_HEADER, DATA_CACHE, PAGES_CACHE } from './cache-plan.js';

/**
 * When the service worker last fetched this event's agenda, from its cache; null when it
 * has no copy (or the browser has no Cache Storage, e.g. plain http on a LAN address).
 * The agenda comes two ways: from the API (session pages, live refreshes) and inside the
 * agenda page's own HTML, which the server renders with it; the newer of the two counts.
 */
export async function agendaCachedAt(code: string): Promise<Date | null> {
  if (typeof caches === 'undefined') return null;
  const encoded = encodeURIComponent(code);
  const stamps = await Promise.all([stampOf(DATA_CACHE, `/api/events/${encoded}`), stampOf(PAGES_CACHE, `/e/${encoded}`)]);
  const known = stamps.filter((at): at is Date => at !== null);
  return known.length > 0 ? new Date(Math.max(...known.map((at) => at.getTime()))) : null;
}

async function stampOf(cacheName: string, url: string): Promise<Date | null> {
  const cache = await caches.open(cacheName);
  const stamp = (await cache.match(url, { ignoreSearch: true }))?.headers.get(CACHED_AT_HEADER);
  if (!stamp) return null;
  const at = new Date(stamp);
  return Number.isNaN(at.getTime()) ? null : at;
}
