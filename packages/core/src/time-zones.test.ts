import { describe, expect, it } from 'vitest';
import { addDays, instantInZone, offsetTransitions, wallClock, zoneOffsetMinutes } from './time-zones.js';

describe('time zones', () => {
  it('reads Brussels wall clock in winter and summer', () => {
    expect(instantInZone('2026-12-05', '09:00', 'Europe/Brussels').toISOString()).toBe('2026-12-05T08:00:00.000Z');
    expect(instantInZone('2026-07-01', '09:00', 'Europe/Brussels').toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });

  it('crosses the European DST switch on 29 March 2026', () => {
    expect(instantInZone('2026-03-29', '01:30', 'Europe/Brussels').toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(instantInZone('2026-03-29', '03:30', 'Europe/Brussels').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 does not exist that night: it lands on the same instant as 03:30 summer time.
    expect(instantInZone('2026-03-29', '02:30', 'Europe/Brussels').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the first of the two 02:30s when clocks go back on 25 October 2026', () => {
    expect(instantInZone('2026-10-25', '02:30', 'Europe/Brussels').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantInZone('2026-10-25', '09:00', 'Europe/Brussels').toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });

  it("follows Morocco's Ramadan clock change (UTC+1 the year round, UTC+0 during Ramadan)", () => {
    expect(zoneOffsetMinutes(new Date('2026-01-10T12:00:00Z'), 'Africa/Casablanca')).toBe(60);
    expect(zoneOffsetMinutes(new Date('2026-03-05T12:00:00Z'), 'Africa/Casablanca')).toBe(0);
    expect(zoneOffsetMinutes(new Date('2026-05-01T12:00:00Z'), 'Africa/Casablanca')).toBe(60);
    expect(instantInZone('2026-03-05', '10:00', 'Africa/Casablanca').toISOString()).toBe('2026-03-05T10:00:00.000Z');
    expect(instantInZone('2026-05-01', '10:00', 'Africa/Casablanca').toISOString()).toBe('2026-05-01T09:00:00.000Z');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('reads the wall clock back from an instant, across the Ramadan and DST switches', () => {
    expect(wallClock(new Date('2026-12-04T23:30:00Z'), 'Europe/Brussels')).toEqual({ day: '2026-12-05', time: '00:30' });
    expect(wallClock(new Date('2026-03-29T01:30:00Z'), 'Europe/Brussels')).toEqual({ day: '2026-03-29', time: '03:30' });
    expect(wallClock(new Date('2026-03-21T09:00:00Z'), 'Africa/Casablanca')).toEqual({ day: '2026-03-21', time: '09:00' });
    expect(wallClock(new Date('2026-03-22T08:00:00Z'), 'Africa/Casablanca')).toEqual({ day: '2026-03-22', time: '09:00' });
    for (const [day, time, zone] of [['2026-02-16', '10:15', 'Africa/Casablanca'], ['2026-10-25', '09:00', 'Europe/Brussels']] as const) {
      expect(wallClock(instantInZone(day, time, zone), zone)).toEqual({ day, time });
    }
  });
});

describe('offsetTransitions', () => {
  it('finds Europe’s spring and autumn changes to the minute', () => {
    const changes = offsetTransitions('Europe/Brussels', new Date('2026-01-01T00:00:00Z'), new Date('2026-12-31T00:00:00Z'));
    expect(changes.map((change) => [change.at.toISOString(), change.from, change.to])).toEqual([
      ['2026-03-29T01:00:00.000Z', 60, 120],
      ['2026-10-25T01:00:00.000Z', 120, 60],
    ]);
  });

  it('finds Morocco’s clock going back for Ramadan and forward after it, as this runtime’s tz data says', () => {
    const changes = offsetTransitions('Africa/Casablanca', new Date('2026-01-01T00:00:00Z'), new Date('2026-12-31T00:00:00Z'));
    expect(changes).toHaveLength(2);
    const [back, forward] = changes;
    expect([back?.from, back?.to, forward?.from, forward?.to]).toEqual([60, 0, 0, 60]);
    // Each change is exact: one minute before it the old offset holds.
    for (const change of changes) {
      expect(zoneOffsetMinutes(new Date(change.at.getTime() - 60_000), 'Africa/Casablanca')).toBe(change.from);
      expect(zoneOffsetMinutes(change.at, 'Africa/Casablanca')).toBe(change.to);
    }
  });

  it('finds nothing where the offset never changes', () => {
    expect(offsetTransitions('Asia/Tokyo', new Date('2026-01-01T00:00:00Z'), new Date('2026-12-31T00:00:00Z'))).toEqual([]);
  });
});
