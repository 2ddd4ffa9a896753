import type { Invite } from '@jisr/protocol/http';

export type InviteState = 'active' | 'expired' | 'revoked';

/** Whether a link still opens the door; revoked wins over expired (it is the one someone chose). */
export function inviteState(invite: Invite, now: Date): InviteState {
  if (invite.revoked) return 'revoked';
  return Date.parse(invite.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

/** How long a new link may work, in hours: a day, the meeting's three days, a week, a month. */
export const EXPIRY_CHOICES = [24, 72, 168, 720] as const;
export const DEFAULT_EXPIRY_HOURS = 72;

/** A duration in the words people use: whole days from 48 hours up, else hours. */
export function expiryParts(hours: number): { unit: 'hours' | 'days'; count: number } {
  return hours >= 48 && hours % 24 === 0 ? { unit: 'days', count: hours / 24 } : { unit: 'hours', count: hours };
}

/** Active links first, newest first within each group. */
export function sortInvites(invites: readonly Invite[], now: Date): Invite[] {
  const rank = (invite: Invite): number => (inviteState(invite, now) === 'active' ? 0 : 1);
  return [...invites].sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}
