import { describe, expect, it } from 'vitest';
import { formatDay, formatLanguageName, formatLocalTimeRange, formatRelative, formatTime, formatTimeRange, sameClock } from './format.js';

const at = new Date('2026-12-05T08:30:00Z');

describe('format', () => {
  it('shows times in the given zone, not the machine one', () => {
    expect(formatTime(at, 'Europe/Brussels', 'en-GB')).toBe('09:30');
    expect(formatTime(at, 'Africa/Casablanca', 'en-GB')).toBe('09:30');
    expect(formatTime(at, 'America/New_York', 'en-GB')).toBe('03:30');
  });

  it('formats ranges', () => {
    const end = new Date('2026-12-05T09:30:00Z');
    expect(formatTimeRange(at, end, 'Europe/Brussels', 'en-GB')).toMatch(/^09:30\s?–\s?10:30$/u);
  });

  it('gives the viewer’s own times, with the weekday when it is another day there', () => {
    const end = new Date('2026-12-05T09:30:00Z');
    expect(formatLocalTimeRange(at, end, 'Europe/Brussels', 'America/New_York', 'en-GB')).toBe('03:30–04:30');
    const early = new Date('2026-12-05T07:00:00Z');
    expect(formatLocalTimeRange(early, at, 'Europe/Brussels', 'America/Los_Angeles', 'en-GB')).toBe('Fri 23:00–00:30');
  });

  it('formats a calendar day without shifting it', () => {
    expect(formatDay('2026-12-05', 'en-GB')).toBe('Sat 5 Dec');
    expect(formatDay('2026-12-05', 'fr-FR', 'long')).toBe('samedi 5 décembre');
  });

  it('compares wall clocks, not zone names', () => {
    expect(sameClock('Europe/Brussels', 'Europe/Paris', at)).toBe(true);
    expect(sameClock('Europe/Brussels', 'Europe/London', at)).toBe(false);
  });

  it('says nothing under a minute, then minutes, hours, days', () => {
    expect(formatRelative(at, new Date(at.getTime() + 30_000), 'en-GB')).toBeNull();
    expect(formatRelative(at, new Date(at.getTime() + 5 * 60_000), 'en-GB')).toBe('5 minutes ago');
    expect(formatRelative(at, new Date(at.getTime() + 3 * 3_600_000), 'fr-FR')).toBe('il y a 3 heures');
  });

  it('names languages in the viewer’s language', () => {
    expect(formatLanguageName('ar', 'en-GB')).toBe('Arabic');
    expect(formatLanguageName('nl', 'fr-FR')).toBe('néerlandais');
    expect(formatLanguageName('fr', 'ar-MA')).toBe('الفرنسية');
  });
});
