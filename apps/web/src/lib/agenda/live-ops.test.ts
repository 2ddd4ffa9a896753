import { describe, expect, it } from 'vitest';
import { availableOps, firstConflict, liveOpPayload, parseDelay } from './live-ops.js';
import { testSession } from './test-sessions.js';

describe('live operations', () => {
  it('turns each tap into one agenda:update', () => {
    expect(liveOpPayload('s_1', { op: 'start' })).toEqual({ sessionId: 's_1', status: 'live' });
    expect(liveOpPayload('s_1', { op: 'delay', minutes: 10, cascade: true })).toEqual({ sessionId: 's_1', delayBy: 10, cascade: true });
    expect(liveOpPayload('s_1', { op: 'on-time' })).toEqual({ sessionId: 's_1', delayMinutes: 0 });
    expect(liveOpPayload('s_1', { op: 'move', roomId: 'r_2' })).toEqual({ sessionId: 's_1', roomId: 'r_2' });
    expect(liveOpPayload('s_1', { op: 'restore' })).toEqual({ sessionId: 's_1', status: 'scheduled' });
  });

  it('offers what fits the session’s state', () => {
    expect(availableOps(testSession())).toEqual({ start: true, end: true, cancel: true, restore: false, delay: true });
    expect(availableOps(testSession({ status: 'live' })).start).toBe(false);
    expect(availableOps(testSession({ status: 'cancelled' }))).toEqual({ start: false, end: false, cancel: false, restore: true, delay: false });
  });

  it('reads a typed delay', () => {
    expect(parseDelay('20')).toBe(20);
    expect(parseDelay('+7')).toBe(7);
    expect(parseDelay('-10')).toBe(-10);
    expect(parseDelay('0')).toBeNull();
    expect(parseDelay('abc')).toBeNull();
    expect(parseDelay('1000')).toBeNull();
  });

  it('finds the session an overlap names', () => {
    const conflict = { sessionId: 's_2', title: { en: 'Panel 2' }, roomId: 'r_1', startsAt: '2026-12-05T10:30:00.000Z', endsAt: '2026-12-05T11:30:00.000Z' };
    expect(firstConflict({ code: 'conflict', message: 'overlap', details: { conflicts: [conflict] } })).toEqual(conflict);
    expect(firstConflict({ code: 'forbidden', message: 'no' })).toBeNull();
  });
});
