import { error } from '@sveltejs/kit';
import { loadMessages } from '$lib/i18n/catalog.js';
import { wallLangs } from '$lib/i18n/wall-langs.js';
import { browserStorage, rememberWallAlso } from '$lib/i18n/wall-memory.js';
import { requireStaff } from '$lib/staff/require-staff.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent, url }) => {
  const { agenda, lang } = await parent();
  // A stream speaks one language at a time: the wall's rules, remembered apart from the room's screen.
  const wall = wallLangs(rememberWallAlso(url.searchParams, `overlay:${params.sessionId}`, browserStorage()), agenda.event, lang);
  await Promise.all([loadMessages(wall.lang), ...(wall.second ? [loadMessages(wall.second)] : [])]);
  const session = agenda.sessions.find((candidate) => candidate.id === params.sessionId);
  if (!session) error(404, { message: 'no such session', code: 'not_found', what: 'session' });
  // Opened with a staff token, like the room screen (a screen invite is the usual one).
  const staff = requireStaff(url);
  // A browser source in OBS or vMix: the page alone, on a transparent background.
  return { session, staff, wall, bare: true };
};
