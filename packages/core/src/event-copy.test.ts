import { describe, expect, it } from 'vitest';
import { daysBetween, moveInstant, movedEndDate } from './event-copy.js';

describe('moving an event to new dates', () => {
  it('keeps the day of the event and the wall-clock time', () => {
    const move = { fromStart: '2026-12-07', fromZone: 'Europe/Brussels', toStart: '2027-01-18', toZone: 'Europe/Berlin' };
    // Day 2, 14:00 in Brussels (UTC+1) -> day 2, 14:00 in Düsseldorf (UTC+1).
    expect(moveInstant('2026-12-08T13:00:00.000Z', move)).toBe('2027-01-19T13:00:00.000Z');
  });

  it('keeps 09:00 local across a clock change: the UTC instant moves by the offset difference', () => {
    // Brussels in winter (UTC+1) to Madrid in summer (UTC+2): 09:00 stays 09:00.
    const move = { fromStart: '2026-12-07', fromZone: 'Europe/Brussels', toStart: '2027-05-10', toZone: 'Europe/Madrid' };
    expect(moveInstant('2026-12-07T08:00:00.000Z', move)).toBe('2027-05-10T07:00:00.000Z');
    // A two-day event whose copy spans the spring switch (28 March 2027): day 1 on winter time, day 2 on summer time.
    const spanning = { fromStart: '2026-12-07', fromZone: 'Europe/Brussels', toStart: '2027-03-27', toZone: 'Europe/Brussels' };
    expect(moveInstant('2026-12-07T08:00:00.000Z', spanning)).toBe('2027-03-27T08:00:00.000Z');
    expect(moveInstant('2026-12-08T08:00:00.000Z', spanning)).toBe('2027-03-28T07:00:00.000Z');
  });

  it('moves to another time zone by the wall clock, not by the instant', () => {
    // 09:00 in Brussels becomes 09:00 in Casablanca (UTC+1, UTC+0 in Ramadan 2027: 8 Feb - 10 Mar).
    const move = { fromStart: '2026-12-07', fromZone: 'Europe/Brussels', toStart: '2027-02-20', toZone: 'Africa/Casablanca' };
    expect(moveInstant('2026-12-07T08:00:00.000Z', move)).toBe('2027-02-20T09:00:00.000Z');
  });

  it('keeps a session that ends at midnight on its own day', () => {
    const move = { fromStart: '2026-12-07', fromZone: 'Europe/Brussels', toStart: '2027-06-01', toZone: 'Europe/Brussels' };
    // 24:00 of day 1 (= 00:00 of day 2) stays the end of day 1.
    expect(moveInstant('2026-12-07T23:00:00.000Z', move)).toBe('2027-06-01T22:00:00.000Z');
  });

  it('gives the copy as many days as the source', () => {
    expect(daysBetween('2026-12-07', '2026-12-08')).toBe(1);
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(movedEndDate({ startDate: '2026-12-07', endDate: '2026-12-08' }, '2027-02-28')).toBe('2027-03-01');
  });
});
