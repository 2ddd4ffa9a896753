import type { Session } from '@jisr/protocol/event';
import { describe, expect, it } from 'vitest';
import { dayInZone, effectiveEnd, effectiveStart, groupByDay, isHappeningNow } from './agenda.js';

function session(id: string, startsAt: string, endsAt: string, extra: Partial<Session> = {}): Session {
  return {
    id,
    eventId: 'e1',
    roomId: 'r1',
    kind: 'talk',
    title: { en: id },
    description: {},
    startsAt,
    endsAt,
    status: 'scheduled',
    delayMinutes: 0,
    speakerIds: [],
    qa: { open: true, moderated: false, anonymousAllowed: true },
    ...extra,
  };
}

describe('agenda', () => {
  it('shifts times by the announced delay', () => {
    const delayed = session('a', '2026-12-05T08:00:00.000Z', '2026-12-05T09:00:00.000Z', { delayMinutes: 15 });
    expect(effectiveStart(delayed).toISOString()).toBe('2026-12-05T08:15:00.000Z');
    expect(effectiveEnd(delayed).toISOString()).toBe('2026-12-05T09:15:00.000Z');
  });

  it('groups by the day in the event zone, not in UTC', () => {
    // 23:30 UTC on 4 December is already 5 December in Brussels.
    expect(dayInZone(new Date('2026-12-04T23:30:00Z'), 'Europe/Brussels')).toBe('2026-12-05');
    const days = groupByDay(
      [
        session('late', '2026-12-05T15:00:00.000Z', '2026-12-05T16:00:00.000Z'),
        session('night', '2026-12-04T23:30:00.000Z', '2026-12-05T00:30:00.000Z'),
        session('next', '2026-12-06T08:00:00.000Z', '2026-12-06T09:00:00.000Z'),
      ],
      'Europe/Brussels',
    );
    expect(days.map((day) => [day.day, day.sessions.map((s) => s.id)])).toEqual([
      ['2026-12-05', ['night', 'late']],
      ['2026-12-06', ['next']],
    ]);
  });

  it('orders parallel sessions by room position', () => {
    const a = session('a', '2026-12-05T08:00:00.000Z', '2026-12-05T09:00:00.000Z', { roomId: 'r2' });
    const b = session('b', '2026-12-05T08:00:00.000Z', '2026-12-05T09:00:00.000Z', { roomId: 'r1' });
    const order = new Map([
      ['r1', 0],
      ['r2', 1],
    ]);
    expect(groupByDay([a, b], 'UTC', order)[0]?.sessions.map((s) => s.id)).toEqual(['b', 'a']);
  });

  it('knows what is on now: live status first, then the delayed clock', () => {
    const now = new Date('2026-12-05T08:30:00Z');
    expect(isHappeningNow(session('a', '2026-12-05T08:00:00.000Z', '2026-12-05T09:00:00.000Z'), now)).toBe(true);
    expect(isHappeningNow(session('b', '2026-12-05T08:45:00.000Z', '2026-12-05T09:00:00.000Z', { delayMinutes: -20 }), now)).toBe(true);
    expect(isHappeningNow(session('c', '2026-12-05T10:00:00.000Z', '2026-12-05T11:00:00.000Z', { status: 'live' }), now)).toBe(true);
    expect(isHappeningNow(session('d', '2026-12-05T08:00:00.000Z', '2026-12-05T09:00:00.000Z', { status: 'cancelled' }), now)).toBe(false);
  });
});
