import { wallClock, zoneOffsetMinutes } from './time-zones.js';

/**
 * An instant as exports write it: the event's wall clock with its UTC offset, ISO 8601
 * ('2027-01-15T09:00:00+01:00'), so a spreadsheet reads the 09:00 opening as 09:00 and a
 * program still finds the exact instant. Seconds kept; milliseconds dropped.
 * @example zonedIso('2027-01-15T08:00:00.000Z', 'Europe/Brussels') // '2027-01-15T09:00:00+01:00'
 */
export function zonedIso(instant: string | Date, timeZone: string): string {
  const at = new Date(instant);
  const { day, time } = wallClock(at, timeZone);
  const seconds = String(at.getUTCSeconds()).padStart(2, '0');
  const offset = zoneOffsetMinutes(at, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${day}T${time}:${seconds}${sign}${hours}:${minutes}`;
}

/** As zonedIso, or '' for an absent time (a question not answered yet). */
export function zonedIsoOrEmpty(instant: string | undefined, timeZone: string): string {
  return instant === undefined ? '' : zonedIso(instant, timeZone);
}
