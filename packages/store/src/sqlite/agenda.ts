import type { QaSettings, Room, Session, Speaker } from '@jisr/protocol/event';
import { newId } from '../ids.js';
import { normalizeJoinCode } from '../normalize.js';
import {
  StoreConflict,
  StoreNotFound,
  type EventRecord,
  type NewEvent,
  type NewRoom,
  type NewSession,
  type NewSpeaker,
  type Sequenced,
  type SessionChange,
  type SessionExpectation,
  type SessionUpdate,
} from '../store.js';
import {
  toEvent,
  toJson,
  toRoom,
  toSession,
  toSpeaker,
  type EventRow,
  type RoomRow,
  fromSession,
  instantMs,
  type SessionRow,
  type SpeakerRow,
} from './rows.js';
import { bumpSeq } from './seq.js';
import { withConstraints, type Sql } from './sql.js';

/** Events and what their agenda is made of: rooms, speakers, sessions. */

export function createEvent(sql: Sql, event: NewEvent): EventRecord {
  const row: EventRow = {
    id: newId('event'),
    code: normalizeJoinCode(event.code),
    owner_id: event.ownerId,
    title: toJson(event.title),
    description: toJson(event.description),
    time_zone: event.timeZone,
    languages: toJson(event.languages),
    default_lang: event.defaultLang,
    start_date: event.startDate,
    end_date: event.endDate,
    logo_url: event.logoUrl ?? null,
    color: event.color ?? null,
    defaults: event.defaults === undefined ? null : toJson(event.defaults),
    fallback_langs: event.fallbackLangs === undefined ? null : toJson(event.fallbackLangs),
  };
  withConstraints({ conflict: `join code ${row.code} is taken`, notFound: `no user ${event.ownerId}` }, () =>
    sql.insert('events', row),
  );
  return toEvent(row);
}

export function getEvent(sql: Sql, id: string): EventRecord | null {
  const row = sql.one<EventRow>('SELECT * FROM events WHERE id = :id', { id });
  return row ? toEvent(row) : null;
}

export function getEventByCode(sql: Sql, code: string): EventRecord | null {
  const row = sql.one<EventRow>('SELECT * FROM events WHERE code = :code', { code: normalizeJoinCode(code) });
  return row ? toEvent(row) : null;
}

export function listEvents(sql: Sql): EventRecord[] {
  return sql.all<EventRow>('SELECT * FROM events ORDER BY ord').map(toEvent);
}

export function createRoom(sql: Sql, room: NewRoom): Room {
  const row: RoomRow = { id: newId('room'), event_id: room.eventId, name: toJson(room.name), position: room.position };
  withConstraints({ notFound: `no event ${room.eventId}` }, () => sql.insert('rooms', row));
  return toRoom(row);
}

export function listRooms(sql: Sql, eventId: string): Room[] {
  const rows = sql.all<RoomRow>('SELECT * FROM rooms WHERE event_id = :eventId ORDER BY position, ord', { eventId });
  return rows.map(toRoom);
}

export function createSpeaker(sql: Sql, speaker: NewSpeaker): Speaker {
  const row: SpeakerRow = {
    id: newId('speaker'),
    event_id: speaker.eventId,
    name: speaker.name,
    affiliation: speaker.affiliation ?? null,
    country: speaker.country ?? null,
    bio: toJson(speaker.bio),
    photo_url: speaker.photoUrl ?? null,
    // A photo comes only through setSpeakerPhoto, with its bytes.
    photo_version: null,
  };
  withConstraints({ notFound: `no event ${speaker.eventId}` }, () => sql.insert('speakers', row));
  return toSpeaker(row);
}

export function listSpeakers(sql: Sql, eventId: string): Speaker[] {
  const rows = sql.all<SpeakerRow>('SELECT * FROM speakers WHERE event_id = :eventId ORDER BY ord', { eventId });
  return rows.map(toSpeaker);
}

export function createSession(sql: Sql, session: NewSession): Session {
  const row = fromSession({ ...session, id: newId('session') });
  const notFound = `no event ${session.eventId} with a room ${session.roomId}`;
  withConstraints({ notFound }, () => sql.insert('sessions', row));
  return toSession(row);
}

export function getSession(sql: Sql, id: string): Session | null {
  const row = sql.one<SessionRow>('SELECT * FROM sessions WHERE id = :id', { id });
  return row ? toSession(row) : null;
}

export function listSessions(sql: Sql, eventId: string): Session[] {
  const rows = sql.all<SessionRow>('SELECT * FROM sessions WHERE event_id = :eventId ORDER BY starts_ms, ord', {
    eventId,
  });
  return rows.map(toSession);
}

/** `qa` merged into the stored settings field by field; fields left out (or undefined) stay. */
function mergeQa(current: QaSettings, change: Partial<QaSettings> | undefined): QaSettings {
  return {
    open: change?.open ?? current.open,
    moderated: change?.moderated ?? current.moderated,
    anonymousAllowed: change?.anonymousAllowed ?? current.anonymousAllowed,
    // Kept inside the qa JSON column: absent (never opened) stays absent.
    ...((change?.feedbackOpen ?? current.feedbackOpen) === undefined ? {} : { feedbackOpen: change?.feedbackOpen ?? current.feedbackOpen }),
  };
}

const WRITE_SESSION = `UPDATE sessions SET room_id = :room_id, starts_at = :starts_at, starts_ms = :starts_ms,
  ends_at = :ends_at, status = :status, delay_minutes = :delay_minutes, qa = :qa, kind = :kind, title = :title,
  description = :description, speaker_ids = :speaker_ids
  WHERE id = :id RETURNING *`;

/**
 * Reads the session, writes it whole with the change applied, bumps seq: the caller holds
 * the transaction. A room of another event breaks the sessions' (event_id, room_id) key:
 * StoreNotFound. With `eventId`, a session of another event is not found either.
 */
function applySessionChange(
  sql: Sql,
  sessionId: string,
  change: SessionChange,
  eventId?: string,
  expected: SessionExpectation = {},
): Sequenced<Session> {
  const row = sql.one<SessionRow>('SELECT * FROM sessions WHERE id = :sessionId', { sessionId });
  if (!row || (eventId !== undefined && row.event_id !== eventId)) throw new StoreNotFound(`no session ${sessionId}`);
  const current = toSession(row);
  for (const [field, value] of Object.entries(expected)) {
    if (value !== undefined && current[field as keyof SessionExpectation] !== value) {
      throw new StoreConflict(`session ${sessionId} changed meanwhile (${field})`);
    }
  }
  const startsAt = change.startsAt ?? current.startsAt;
  const roomId = change.roomId ?? current.roomId;
  const params = {
    id: row.id,
    room_id: roomId,
    starts_at: startsAt,
    starts_ms: change.startsAt === undefined ? row.starts_ms : instantMs(startsAt),
    ends_at: change.endsAt ?? current.endsAt,
    status: change.status ?? current.status,
    delay_minutes: change.delayMinutes ?? current.delayMinutes,
    qa: toJson(mergeQa(current.qa, change.qa)),
    kind: change.kind ?? current.kind,
    title: toJson(change.title ?? current.title),
    description: toJson(change.description ?? current.description),
    speaker_ids: toJson(change.speakerIds ?? current.speakerIds),
  };
  const notFound = `no room ${roomId} in event ${row.event_id}`;
  const written = withConstraints({ notFound }, () => sql.one<SessionRow>(WRITE_SESSION, params));
  if (!written) throw new Error(`session ${sessionId} vanished inside its own transaction`);
  return { value: toSession(written), seq: bumpSeq(sql, sessionId) };
}

/** One IMMEDIATE transaction: read the session, write it whole with the change applied, bump seq. */
export function updateSession(sql: Sql, sessionId: string, change: SessionChange): Sequenced<Session> {
  return sql.transaction(() => applySessionChange(sql, sessionId, change));
}

/** Every change in one transaction: any failure rolls all of them back. */
export function updateSessions(sql: Sql, eventId: string, changes: readonly SessionUpdate[]): Sequenced<Session>[] {
  return sql.transaction(() => changes.map(({ sessionId, change, expected }) => applySessionChange(sql, sessionId, change, eventId, expected)));
}

/** Refuses while the session has questions or polls; its invites go with it (foreign key cascade). */
export function deleteSession(sql: Sql, sessionId: string): Session {
  return sql.transaction((): Session => {
    const row = sql.one<SessionRow>('SELECT * FROM sessions WHERE id = :sessionId', { sessionId });
    if (!row) throw new StoreNotFound(`no session ${sessionId}`);
    const used = sql.one<{ n: number }>(
      `SELECT (SELECT COUNT(*) FROM questions WHERE session_id = :sessionId) + (SELECT COUNT(*) FROM polls WHERE session_id = :sessionId) AS n`,
      { sessionId },
    );
    if ((used?.n ?? 0) > 0) throw new StoreConflict(`session ${sessionId} has questions or polls`);
    sql.run('DELETE FROM sessions WHERE id = :sessionId', { sessionId });
    return toSession(row);
  });
}
