import { moveInstant, movedEndDate, type DateMove } from '@jisr/core/event-copy';
import type { LocalizedText } from '@jisr/protocol/common';
import { EVENT_DUMP_FORMAT, EVENT_DUMP_VERSION, type DumpPoll, type DumpSession, type EventDump } from '@jisr/protocol/event-dump';
import { newId } from './ids.js';
import { StoreNotFound, type EventRecord, type Store } from './store.js';

/** What a copy of an event changes: where and when it runs, and who owns it. */
export interface EventCopy {
  code: string;
  startDate: string;
  /** The copy's time zone; the source's when left out. */
  timeZone?: string;
  /** The copy's title; the source's when left out. */
  title?: LocalizedText;
  /** The organizer who makes the copy owns it. */
  ownerId: string;
  /** When the copy is made (its polls' `createdAt`). */
  at: string;
}

/**
 * The source's dump made into the copy's: every record under a new id, sessions moved to
 * the new dates on the wall clock (core's moveInstant), scheduled again with no delay and a
 * fresh `seq`; polls as unrevealed drafts without ballots; event surveys as drafts without
 * answers. Left out: attendees, questions,
 * quiz scores, invites (links are per event), announcements, co-organizers.
 */
export function copyDump(source: EventDump, owner: EventDump['owner'], copy: EventCopy): EventDump {
  const eventId = newId('event');
  const move: DateMove = {
    fromStart: source.event.startDate,
    fromZone: source.event.timeZone,
    toStart: copy.startDate,
    toZone: copy.timeZone ?? source.event.timeZone,
  };
  const rooms = new Map(source.rooms.map((room) => [room.id, newId('room')]));
  const speakers = new Map(source.speakers.map((speaker) => [speaker.id, newId('speaker')]));
  const sessions = new Map(source.sessions.map((session) => [session.id, newId('session')]));
  const mapped = (map: Map<string, string>, id: string): string => {
    const found = map.get(id);
    if (found === undefined) throw new StoreNotFound(`the dump names ${id}, which it does not hold`);
    return found;
  };
  const session = (from: DumpSession): DumpSession => ({
    ...from,
    id: mapped(sessions, from.id),
    eventId,
    roomId: mapped(rooms, from.roomId),
    speakerIds: from.speakerIds.map((id) => mapped(speakers, id)),
    startsAt: moveInstant(from.startsAt, move),
    endsAt: moveInstant(from.endsAt, move),
    status: 'scheduled',
    delayMinutes: 0,
    seq: 0,
  });
  const poll = ({ openedAt: _opened, closesAt: _closes, ...from }: DumpPoll): DumpPoll => ({
    ...from,
    id: newId('poll'),
    sessionId: mapped(sessions, from.sessionId),
    state: 'draft',
    revealed: false,
    createdAt: copy.at,
    casts: 0,
    counts: {},
    labels: {},
    ballots: [],
  });
  return {
    format: EVENT_DUMP_FORMAT,
    version: EVENT_DUMP_VERSION,
    exportedAt: copy.at,
    owner,
    coOrganizers: [],
    event: {
      ...source.event,
      id: eventId,
      code: copy.code,
      ...(copy.title ? { title: copy.title } : {}),
      timeZone: move.toZone,
      startDate: copy.startDate,
      endDate: movedEndDate(source.event, copy.startDate),
    },
    rooms: source.rooms.map((room) => ({ ...room, id: mapped(rooms, room.id), eventId })),
    speakers: source.speakers.map((speaker) => ({ ...speaker, id: mapped(speakers, speaker.id), eventId })),
    speakerPhotos: source.speakerPhotos.map((photo) => ({ ...photo, speakerId: mapped(speakers, photo.speakerId) })),
    sessions: source.sessions.map(session),
    participants: [],
    questions: [],
    polls: source.polls.map(poll),
    quizScores: [],
    invites: [],
    announcements: [],
    surveys: source.surveys.map(({ openedAt: _opened, closedAt: _closed, ...from }) => ({
      ...from,
      id: newId('survey'),
      eventId,
      state: 'draft' as const,
      createdAt: copy.at,
      answers: [],
    })),
  };
}

/**
 * The same for both stores: export, copy, import. The import is one atomic step, so the
 * copy appears whole or not at all (a taken code: StoreConflict, nothing written).
 */
export async function duplicateEvent(store: Pick<Store, 'exportEvent' | 'importEvent' | 'getUser'>, id: string, copy: EventCopy): Promise<EventRecord> {
  const user = await store.getUser(copy.ownerId);
  if (!user) throw new StoreNotFound(`no user ${copy.ownerId}`);
  const owner = { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt };
  const { event } = await store.importEvent(copyDump(await store.exportEvent(id), owner, copy), { code: copy.code });
  return event;
}
