import { error } from '@sveltejs/kit';
import { failLoad } from '$lib/api/load-error.js';
import { currentLang } from '$lib/i18n/current-lang.js';
import { ensureJoin } from '$lib/join/ensure-join.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { agenda, code, lang } = await parent();
  const session = agenda.sessions.find((candidate) => candidate.id === params.sessionId);
  if (!session) error(404, { message: 'no such session', code: 'not_found', what: 'session' });
  // Attendees have no account: opening a session link is enough to take part.
  const join = await ensureJoin(fetch, { code, lang: currentLang(lang) });
  if (!join.ok) failLoad(join.error);
  return { session, join: join.data };
};
