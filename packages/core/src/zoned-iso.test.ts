import { describe, expect, it } from 'vitest';
import { zonedIso, zonedIsoOrEmpty } from './zoned-iso.js';

describe('times in exports (issue 25.3)', () => {
  it('writes the event clock with its offset', () => {
    expect(zonedIso('2027-01-15T08:00:00.000Z', 'Europe/Brussels')).toBe('2027-01-15T09:00:00+01:00');
    expect(zonedIso('2027-07-15T07:00:30.500Z', 'Europe/Brussels')).toBe('2027-07-15T09:00:30+02:00');
    expect(zonedIso('2027-01-15T14:00:00.000Z', 'America/Toronto')).toBe('2027-01-15T09:00:00-05:00');
    expect(zonedIso('2027-01-15T03:30:00.000Z', 'Asia/Kolkata')).toBe('2027-01-15T09:00:00+05:30');
    expect(zonedIso('2027-01-15T09:00:00.000Z', 'UTC')).toBe('2027-01-15T09:00:00+00:00');
  });

  it('is the same instant as the one written in UTC', () => {
    const instant = '2027-01-15T23:30:00.000Z';
    expect(Date.parse(zonedIso(instant, 'Europe/Brussels'))).toBe(Date.parse(instant));
    expect(zonedIso(instant, 'Europe/Brussels')).toBe('2027-01-16T00:30:00+01:00');
  });

  it('leaves an absent time empty', () => {
    expect(zonedIsoOrEmpty(undefined, 'Europe/Brussels')).toBe('');
  });
});
