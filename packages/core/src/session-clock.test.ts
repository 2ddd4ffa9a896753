import { describe, expect, it } from 'vitest';
import { sessionClock } from './session-clock.js';
import { testSession } from './test-sessions.js';

const at = (time: string): Date => new Date(`2026-12-05T${time}.000Z`);
// 09:30-10:30 UTC.
const talk = testSession();

describe('sessionClock', () => {
  it('counts down to the start, then to the end, in whole minutes rounded up', () => {
    expect(sessionClock(talk, at('09:20:00'))).toMatchObject({ phase: 'before', minutes: 10 });
    expect(sessionClock(talk, at('09:30:00'))).toMatchObject({ phase: 'during', minutes: 60 });
    expect(sessionClock(talk, at('10:17:30'))).toMatchObject({ phase: 'during', minutes: 13 });
    // One second before the end is still "1 minute left", never "0".
    expect(sessionClock(talk, at('10:29:59'))).toMatchObject({ phase: 'during', minutes: 1 });
  });

  it('moves the end by the announced delay', () => {
    const late = { ...talk, delayMinutes: 10 };
    const clock = sessionClock(late, at('10:30:00'));
    expect(clock).toMatchObject({ phase: 'during', minutes: 10 });
    expect(clock.endsAt.toISOString()).toBe('2026-12-05T10:40:00.000Z');
    expect(sessionClock(late, at('09:35:00'))).toMatchObject({ phase: 'before', minutes: 5 });
  });

  it('says how far over it runs, from the first minute', () => {
    expect(sessionClock(talk, at('10:30:00'))).toMatchObject({ phase: 'over', minutes: 1 });
    expect(sessionClock({ ...talk, status: 'live' }, at('10:42:10'))).toMatchObject({ phase: 'over', minutes: 12 });
  });

  it('counts down to the end for a session live before its start, and stops for an ended one', () => {
    expect(sessionClock({ ...talk, status: 'live' }, at('09:20:00'))).toMatchObject({ phase: 'during', minutes: 70 });
    expect(sessionClock({ ...talk, status: 'ended' }, at('10:00:00'))).toMatchObject({ phase: 'done' });
    expect(sessionClock({ ...talk, status: 'cancelled' }, at('09:00:00'))).toMatchObject({ phase: 'done' });
  });
});
