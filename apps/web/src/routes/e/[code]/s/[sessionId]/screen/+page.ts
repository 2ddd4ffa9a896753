import { error } from '@sveltejs/kit';
import { loadMessages } from '$lib/i18n/catalog.js';
import { wallLangs } from '$lib/i18n/wall-langs.js';
import { browserStorage, rememberWallAlso } from '$lib/i18n/wall-memory.js';
import { requireStaff } from '$lib/staff/require-staff.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent, url }) => {
  const { agenda, lang } = await parent();
  // The wall's languages (its own and a second one, remembered per screen) are loaded before it renders.
  const wall = wallLangs(rememberWallAlso(url.searchParams, `session:${params.sessionId}`, browserStorage()), agenda.event, lang);
  await Promise.all([loadMessages(wall.lang), ...(wall.second ? [loadMessages(wall.second)] : [])]);
  const session = agenda.sessions.find((candidate) => candidate.id === params.sessionId);
  if (!session) error(404, { message: 'no such session', code: 'not_found', what: 'session' });
  // Any staff member may open it: the speaker and the screen they were invited as, and the
  // organizers and moderators who set the room up.
  const staff = requireStaff(url);
  // A projector shows the page alone: no top bar, no language menu.
  return { session, staff, wall, bare: true };
};
