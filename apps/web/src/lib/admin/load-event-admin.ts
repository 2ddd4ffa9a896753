import type { EventAgenda, StaffMe } from '@jisr/protocol/http';
import { error } from '@sveltejs/kit';
import { fetchAgenda } from '$lib/api/http.js';
import { failLoad } from '$lib/api/load-error.js';
import { isJoinCode, normalizeJoinCode } from '$lib/join/join-code.js';
import { requireStaff } from '$lib/staff/require-staff.js';
import type { StoredStaff } from '$lib/staff/staff-auth.js';
import { loadMe } from '$lib/staff/staff-me.js';

export interface EventAdminData {
  code: string;
  staff: StoredStaff;
  me: StaffMe;
  agenda: EventAgenda;
}

/**
 * What an organizer's page of one event loads: the signed-in organizer (others are turned
 * away), who they are for the server, and the event's agenda. Only the event's owner may edit it.
 */
export async function loadEventAdmin(fetchFn: typeof fetch, rawCode: string, url: URL): Promise<EventAdminData> {
  const code = normalizeJoinCode(rawCode);
  if (!isJoinCode(code)) error(404, { message: 'not a join code', code: 'not_found', what: 'event' });
  const staff = requireStaff(url, ['organizer']);
  const [me, agenda] = await Promise.all([loadMe(fetchFn, staff, url), fetchAgenda(fetchFn, code)]);
  if (!agenda.ok) failLoad(agenda.error, agenda.error.code === 'not_found' ? 'event' : undefined);
  if (!me.events.some((event) => event.id === agenda.data.event.id)) {
    error(403, { message: 'not one of this organizer’s events', code: 'forbidden' });
  }
  return { code, staff, me, agenda: agenda.data };
}
