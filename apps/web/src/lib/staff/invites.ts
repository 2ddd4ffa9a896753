import { wallClock } from '@jisr/core/time-zones';
import type { Invite } from '@jisr/protocol/http';

export type InviteState = 'active' | 'expired' | 'revoked';

/** Whether a link still opens the door; revoked wins over expired (it is the one someone chose). */
export function inviteState(invite: Invite, now: Date): InviteState {
  if (invite.revoked) return 'revoked';
  return Date.parse(invite.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

/**
 * How long a new link may work: by default until the event ends (the server's rule, core
 * `defaultInviteExpiry`), or a day, three days, a week, a month from now.
 */
export const UNTIL_EVENT_END = 0;
export const EXPIRY_CHOICES = [24, 72, 168, 720] as const;

/** The invite form's target ('', 'session:<id>', 'room:<id>') as the request's fields. */
export function inviteTarget(target: string): { sessionId?: string; roomId?: string } {
  if (target.startsWith('session:')) return { sessionId: target.slice('session:'.length) };
  if (target.startsWith('room:')) return { roomId: target.slice('room:'.length) };
  return {};
}

/** A duration in the words people use: whole days from 48 hours up, else hours. */
export function expiryParts(hours: number): { unit: 'hours' | 'days'; count: number } {
  return hours >= 48 && hours % 24 === 0 ? { unit: 'days', count: hours / 24 } : { unit: 'hours', count: hours };
}

/** Active links first, newest first within each group. */
export function sortInvites(invites: readonly Invite[], now: Date): Invite[] {
  const rank = (invite: Invite): number => (inviteState(invite, now) === 'active' ? 0 : 1);
  return [...invites].sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

/**
 * An expiry as people read it: a link that ends at midnight (the default: when the event's
 * last day ends) shows as that day's 23:59, not as the next day's 00:00.
 */
export function shownExpiry(expiresAt: Date, timeZone: string): Date {
  return wallClock(expiresAt, timeZone).time === '00:00' ? new Date(expiresAt.getTime() - 60_000) : expiresAt;
}
