import { effectiveEnd, effectiveStart } from '@jisr/core/agenda';
import { offsetTransitions, zoneOffsetMinutes } from '@jisr/core/time-zones';
import { contentFallbacks, pickText } from '@jisr/core/localize';
import type { Lang } from '@jisr/protocol/common';
import type { Event, Room, Session, Speaker } from '@jisr/protocol/event';
import { createEvents, type EventAttributes } from 'ics';

/**
 * The agenda as iCalendar, in the event's own time zone: a VTIMEZONE built from this
 * runtime's tz data (`offsetTransitions`: daylight saving, Morocco's Ramadan clock) and
 * times as `DTSTART;TZID=Africa/Casablanca:20260321T100000`, so a calendar shows "10:00 in
 * Rabat" and converts it exactly. The `ics` package writes UTC only and no VTIMEZONE, so its
 * times are rewritten here. `X-WR-TIMEZONE` also names the zone for the apps that read it.
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

export function agendaIcs(agenda: IcsAgenda): string {
  const { event, lang } = agenda;
  const fallbacks = contentFallbacks(event);
  const text = (value: Session['title']) => pickText(value, lang, fallbacks);
  const rooms = new Map(agenda.rooms.map((room) => [room.id, text(room.name)]));
  const speakers = new Map(agenda.speakers.map((speaker) => [speaker.id, speaker.name]));
  const items: EventAttributes[] = agenda.sessions.map((session) => {
    const names = session.speakerIds.map((id) => speakers.get(id)).filter((name) => name !== undefined);
    const description = [
      text(session.description),
      names.length > 0 ? names.join(', ') : '',
      session.delayMinutes > 0 ? `+${session.delayMinutes} min` : '',
      // In the description, not as URL: the ics package's URL check refuses hosts like localhost:0.
      agenda.sessionUrl(session),
    ]
      .filter((line) => line)
      .join('\n');
    return {
      uid: `${session.id}@jisr`,
      title: text(session.title) || session.id,
      start: effectiveStart(session).getTime(),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: effectiveEnd(session).getTime(),
      endInputType: 'utc',
      endOutputType: 'utc',
      status: session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      ...(rooms.get(session.roomId) ? { location: rooms.get(session.roomId) } : {}),
      ...(description ? { description } : {}),
    };
  });
  const { error, value } = createEvents(items, { productId: '-//Jisr//Agenda//EN', method: 'PUBLISH', calName: text(event.title) || event.code });
  if (error || value === null) throw error ?? new Error('ics wrote nothing');
  const zone = event.timeZone;
  const instants = agenda.sessions.flatMap((session) => [effectiveStart(session), effectiveEnd(session)]);
  const extra = `X-WR-TIMEZONE:${zone}\r\n` + vtimezone(zone, instants);
  // After the calendar's own properties, before its first component.
  const at = value.search(/BEGIN:VEVENT\r\n|END:VCALENDAR\r\n/);
  const local = (value.slice(0, at) + extra + value.slice(at)).replace(
    /^(DTSTART|DTEND):(\d{8}T\d{6})Z\r$/gm,
    (_line, name: string, utc: string) => `${name};TZID=${zone}:${wallTime(parseUtc(utc), zone)}\r`,
  );
  return local;
}

const DAY_MS = 86_400_000;

/** `20261205T080000` (UTC, as the ics package writes it) as an instant. */
function parseUtc(text: string): Date {
  const [y, mo, d, h, mi, se] = [text.slice(0, 4), text.slice(4, 6), text.slice(6, 8), text.slice(9, 11), text.slice(11, 13), text.slice(13, 15)].map(Number);
  return new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, se ?? 0));
}

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
function vtimezone(zone: string, instants: readonly Date[]): string {
  const times = instants.map((instant) => instant.getTime());
  const from = new Date((times.length > 0 ? Math.min(...times) : Date.now()) - 31 * DAY_MS);
  const to = new Date((times.length > 0 ? Math.max(...times) : Date.now()) + 31 * DAY_MS);
  const initial = zoneOffsetMinutes(from, zone);
  const observance = (kind: 'STANDARD' | 'DAYLIGHT', start: string, before: number, after: number): string =>
    `BEGIN:${kind}\r\nDTSTART:${start}\r\nTZOFFSETFROM:${utcOffset(before)}\r\nTZOFFSETTO:${utcOffset(after)}\r\nEND:${kind}\r\n`;
  const parts = [observance('STANDARD', wallTime(from, zone, initial), initial, initial)];
  for (const change of offsetTransitions(zone, from, to)) {
    parts.push(observance(change.to > change.from ? 'DAYLIGHT' : 'STANDARD', wallTime(change.at, zone, change.from), change.from, change.to));
  }
  return `BEGIN:VTIMEZONE\r\nTZID:${zone}\r\n${parts.join('')}END:VTIMEZONE\r\n`;
}
