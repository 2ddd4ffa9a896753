import { error } from '@sveltejs/kit';
import { requireOwnSession, requireStaff } from '$lib/staff/require-staff.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent, url }) => {
  const { agenda } = await parent();
  const session = agenda.sessions.find((candidate) => candidate.id === params.sessionId);
  if (!session) error(404, { message: 'no such session', code: 'not_found', what: 'session' });
  // Any staff member may open it: the speaker and the screen they were invited as, and the
  // organizers and moderators who set the room up.
  const staff = requireStaff(url);
  requireOwnSession(staff, params.code, session.id, 'speaker');
  return { session, staff };
};
