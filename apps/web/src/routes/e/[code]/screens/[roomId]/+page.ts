import { error } from '@sveltejs/kit';
import { loadMessages } from '$lib/i18n/catalog.js';
import { wallLangs } from '$lib/i18n/wall-langs.js';
import { browserStorage, rememberWallAlso } from '$lib/i18n/wall-memory.js';
import { requireStaff } from '$lib/staff/require-staff.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent, url }) => {
  const { agenda, lang } = await parent();
  // The wall's languages (its own and a second one, remembered per screen) are loaded before it renders.
  const wall = wallLangs(rememberWallAlso(url.searchParams, `room:${params.roomId}`, browserStorage()), agenda.event, lang);
  await Promise.all([loadMessages(wall.lang), ...(wall.second ? [loadMessages(wall.second)] : [])]);
  const room = agenda.rooms.find((candidate) => candidate.id === params.roomId);
  if (!room) error(404, { message: 'no such room', code: 'not_found' });
  // Any staff member may set a projector up, as for one session's screen.
  const staff = requireStaff(url);
  // A projector shows the page alone: no top bar, no language menu.
  return { room, staff, wall, bare: true };
};
