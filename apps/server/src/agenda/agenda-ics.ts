import { effectiveEnd, effectiveStart } from '@jisr/core/agenda';
import { offsetTransitions, zoneOffsetMinutes } from '@jisr/core/time-zones';
import { contentFallbacks, pickText } from '@jisr/core/localize';
import type { Lang } from '@jisr/protocol/common';
import type { Event, Room, Session, Speaker } from '@jisr/protocol/event';
import { text as icalText, writeIcal, type IcalLine } from './ical-writer.js';

/**
 * The agenda as iCalendar, in the event's own time zone: a VTIMEZONE built from this
 * runtime's tz data (`offsetTransitions`: daylight saving, Morocco's Ramadan clock) and
 * times as `DTSTART;TZID=Africa/Casablanca:20260321T100000`, so a calendar shows "10:00 in
 * Rabat" and converts it exactly; written by one generator (ical-writer.ts), which escapes
 * every text and strips control characters. `X-WR-TIMEZONE` also names the zone for the
 * apps that read it.
 * Shown times include announced delays; a cancelled session stays with STATUS:CANCELLED so
 * calendars that had it strike it out instead of keeping it.
 */

export interface IcsAgenda {
  event: Event;
  rooms: readonly Room[];
  sessions: readonly Session[];
  speakers: readonly Speaker[];
  lang: Lang;
  /** Where a session's page lives, for the URL property. */
  sessionUrl: (session: Session) => string;
}

export function agendaIcs(agenda: IcsAgenda, now: Date = new Date()): string {
  const { event, lang } = agenda;
  const zone = event.timeZone;
  const fallbacks = contentFallbacks(event);
  const localized = (value: Session['title']) => pickText(value, lang, fallbacks);
  const rooms = new Map(agenda.rooms.map((room) => [room.id, localized(room.name)]));
  const speakers = new Map(agenda.speakers.map((speaker) => [speaker.id, speaker.name]));
  const stamp = utcStamp(now);
  const local = (instant: Date) => ({ params: { TZID: zone }, value: wallTime(instant, zone) });
  const vevents = agenda.sessions.flatMap((session): IcalLine[] => {
    const names = session.speakerIds.map((id) => speakers.get(id)).filter((name) => name !== undefined);
    const description = [
      localized(session.description),
      names.length > 0 ? names.join(', ') : '',
      session.delayMinutes > 0 ? `+${session.delayMinutes} min` : '',
      agenda.sessionUrl(session),
    ]
      .filter((line) => line)
      .join('\n');
    const location = rooms.get(session.roomId);
    return [
      { begin: 'VEVENT' },
      { name: 'UID', value: icalText(`${session.id}@jisr`) },
      { name: 'DTSTAMP', value: stamp },
      { name: 'DTSTART', ...local(effectiveStart(session)) },
      { name: 'DTEND', ...local(effectiveEnd(session)) },
      { name: 'SUMMARY', value: icalText(localized(session.title) || session.id) },
      ...(location ? [{ name: 'LOCATION', value: icalText(location) }] : []),
      ...(description ? [{ name: 'DESCRIPTION', value: icalText(description) }] : []),
      { name: 'URL', value: agenda.sessionUrl(session).replace(/[^\x21-\x7E]/g, encodeURIComponent) },
      { name: 'STATUS', value: session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED' },
      { end: 'VEVENT' },
    ];
  });
  const instants = agenda.sessions.flatMap((session) => [effectiveStart(session), effectiveEnd(session)]);
  return writeIcal([
    { begin: 'VCALENDAR' },
    { name: 'VERSION', value: '2.0' },
    { name: 'PRODID', value: '-//Jisr//Agenda//EN' },
    { name: 'CALSCALE', value: 'GREGORIAN' },
    { name: 'METHOD', value: 'PUBLISH' },
    { name: 'X-WR-CALNAME', value: icalText(localized(event.title) || event.code) },
    { name: 'X-WR-TIMEZONE', value: icalText(zone) },
    ...vtimezone(zone, instants),
    ...vevents,
    { end: 'VCALENDAR' },
  ]);
}

/** An instant as an iCalendar UTC DATE-TIME (`20261205T080000Z`). */
function utcStamp(instant: Date): string {
  return `${instant.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
}

const DAY_MS = 86_400_000;

/** The zone's wall clock at `instant` as an iCalendar local DATE-TIME (`20261205T090000`). */
function wallTime(instant: Date, zone: string, offset = zoneOffsetMinutes(instant, zone)): string {
  return new Date(instant.getTime() + offset * 60_000).toISOString().replace(/[-:]/g, '').slice(0, 15);
}

function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const whole = Math.abs(minutes);
  return `${sign}${String(Math.floor(whole / 60)).padStart(2, '0')}${String(whole % 60).padStart(2, '0')}`;
}

/**
 * The VTIMEZONE for `zone` over the agenda's span (a month either side): one observance
 * for the offset in force at its start, then one per change, each starting at the change's
 * wall time in the old offset (RFC 5545 3.6.5). A change forward is DAYLIGHT, back STANDARD.
 */
function vtimezone(zone: string, instants: readonly Date[]): IcalLine[] {
  const times = instants.map((instant) => instant.getTime());
  const from = new Date((times.length > 0 ? Math.min(...times) : Date.now()) - 31 * DAY_MS);
  const to = new Date((times.length > 0 ? Math.max(...times) : Date.now()) + 31 * DAY_MS);
  const initial = zoneOffsetMinutes(from, zone);
  const observance = (kind: 'STANDARD' | 'DAYLIGHT', start: string, before: number, after: number): IcalLine[] => [
    { begin: kind },
    { name: 'DTSTART', value: start },
    { name: 'TZOFFSETFROM', value: utcOffset(before) },
    { name: 'TZOFFSETTO', value: utcOffset(after) },
    { end: kind },
  ];
  const parts = [...observance('STANDARD', wallTime(from, zone, initial), initial, initial)];
  for (const change of offsetTransitions(zone, from, to)) {
    parts.push(...observance(change.to > change.from ? 'DAYLIGHT' : 'STANDARD', wallTime(change.at, zone, change.from), change.from, change.to));
  }
  return [{ begin: 'VTIMEZONE' }, { name: 'TZID', value: icalText(zone) }, ...parts, { end: 'VTIMEZONE' }];
}
