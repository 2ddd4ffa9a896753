/**
 * "My agenda": the sessions an attendee starred, per event, in localStorage under
 * `jisr.starred.<CODE>` (no account: the phone is the only place to keep it).
 */
export function starredStorageKey(code: string): string {
  return `jisr.starred.${code.toUpperCase()}`;
}

/** Session ids have at most 64 safe characters; a list of a few hundred is plenty for any event. */
const MAX_STARRED = 500;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A stored list, checked entry by entry: anything malformed is dropped, never thrown. */
export function parseStarred(raw: string | null): string[] {
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    // A corrupt entry is as good as an empty list: starring again rewrites it.
    return [];
  }
  if (!Array.isArray(value)) return [];
  const ids = value.filter((id): id is string => typeof id === 'string' && ID.test(id));
  return [...new Set(ids)].slice(0, MAX_STARRED);
}

/** The list with `id` added, or removed when it was there. */
export function toggleStarred(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id].slice(-MAX_STARRED);
}
