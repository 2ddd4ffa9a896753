import type { EventAgenda } from '@jisr/protocol/http';
import { CACHED_AT_HEADER, DATA_CACHE } from './cache-plan.js';

/**
 * Keeps the agenda a page received for when the network is gone, where the service worker
 * keeps the one it fetches (`GET /api/events/<code>` in DATA_CACHE). A page rendered on the
 * server brings the agenda inside its HTML: the browser never asks the API for it, so the
 * worker would have no copy, and an event page opened offline later (from the worker's
 * shell) would find none. Best effort: without Cache Storage (plain http on a LAN address)
 * or with it full, the page works on, with no copy kept.
 */
export async function keepAgenda(code: string, agenda: EventAgenda, now: Date = new Date()): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    const cache = await caches.open(DATA_CACHE);
    const url = `/api/events/${encodeURIComponent(code)}`;
    const body = JSON.stringify(agenda);
    // The same agenda as the kept one (e.g. the kept one itself, read back offline) keeps its
    // stamp: "saved at" says when it was fetched, not when it was last looked at.
    const kept = await cache.match(url);
    if (kept && (await kept.text()) === body) return;
    const headers = { 'content-type': 'application/json; charset=utf-8', [CACHED_AT_HEADER]: now.toISOString() };
    await cache.put(url, new Response(body, { headers }));
  } catch {
    // Quota or a private mode: nothing kept, nothing lost.
  }
}
