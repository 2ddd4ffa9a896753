import type { Role } from '@jisr/protocol/roles';

export interface StaffPlace {
  role: Role;
  eventCode?: string;
  sessionId?: string;
  /** A screen invited for one room. */
  roomId?: string;
}

/**
 * Where a staff member starts after signing in or accepting an invite: straight to their
 * tool when the invite names a session, a screen's room to that room's screen, else the
 * event's staff page (a projector invited for the whole event picks its room first).
 */
export function landingPath({ role, eventCode, sessionId, roomId }: StaffPlace): string {
  if (role === 'organizer' || !eventCode) return '/admin';
  const code = encodeURIComponent(eventCode);
  if (sessionId) {
    const session = `/e/${code}/s/${encodeURIComponent(sessionId)}`;
    if (role === 'moderator') return `${session}/moderate`;
    if (role === 'speaker') return `${session}/speaker`;
    if (role === 'screen') return `${session}/screen`;
  }
  if (role === 'screen' && roomId) return `/e/${code}/screens/${encodeURIComponent(roomId)}`;
  if (role === 'screen') return `/e/${code}/screens`;
  return `/admin/e/${code}`;
}

/**
 * A `?next=` path to come back to after signing in, or null. Only this site's own paths:
 * an absolute or protocol-relative URL would turn the login page into an open redirect.
 */
export function safeNextPath(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  return next;
}

/**
 * The login page, asked to come back to `path` afterwards; `ended` when the server refused
 * the stored token (revoked invite, expired token), so the page can say why.
 */
export function loginPath(path: string, ended = false): string {
  return `/admin/login?next=${encodeURIComponent(path)}${ended ? '&ended=1' : ''}`;
}
