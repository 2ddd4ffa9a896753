import type { Role } from '@jisr/protocol/roles';
import { error, redirect } from '@sveltejs/kit';
import { readStaff, type StoredStaff } from './staff-auth.js';
import { loginPath } from './staff-landing.js';

/**
 * The signed-in staff member for a staff page's load (browser only: the token lives in
 * localStorage), or a redirect to the login page that comes back here afterwards.
 * `roles` narrows who may open the page; anyone else gets a translated "forbidden".
 */
export function requireStaff(url: URL, roles?: readonly Role[]): StoredStaff {
  const staff = readStaff();
  if (!staff) redirect(307, loginPath(`${url.pathname}${url.search}`));
  if (roles && !roles.includes(staff.role)) error(403, { message: `not for ${staff.role}`, code: 'forbidden' });
  return staff;
}

/**
 * A moderator or speaker invited for one session who opens another session's page: a clear
 * refusal naming their own page, instead of live controls whose every action fails.
 */
export function requireOwnSession(staff: StoredStaff, code: string, sessionId: string, page: 'moderate' | 'speaker'): void {
  if (staff.sessionId === undefined || staff.sessionId === sessionId) return;
  error(403, { message: 'invited for another session', code: 'forbidden', ownPage: `/e/${code}/s/${staff.sessionId}/${page}` });
}
