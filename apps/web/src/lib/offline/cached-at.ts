import { CACHED_AT_HEADER, DATA_CACHE } from './cache-plan.js';

/**
 * When the service worker last fetched this event's agenda, from its cache; null when it
 * has no copy (or the browser has no Cache Storage, e.g. plain http on a LAN address).
 */
export async function agendaCachedAt(code: string): Promise<Date | null> {
  if (typeof caches === 'undefined') return null;
  const cache = await caches.open(DATA_CACHE);
  const response = await cache.match(`/api/events/${encodeURIComponent(code)}`);
  const stamp = response?.headers.get(CACHED_AT_HEADER);
  if (!stamp) return null;
  const at = new Date(stamp);
  return Number.isNaN(at.getTime()) ? null : at;
}
