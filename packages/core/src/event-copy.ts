import { addDays, instantInZone, wallClock } from './time-zones.js';

/**
 * Copying an event to new dates (a roadshow: the same programme in Brussels, then
 * Düsseldorf, then Madrid). What an attendee reads is the wall clock: a session at 09:00 on
 * the first day stays at 09:00 on the copy's first day, in the copy's time zone, even when
 * the copy falls on the other side of a clock change (the UTC instant then moves by the
 * offset's difference, not by a whole number of days).
 */

export interface DateMove {
  /** The source event's first day and time zone. */
  fromStart: string;
  fromZone: string;
  /** The copy's first day and time zone. */
  toStart: string;
  toZone: string;
}

/** Whole days from `from` to `to` ('YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The copy's last day: as many days after its first as the source's. */
export function movedEndDate(source: { startDate: string; endDate: string }, toStart: string): string {
  return addDays(toStart, daysBetween(source.startDate, source.endDate));
}

/** An instant of the source moved to the copy: same day of the event, same wall-clock time. */
export function moveInstant(instant: string, move: DateMove): string {
  const { day, time } = wallClock(new Date(instant), move.fromZone);
  const offset = daysBetween(move.fromStart, day);
  return instantInZone(addDays(move.toStart, offset), time, move.toZone).toISOString();
}
