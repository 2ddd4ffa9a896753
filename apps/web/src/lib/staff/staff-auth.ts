import { Id } from '@jisr/protocol/common';
import { Role } from '@jisr/protocol/roles';
import { STAFF_STORAGE_KEY } from './staff-key.js';

/**
 * The staff member signed in on this browser (an organizer from the login form, or a
 * moderator, speaker or screen from an invite link), kept in localStorage under
 * `jisr.staff`: a projector or a moderator's laptop must survive a reload or a reboot.
 * One at a time: signing in, or accepting another invite, replaces it.
 */
export interface StoredStaff {
  token: string;
  role: Role;
  name: string;
  /** The event an invite was for (organizers run several: theirs come from /api/me). */
  eventCode?: string;
  /** Set when the invite was for one session only. */
  sessionId?: string;
}

export { STAFF_STORAGE_KEY };

/** A stored entry, checked field by field: anything malformed counts as signed out. */
export function parseStaff(raw: string | null): StoredStaff | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    // A corrupt entry is as good as none: the person signs in again and overwrites it.
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { token, role, name, eventCode, sessionId } = value as Record<string, unknown>;
  const parsedRole = Role.safeParse(role);
  if (typeof token !== 'string' || token.length === 0 || !parsedRole.success || parsedRole.data === 'attendee') return null;
  if (typeof name !== 'string') return null;
  const staff: StoredStaff = { token, role: parsedRole.data, name };
  if (typeof eventCode === 'string' && /^[A-Z0-9]{3,16}$/.test(eventCode)) staff.eventCode = eventCode;
  if (typeof sessionId === 'string' && Id.safeParse(sessionId).success) staff.sessionId = sessionId;
  return staff;
}

export function readStaff(): StoredStaff | null {
  return parseStaff(localStorage.getItem(STAFF_STORAGE_KEY));
}

export function saveStaff(staff: StoredStaff): void {
  localStorage.setItem(STAFF_STORAGE_KEY, JSON.stringify(staff));
}

/** Signs out: forgets the token (the server keeps no session to end). */
export function clearStaff(): void {
  localStorage.removeItem(STAFF_STORAGE_KEY);
}

/** Staff who may moderate (and see every question). */
export function isModeratorRole(role: Role): boolean {
  return role === 'organizer' || role === 'moderator';
}
