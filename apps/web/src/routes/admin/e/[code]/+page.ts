import { error, redirect } from '@sveltejs/kit';
import { fetchAgenda } from '$lib/api/http.js';
import { failLoad } from '$lib/api/load-error.js';
import { isJoinCode, normalizeJoinCode } from '$lib/join/join-code.js';
import { requireStaff } from '$lib/staff/require-staff.js';
import { loadMe } from '$lib/staff/staff-me.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  const code = normalizeJoinCode(params.code);
  if (!isJoinCode(code)) error(404, { message: 'not a join code', code: 'not_found', what: 'event' });
  const staff = requireStaff(url);
  // A projector has nothing to run here: its page is the room picker.
  if (staff.role === 'screen') redirect(307, `/e/${code}/screens`);
  const [me, agenda] = await Promise.all([loadMe(fetch, staff, url), fetchAgenda(fetch, code)]);
  if (!agenda.ok) failLoad(agenda.error, agenda.error.code === 'not_found' ? 'event' : undefined);
  if (!me.events.some((event) => event.id === agenda.data.event.id)) {
    error(403, { message: 'not one of this staff member’s events', code: 'forbidden' });
  }
  return { code, staff, me, agenda: agenda.data };
};
