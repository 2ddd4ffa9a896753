import type { Session } from '@jisr/protocol/event';

const MINUTE_MS = 60_000;

/** When the session now starts, its announced delay included. */
export function effectiveStart(session: Session): Date {
  return new Date(Date.parse(session.startsAt) + session.delayMinutes * MINUTE_MS);
}

/** When the session now ends, its announced delay included. */
export function effectiveEnd(session: Session): Date {
  return new Date(Date.parse(session.endsAt) + session.delayMinutes * MINUTE_MS);
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day ('YYYY-MM-DD') an instant falls on in a time zone. */
export function dayInZone(instant: Date, timeZone: string): string {
  let format = dayFormatters.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, format);
  }
  return format.format(instant);
}

export interface AgendaDay {
  day: string;
  sessions: Session[];
}

/**
 * Sessions grouped by their day in the event's time zone, days in order, sessions by
 * (delayed) start time, then by room order so parallel sessions keep a stable order.
 */
export function groupByDay(
  sessions: readonly Session[],
  timeZone: string,
  roomOrder: ReadonlyMap<string, number> = new Map(),
): AgendaDay[] {
  const sorted = [...sessions].sort(
    (a, b) =>
      effectiveStart(a).getTime() - effectiveStart(b).getTime() ||
      (roomOrder.get(a.roomId) ?? 0) - (roomOrder.get(b.roomId) ?? 0) ||
      a.id.localeCompare(b.id),
  );
  const days: AgendaDay[] = [];
  for (const session of sorted) {
    const day = dayInZone(effectiveStart(session), timeZone);
    const last = days.at(-1);
    if (last && last.day === day) last.sessions.push(session);
    else days.push({ day, sessions: [session] });
  }
  return days;
}

/** Is the session going on at `now`? Live status wins; else the (delayed) clock decides. */
export function isHappeningNow(session: Session, now: Date): boolean {
  if (session.status === 'live') return true;
  if (session.status !== 'scheduled') return false;
  return effectiveStart(session) <= now && now < effectiveEnd(session);
}
