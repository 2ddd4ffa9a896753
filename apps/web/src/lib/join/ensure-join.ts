import type { Lang } from '@jisr/protocol/common';
import { joinEvent } from '$lib/api/http.js';
import type { Result } from '$lib/api/client-error.js';
import { readJoin, saveJoin, type StoredJoin } from './join-storage.js';

export interface JoinOptions {
  code: string;
  lang: Lang;
  name?: string;
}

/**
 * The attendee's join for this event: the stored one, or a new one from `POST /api/join`
 * (attendees have no account, so opening a session link is enough to take part). A stored
 * join is reused unless the person typed a different name.
 */
export async function ensureJoin(fetchFn: typeof fetch, { code, lang, name }: JoinOptions): Promise<Result<StoredJoin>> {
  const stored = readJoin(code);
  if (stored && (!name || name === stored.participant.name)) return { ok: true, data: stored };
  const result = await joinEvent(fetchFn, { code, lang, ...(name ? { name } : {}) });
  if (!result.ok) return result;
  const join = { token: result.data.token, participant: result.data.participant };
  saveJoin(code, join);
  return { ok: true, data: join };
}
