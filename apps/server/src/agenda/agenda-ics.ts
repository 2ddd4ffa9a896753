import { effectiveEnd, effectiveStart } from '@jisr/core/agenda';
import { pickText } from '@jisr/core/localize';
import type { Lang } from '@jisr/protocol/common';
import type { Event, Room, Session, Speaker } from '@jisr/protocol/event';
import { createEvents, type EventAttributes } from 'ics';

/**
 * The agenda as iCalendar. Times are written in UTC (`DTSTART:20261205T080000Z`): the `ics`
 * package cannot write a VTIMEZONE, and UTC instants are exact in every calendar app, which
 * shows them in the reader's own zone. `X-WR-TIMEZONE` names the event's zone for the apps
 * that use it (Google, Apple). Shown times include announced delays; a cancelled session
 * stays with STATUS:CANCELLED so calendars that had it strike it out instead of keeping it.
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

/** TEXT value escaping (RFC 5545 3.3.11) for the properties the ics package doesn't write. */
function icsText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

export function agendaIcs(agenda: IcsAgenda): string {
  const { event, lang } = agenda;
  const fallbacks = [event.defaultLang, ...event.languages];
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
  const extra =
    `X-WR-TIMEZONE:${event.timeZone}\r\n` +
    `X-WR-CALDESC:${icsText(`Times in UTC; the event runs on ${event.timeZone} time.`)}\r\n`;
  // After the calendar's own properties, before its first component.
  const at = value.search(/BEGIN:VEVENT\r\n|END:VCALENDAR\r\n/);
  return value.slice(0, at) + extra + value.slice(at);
}
