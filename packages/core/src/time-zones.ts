/**
 * Wall-clock time in an IANA zone <-> instants, with nothing but Intl, so the browser and
 * the server agree and DST or Morocco's Ramadan clock changes come from the zone data.
 */

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let format = partFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormatters.set(timeZone, format);
  }
  return format;
}

/** The zone's offset from UTC at an instant, in minutes (e.g. +60 for Brussels in winter). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts['year'] ?? 0,
    (parts['month'] ?? 1) - 1,
    parts['day'] ?? 1,
    parts['hour'] ?? 0,
    parts['minute'] ?? 0,
    parts['second'] ?? 0,
  );
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / 60_000);
}

/**
 * The instant at which the clocks of `timeZone` show `day` `time` ('2026-03-29', '09:30').
 * In a spring-forward gap the later offset applies (the meeting starts an hour "late"
 * rather than at a time that never exists); in a fall-back overlap, the first occurrence.
 */
export function instantInZone(day: string, time: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, date ?? 1, hour ?? 0, minute ?? 0);
  const firstGuess = wall - zoneOffsetMinutes(new Date(wall), timeZone) * 60_000;
  const offset = zoneOffsetMinutes(new Date(firstGuess), timeZone);
  const candidate = wall - offset * 60_000;
  // Prefer the earlier of two valid readings (fall-back overlap).
  const earlier = wall - zoneOffsetMinutes(new Date(candidate - 3_600_000), timeZone) * 60_000;
  if (earlier < candidate && zoneOffsetMinutes(new Date(earlier), timeZone) * 60_000 === wall - earlier) return new Date(earlier);
  return new Date(candidate);
}

/** Adds whole days to a 'YYYY-MM-DD' day. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (date ?? 1) + days)).toISOString().slice(0, 10);
}

/**
 * What the clocks of `timeZone` show at an instant: the day and the minute ('HH:MM'), the
 * inverse of instantInZone. @example wallClock(new Date('2026-12-05T08:00:00Z'), 'Europe/Brussels') // { day: '2026-12-05', time: '09:00' }
 */
export function wallClock(instant: Date, timeZone: string): { day: string; time: string } {
  const local = new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60_000).toISOString();
  return { day: local.slice(0, 10), time: local.slice(11, 16) };
}

/** A change of a zone's UTC offset: at `at`, the offset goes from `from` to `to` minutes. */
export interface OffsetTransition {
  at: Date;
  from: number;
  to: number;
}

const MINUTE_MS = 60_000;
/** Zones change offset at most a few times a year, never twice within this step. */
const SCAN_STEP_MS = 6 * 60 * MINUTE_MS;

/**
 * Every offset change of `timeZone` between `from` and `to`, to the minute, from the
 * tz data of this runtime (Intl): daylight saving, and Morocco's clock change around
 * Ramadan alike. What iCalendar's VTIMEZONE is written from.
 * @example offsetTransitions('Europe/Brussels', new Date('2026-03-01'), new Date('2026-04-01')) // [{ at: 2026-03-29T01:00Z, from: 60, to: 120 }]
 */
export function offsetTransitions(timeZone: string, from: Date, to: Date): OffsetTransition[] {
  const found: OffsetTransition[] = [];
  let before = zoneOffsetMinutes(from, timeZone);
  for (let t = from.getTime() + SCAN_STEP_MS; t < to.getTime() + SCAN_STEP_MS; t += SCAN_STEP_MS) {
    const now = zoneOffsetMinutes(new Date(t), timeZone);
    if (now === before) continue;
    // The change is in (t - step, t]: narrow it down to the first minute of the new offset.
    let low = t - SCAN_STEP_MS;
    let high = t;
    while (high - low > MINUTE_MS) {
      const middle = low + Math.max(MINUTE_MS, Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS);
      if (zoneOffsetMinutes(new Date(middle), timeZone) === before) low = middle;
      else high = middle;
    }
    if (high <= to.getTime()) found.push({ at: new Date(high), from: before, to: now });
    before = now;
  }
  return found;
}
