import { describe, expect, it } from 'vitest';
import { defaultInviteExpiry, eventEnd, expiresBeforeEventEnds, inviteExpiry, longestInviteExpiry, staffPassRenewable, withUser } from './invites.js';

// The event: made on 6 Dec, held 15-16 Jan in Brussels (UTC+1 in winter).
const forum = { endDate: '2027-01-16', timeZone: 'Europe/Brussels' };
const sixDec = new Date('2026-12-06T09:00:00Z');

describe('invite expiry (issue 25.1)', () => {
  it('ends with the last day of the event on its own clocks', () => {
    expect(eventEnd(forum).toISOString()).toBe('2027-01-16T23:00:00.000Z');
    expect(eventEnd({ endDate: '2027-01-16', timeZone: 'America/Toronto' }).toISOString()).toBe('2027-01-17T05:00:00.000Z');
  });

  it('by default lasts until the end of the event, not 30 days', () => {
    expect(defaultInviteExpiry(forum, sixDec).toISOString()).toBe('2027-01-16T23:00:00.000Z');
  });

  it('by default lasts at least a day when the event ends sooner or is over', () => {
    const lastEvening = new Date('2027-01-16T20:00:00Z');
    expect(defaultInviteExpiry(forum, lastEvening).toISOString()).toBe('2027-01-17T20:00:00.000Z');
  });

  it('allows a week past the event, even when that is more than 30 days away', () => {
    expect(longestInviteExpiry(forum, sixDec).toISOString()).toBe('2027-01-23T23:00:00.000Z');
    const hoursToEventEnd = (eventEnd(forum).getTime() - sixDec.getTime()) / 3_600_000;
    expect(inviteExpiry(forum, sixDec, hoursToEventEnd + 24)?.toISOString()).toBe('2027-01-17T23:00:00.000Z');
    expect(inviteExpiry(forum, sixDec, hoursToEventEnd + 8 * 24)).toBeNull();
    expect(inviteExpiry(forum, sixDec)?.toISOString()).toBe('2027-01-16T23:00:00.000Z');
  });

  it('warns about a link that stops working before the event is over', () => {
    const month = { revoked: false, expiresAt: '2027-01-05T09:00:00.000Z' };
    expect(expiresBeforeEventEnds(month, forum, sixDec)).toBe(true);
    expect(expiresBeforeEventEnds({ revoked: false, expiresAt: '2027-01-16T23:00:00.000Z' }, forum, sixDec)).toBe(false);
    expect(expiresBeforeEventEnds({ ...month, revoked: true }, forum, sixDec)).toBe(false);
    expect(expiresBeforeEventEnds(month, forum, new Date('2027-01-06T00:00:00Z'))).toBe(false);
  });

  it('renews a pass while its invite is valid, however long its holder was away', () => {
    const invite = { revoked: false, expiresAt: '2027-01-16T23:00:00.000Z' };
    expect(staffPassRenewable(invite, new Date('2027-01-15T07:00:00Z'))).toBe(true);
    expect(staffPassRenewable(invite, new Date('2027-01-17T00:00:00Z'))).toBe(false);
    expect(staffPassRenewable({ ...invite, revoked: true }, new Date('2027-01-15T07:00:00Z'))).toBe(false);
  });

  it('keeps the last 20 names of who used a link', () => {
    let usedBy: string[] = [];
    for (let i = 0; i < 25; i += 1) usedBy = withUser(usedBy, `n${i}`);
    expect(usedBy).toHaveLength(20);
    expect(usedBy[0]).toBe('n5');
    expect(usedBy.at(-1)).toBe('n24');
  });
});
