import { browser } from '$app/environment';
import { error } from '@sveltejs/kit';
import { failLoad } from '$lib/api/load-error.js';
import { currentLang } from '$lib/i18n/current-lang.js';
import { ensureJoin } from '$lib/join/ensure-join.js';
import type { PageLoad } from './$types';

// Rendered on the server (issue 23.5), unlike the staff pages beside it (s/+layout.ts): the
// session's title, time, room, speakers and description are in the HTML a phone receives.
// The questions and polls need the attendee's join token (localStorage): they come once the
// script runs, over the socket, as before.
export const ssr = true;

export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { agenda, code, lang } = await parent();
  const session = agenda.sessions.find((candidate) => candidate.id === params.sessionId);
  if (!session) error(404, { message: 'no such session', code: 'not_found', what: 'session' });
  // The join is the phone's: the server renders the session without one (the load runs
  // again in the browser before the page hydrates, and joins there).
  if (!browser) return { session, join: null };
  // Attendees have no account: opening a session link is enough to take part.
  const join = await ensureJoin(fetch, { code, lang: currentLang(lang) });
  if (!join.ok) failLoad(join.error);
  return { session, join: join.data };
};
