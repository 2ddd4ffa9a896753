import type { Event } from '@jisr/protocol/event';
import type { Invite } from '@jisr/protocol/http';
import { addDays, instantInZone } from './time-zones.js';

/**
 * How long invite links work. A link is made weeks ahead and used on the day: by default it
 * lasts until the end of the event's last day (in the event's zone), never less than a day
 * from now, and an organizer may stretch it to a week after the event.
 */

const DAY_MS = 86_400_000;
/** A link made now works at least this long (an event that ends today still gets a day). */
export const INVITE_MIN_MS = DAY_MS;
/** The longest link: the event's end plus this, */
export const INVITE_AFTER_EVENT_MS = 7 * DAY_MS;
/** or this from now when that is later (an event already over, or a link for rehearsals). */
export const INVITE_LONGEST_FROM_NOW_MS = 30 * DAY_MS;

type EventDays = Pick<Event, 'endDate' | 'timeZone'>;

/** The instant the event's last day ends on its own clocks (midnight after `endDate`). */
export function eventEnd(event: EventDays): Date {
  return instantInZone(addDays(event.endDate, 1), '00:00', event.timeZone);
}

/** A new link's expiry when the organizer chose none: the end of the event, and at least a day. */
export function defaultInviteExpiry(event: EventDays, now: Date): Date {
  return new Date(Math.max(eventEnd(event).getTime(), now.getTime() + INVITE_MIN_MS));
}

/** The latest expiry a new link may have. */
export function longestInviteExpiry(event: EventDays, now: Date): Date {
  return new Date(Math.max(eventEnd(event).getTime() + INVITE_AFTER_EVENT_MS, now.getTime() + INVITE_LONGEST_FROM_NOW_MS));
}

/**
 * A new link's expiry: `hours` from now, or the default; null when `hours` reaches past the
 * longest allowed (the caller answers invalid_input on expiresInHours).
 */
export function inviteExpiry(event: EventDays, now: Date, hours?: number): Date | null {
  if (hours === undefined) return defaultInviteExpiry(event, now);
  const expiry = new Date(now.getTime() + hours * 3_600_000);
  return expiry.getTime() <= longestInviteExpiry(event, now).getTime() ? expiry : null;
}

/** Whether a link still opens the door: not revoked, not expired. */
export function inviteValid(invite: Pick<Invite, 'revoked' | 'expiresAt'>, now: Date): boolean {
  return !invite.revoked && Date.parse(invite.expiresAt) > now.getTime();
}

/**
 * Whether a staff pass from this invite may be renewed: whenever its holder comes back while
 * the invite is valid, even after the pass itself has lapsed (a moderator who opens the
 * laptop on the morning of the event, two days after accepting).
 */
export const staffPassRenewable = inviteValid;

/**
 * Links that still work now but stop before the event is over: the invite list warns about
 * each, since the person holding one would find it dead on the day.
 */
export function expiresBeforeEventEnds(invite: Pick<Invite, 'revoked' | 'expiresAt'>, event: EventDays, now: Date): boolean {
  return inviteValid(invite, now) && Date.parse(invite.expiresAt) < eventEnd(event).getTime();
}

/** The last names kept of who accepted a link: enough to tell whose it is, no log of everyone. */
export const USED_BY_KEPT = 20;

/** The list of who used a link, after one more acceptance by `name`. */
export function withUser(usedBy: readonly string[], name: string): string[] {
  return [...usedBy, name].slice(-USED_BY_KEPT);
}
