import type { Invite } from '@jisr/protocol/http';
import { describe, expect, it } from 'vitest';
import { expiryParts, inviteState, inviteTarget, shownExpiry, sortInvites } from './invites.js';

const now = new Date('2026-12-05T10:00:00.000Z');

function invite(id: string, overrides: Partial<Invite> = {}): Invite {
  return {
    id,
    eventId: 'e_1',
    role: 'moderator',
    createdAt: '2026-12-05T08:00:00.000Z',
    expiresAt: '2026-12-06T08:00:00.000Z',
    revoked: false,
    uses: 0,
    usedBy: [],
    ...overrides,
  };
}

describe('invites', () => {
  it('tells active, expired and revoked links apart', () => {
    expect(inviteState(invite('a'), now)).toBe('active');
    expect(inviteState(invite('b', { expiresAt: '2026-12-05T10:00:00.000Z' }), now)).toBe('expired');
    expect(inviteState(invite('c', { revoked: true, expiresAt: '2026-12-01T00:00:00.000Z' }), now)).toBe('revoked');
  });

  it('lists active links first, newest first', () => {
    const list = [
      invite('old', { createdAt: '2026-12-05T07:00:00.000Z' }),
      invite('gone', { revoked: true, createdAt: '2026-12-05T09:00:00.000Z' }),
      invite('new', { createdAt: '2026-12-05T09:30:00.000Z' }),
    ];
    expect(sortInvites(list, now).map((item) => item.id)).toEqual(['new', 'old', 'gone']);
  });

  it('says durations in days from two days up', () => {
    expect(expiryParts(24)).toEqual({ unit: 'hours', count: 24 });
    expect(expiryParts(72)).toEqual({ unit: 'days', count: 3 });
    expect(expiryParts(720)).toEqual({ unit: 'days', count: 30 });
    expect(expiryParts(50)).toEqual({ unit: 'hours', count: 50 });
  });

  it('turns the form\'s target into the request: a session, a screen\'s room, or the whole event (issue 25.7)', () => {
    expect(inviteTarget('')).toStrictEqual({});
    expect(inviteTarget('session:se_1')).toStrictEqual({ sessionId: 'se_1' });
    expect(inviteTarget('room:ro_1')).toStrictEqual({ roomId: 'ro_1' });
  });
});

describe('an expiry as people read it', () => {
  it('shows the end of the last day as its 23:59, any other time as it is', () => {
    expect(shownExpiry(new Date('2027-01-16T23:00:00.000Z'), 'Europe/Brussels').toISOString()).toBe('2027-01-16T22:59:00.000Z');
    expect(shownExpiry(new Date('2027-01-16T10:46:00.000Z'), 'Europe/Brussels').toISOString()).toBe('2027-01-16T10:46:00.000Z');
  });
});
