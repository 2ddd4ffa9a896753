import type { Session } from '@jisr/protocol/event';
import { instantInZone } from './time-zones.js';

/** A session for tests: 09:30-10:30 UTC on 5 Dec 2026 in room r_1, scheduled, unless overridden. */
export function testSession(overrides: Partial<Session> = {}): Session {
  return {
    id: 's_1',
    eventId: 'e_1',
    roomId: 'r_1',
    kind: 'talk',
    title: { en: 'Talk' },
    description: {},
    startsAt: '2026-12-05T09:30:00.000Z',
    endsAt: '2026-12-05T10:30:00.000Z',
    status: 'scheduled',
    delayMinutes: 0,
    speakerIds: [],
    qa: { open: true, moderated: false, anonymousAllowed: true },
    ...overrides,
  };
}

/** A session at an event's wall-clock times, e.g. sessionAt('a', '2026-12-05', '09:00', '10:00'), in room r1. */
export function sessionAt(id: string, day: string, start: string, end: string, extra: Partial<Session> = {}, zone = 'Europe/Brussels'): Session {
  return {
    id,
    eventId: 'e1',
    roomId: 'r1',
    kind: 'talk',
    title: { fr: `Séance ${id}` },
    description: {},
    startsAt: instantInZone(day, start, zone).toISOString(),
    endsAt: instantInZone(day, end, zone).toISOString(),
    status: 'scheduled',
    delayMinutes: 0,
    speakerIds: [],
    qa: { open: true, moderated: false, anonymousAllowed: true },
    ...extra,
  };
}
