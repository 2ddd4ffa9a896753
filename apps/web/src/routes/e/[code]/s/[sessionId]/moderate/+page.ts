import { error } from '@sveltejs/kit';
import { requireOwnSession, requireStaff } from '$lib/staff/require-staff.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent, url }) => {
  const { agenda } = await parent();
  const session = agenda.sessions.find((candidate) => candidate.id === params.sessionId);
  if (!session) error(404, { message: 'no such session', code: 'not_found', what: 'session' });
  const staff = requireStaff(url, ['organizer', 'moderator']);
  requireOwnSession(staff, params.code, session.id, 'moderate');
  return { session, staff };
};
