import type { Session } from '@jisr/protocol/event';
import { effectiveEnd, effectiveStart } from './agenda.js';
import type { EventWindow } from './agenda-rules.js';
import { addDays, instantInZone, wallClock } from './time-zones.js';

/**
 * The slot math of the organizer's timetable (rooms as columns, time as rows, one day at a
 * time), in minutes of the event's wall clock so a grid row means the same thing whatever
 * the organizer's laptop says. Whether a session may go somewhere stays the server's call
 * (agenda-rules: overlap, event window); these only choose what to propose.
 */

/** One row of the grid: half an hour is what programmes are planned in. */
export const SLOT_MINUTES = 30;
/** A session made by clicking one slot lasts an hour, the usual talk, unless its room is busy sooner. */
export const DEFAULT_SESSION_MINUTES = 60;
/** The hours a day shows even when empty: a conference day. */
export const DAY_FROM = 8 * 60;
export const DAY_TO = 19 * 60;
const DAY_END = 24 * 60;

/** Minutes since midnight of 'HH:MM'. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** 'HH:MM' of minutes since midnight (24:00 stays 24:00, the end of a day). */
export function clockOf(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A stretch of one day in one room, in minutes of the event's wall clock. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Where a session sits on its day's grid (its announced delay included, as the server's
 * overlap rule counts it). A session running past midnight is cut at the end of its day.
 */
export function spanOf(session: Session, timeZone: string): { day: string; span: Span } {
  const start = wallClock(effectiveStart(session), timeZone);
  const end = wallClock(effectiveEnd(session), timeZone);
  return { day: start.day, span: { start: minutesOf(start.time), end: end.day === start.day ? minutesOf(end.time) : DAY_END } };
}

/** The rows a day shows: the usual conference day, widened to whole slots around its sessions. */
export function dayRange(spans: readonly Span[]): Span {
  const start = Math.min(DAY_FROM, ...spans.map((span) => Math.floor(span.start / SLOT_MINUTES) * SLOT_MINUTES));
  const end = Math.max(DAY_TO, ...spans.map((span) => Math.ceil(span.end / SLOT_MINUTES) * SLOT_MINUTES));
  return { start, end: Math.min(end, DAY_END) };
}

/** The start of every slot of a range. */
export function slotStarts(range: Span): number[] {
  const starts: number[] = [];
  for (let minute = range.start; minute < range.end; minute += SLOT_MINUTES) starts.push(minute);
  return starts;
}

const overlapping = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** Is the stretch free in a room whose sessions take `busy`? */
export function isFree(span: Span, busy: readonly Span[]): boolean {
  return busy.every((other) => !overlapping(span, other));
}

/**
 * The end a new session started at `start` gets: an hour, or less when the room's next
 * session starts sooner (never less than a slot), never past the end of the day.
 */
export function proposedEnd(start: number, busy: readonly Span[], minutes = DEFAULT_SESSION_MINUTES): number {
  const next = Math.min(...busy.filter((span) => span.start >= start + SLOT_MINUTES).map((span) => span.start), start + minutes);
  return Math.min(Math.max(next, start + SLOT_MINUTES), DAY_END);
}

/**
 * The first start at or after `after` where `length` minutes fit in a room whose sessions
 * take `busy`, before `dayEnd`; null when the day has no such gap. Right after a session
 * when that is free; otherwise at the end of whatever is in the way.
 */
export function nextFreeStart(busy: readonly Span[], length: number, after: number, dayEnd = DAY_END): number | null {
  const sorted = [...busy].sort((a, b) => a.start - b.start);
  let start = after;
  for (const span of sorted) {
    if (overlapping({ start, end: start + length }, span)) start = Math.max(start, span.end);
  }
  return start + length <= dayEnd ? start : null;
}

/** The busy stretches of one room on one day (cancelled sessions take no room, as on the server). */
export function busySpans(sessions: readonly Session[], roomId: string, day: string, timeZone: string, except?: string): Span[] {
  return sessions
    .filter((session) => session.roomId === roomId && session.status !== 'cancelled' && session.id !== except)
    .map((session) => spanOf(session, timeZone))
    .filter((placed) => placed.day === day)
    .map((placed) => placed.span);
}

/** Planned times ('startsAt', 'endsAt' ISO) of a stretch of a day in the event's zone. */
export function spanTimes(day: string, span: Span, timeZone: string): { startsAt: string; endsAt: string } {
  const end = span.end >= DAY_END ? instantInZone(addDays(day, 1), '00:00', timeZone) : instantInZone(day, clockOf(span.end), timeZone);
  return { startsAt: instantInZone(day, clockOf(span.start), timeZone).toISOString(), endsAt: end.toISOString() };
}

/**
 * Where a duplicate of `session` goes: right after it in its room, else the room's next
 * gap as long as it, that day or a later day of the event (from the first slot of the
 * day); null when the event has no room for it. Planned times, without the original's delay.
 */
export function duplicateSlot(session: Session, sessions: readonly Session[], window: EventWindow): { startsAt: string; endsAt: string } | null {
  const length = Math.round((Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000);
  const placed = spanOf(session, window.timeZone);
  for (let day = placed.day; day <= window.endDate; day = addDays(day, 1)) {
    const busy = busySpans(sessions, session.roomId, day, window.timeZone);
    const start = nextFreeStart(busy, length, day === placed.day ? placed.span.end : DAY_FROM);
    if (start !== null) return spanTimes(day, { start, end: start + length }, window.timeZone);
  }
  return null;
}

/**
 * A session moved on the grid by whole slots (`rows`, later when positive) and rooms
 * (`columns`, by the rooms' order), keeping its length; clamped to the day and the rooms.
 */
export function movedBy(
  placed: { roomId: string; span: Span },
  rows: number,
  columns: number,
  roomIds: readonly string[],
): { roomId: string; span: Span } {
  const length = placed.span.end - placed.span.start;
  const start = Math.min(Math.max(placed.span.start + rows * SLOT_MINUTES, 0), DAY_END - length);
  const index = roomIds.indexOf(placed.roomId);
  const room = roomIds[Math.min(Math.max(index + columns, 0), roomIds.length - 1)] ?? placed.roomId;
  return { roomId: room, span: { start, end: start + length } };
}
