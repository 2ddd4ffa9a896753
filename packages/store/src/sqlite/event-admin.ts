import type { QuestionTranslations } from '@jisr/protocol/question';
import type { Announcement } from '@jisr/protocol/agenda';
import type { Room, Speaker } from '@jisr/protocol/event';
import { newId } from '../ids.js';
import { normalizeJoinCode } from '../normalize.js';
import {
  StoreConflict,
  StoreNotFound,
  type EventChange,
  type EventRecord,
  type NewAnnouncement,
  type RoomChange,
  type SpeakerChange,
} from '../store.js';
import {
  toAnnouncement,
  toEvent,
  toJson,
  toRoom,
  toSpeaker,
  type AnnouncementRow,
  type EventRow,
  type RoomRow,
  type SpeakerRow,
} from './rows.js';
import { withConstraints, type Sql } from './sql.js';

/** The organizer's changes to an event and what it is made of; its announcements. */

/** `value` when given, the current one when left out, NULL when cleared. */
function clearable(value: string | null | undefined, current: string | null): string | null {
  return value === undefined ? current : value;
}

export function updateEvent(sql: Sql, id: string, change: EventChange): EventRecord {
  return sql.transaction((): EventRecord => {
    const row = sql.one<EventRow>('SELECT * FROM events WHERE id = :id', { id });
    if (!row) throw new StoreNotFound(`no event ${id}`);
    // Field by field, not `...row`: libsql adds a `_metadata` property to rows.
    const next: EventRow = {
      id: row.id,
      owner_id: row.owner_id,
      code: change.code === undefined ? row.code : normalizeJoinCode(change.code),
      title: change.title === undefined ? row.title : toJson(change.title),
      description: change.description === undefined ? row.description : toJson(change.description),
      time_zone: change.timeZone ?? row.time_zone,
      languages: change.languages === undefined ? row.languages : toJson(change.languages),
      default_lang: change.defaultLang ?? row.default_lang,
      start_date: change.startDate ?? row.start_date,
      end_date: change.endDate ?? row.end_date,
      logo_url: clearable(change.logoUrl, row.logo_url),
      color: clearable(change.color, row.color),
      defaults: change.defaults === undefined ? row.defaults : toJson(change.defaults),
      fallback_langs: change.fallbackLangs === undefined ? row.fallback_langs : change.fallbackLangs === null ? null : toJson(change.fallbackLangs),
      organizer_ids: row.organizer_ids ?? '[]',
    };
    // Co-organizers change through their own operations (organizers.ts), never here.
    const { id: _id, owner_id: _owner, organizer_ids: _organizers, ...fields } = next;
    const sets = Object.keys(fields).map((column) => `${column} = :${column}`).join(', ');
    withConstraints({ conflict: `join code ${next.code} is taken` }, () =>
      sql.run(`UPDATE events SET ${sets} WHERE id = :id`, { ...fields, id }),
    );
    return toEvent(next);
  });
}

/** Foreign keys cascade from the event to everything in it. */
export function deleteEvent(sql: Sql, id: string): void {
  const removed = sql.transaction(() => sql.run('DELETE FROM events WHERE id = :id', { id }));
  if (removed === 0) throw new StoreNotFound(`no event ${id}`);
}

function roomRow(sql: Sql, eventId: string, roomId: string): RoomRow {
  const row = sql.one<RoomRow>('SELECT * FROM rooms WHERE id = :roomId AND event_id = :eventId', { roomId, eventId });
  if (!row) throw new StoreNotFound(`no room ${roomId} in event ${eventId}`);
  return row;
}

export function updateRoom(sql: Sql, eventId: string, roomId: string, change: RoomChange): Room {
  return sql.transaction((): Room => {
    const row = roomRow(sql, eventId, roomId);
    const next: RoomRow = {
      id: row.id,
      event_id: row.event_id,
      name: change.name === undefined ? row.name : toJson(change.name),
      position: change.position ?? row.position,
    };
    sql.run('UPDATE rooms SET name = :name, position = :position WHERE id = :id', { id: next.id, name: next.name, position: next.position });
    return toRoom(next);
  });
}

export function deleteRoom(sql: Sql, eventId: string, roomId: string): Room {
  return sql.transaction((): Room => {
    const row = roomRow(sql, eventId, roomId);
    const used = sql.one<{ id: string }>('SELECT id FROM sessions WHERE event_id = :eventId AND room_id = :roomId LIMIT 1', { eventId, roomId });
    if (used) throw new StoreConflict(`room ${roomId} has sessions`);
    sql.run('DELETE FROM rooms WHERE id = :roomId', { roomId });
    return toRoom(row);
  });
}

function speakerRow(sql: Sql, eventId: string, speakerId: string): SpeakerRow {
  const row = sql.one<SpeakerRow>('SELECT * FROM speakers WHERE id = :speakerId AND event_id = :eventId', { speakerId, eventId });
  if (!row) throw new StoreNotFound(`no speaker ${speakerId} in event ${eventId}`);
  return row;
}

export function updateSpeaker(sql: Sql, eventId: string, speakerId: string, change: SpeakerChange): Speaker {
  return sql.transaction((): Speaker => {
    const row = speakerRow(sql, eventId, speakerId);
    const next: SpeakerRow = {
      id: row.id,
      event_id: row.event_id,
      name: change.name ?? row.name,
      bio: change.bio === undefined ? row.bio : toJson(change.bio),
      photo_url: clearable(change.photoUrl, row.photo_url),
      affiliation: clearable(change.affiliation, row.affiliation),
      country: clearable(change.country, row.country),
      photo_version: row.photo_version,
    };
    const { event_id: _event, photo_version: _photo, ...fields } = next;
    sql.run(
      'UPDATE speakers SET name = :name, bio = :bio, photo_url = :photo_url, affiliation = :affiliation, country = :country WHERE id = :id',
      fields,
    );
    return toSpeaker(next);
  });
}

export function deleteSpeaker(sql: Sql, eventId: string, speakerId: string): Speaker {
  return sql.transaction((): Speaker => {
    const row = speakerRow(sql, eventId, speakerId);
    // speaker_ids is a JSON array of ids: json_each looks inside it.
    const used = sql.one<{ id: string }>(
      'SELECT s.id FROM sessions s, json_each(s.speaker_ids) j WHERE s.event_id = :eventId AND j.value = :speakerId LIMIT 1',
      { eventId, speakerId },
    );
    if (used) throw new StoreConflict(`speaker ${speakerId} is on sessions`);
    sql.run('DELETE FROM speakers WHERE id = :speakerId', { speakerId });
    return toSpeaker(row);
  });
}

export function addAnnouncement(sql: Sql, announcement: NewAnnouncement, keep: number): Announcement {
  return sql.transaction((): Announcement => {
    const row: AnnouncementRow = {
      id: newId('announcement'),
      event_id: announcement.eventId,
      text: announcement.text,
      texts: announcement.texts ? JSON.stringify(announcement.texts) : null,
      at: announcement.at,
      expires_at: announcement.expiresAt ?? null,
    };
    withConstraints({ notFound: `no event ${announcement.eventId}` }, () => sql.insert('announcements', row));
    sql.run(
      `DELETE FROM announcements WHERE event_id = :eventId AND ord NOT IN
        (SELECT ord FROM announcements WHERE event_id = :eventId ORDER BY ord DESC LIMIT :keep)`,
      { eventId: announcement.eventId, keep: Math.max(0, keep) },
    );
    return toAnnouncement(row);
  });
}

export function listAnnouncements(sql: Sql, eventId: string): Announcement[] {
  return sql.all<AnnouncementRow>('SELECT * FROM announcements WHERE event_id = :eventId ORDER BY ord DESC', { eventId }).map(toAnnouncement);
}

export function setAnnouncementTranslations(sql: Sql, eventId: string, id: string, translations: QuestionTranslations): Announcement {
  const row = sql.one<AnnouncementRow>('UPDATE announcements SET translations = :translations WHERE id = :id AND event_id = :eventId RETURNING *', {
    id,
    eventId,
    translations: Object.keys(translations).length > 0 ? JSON.stringify(translations) : null,
  });
  if (!row) throw new StoreNotFound(`no announcement ${id} in event ${eventId}`);
  return toAnnouncement(row);
}

export function deleteAnnouncement(sql: Sql, eventId: string, id: string): Announcement {
  return sql.transaction((): Announcement => {
    const row = sql.one<AnnouncementRow>('SELECT * FROM announcements WHERE id = :id AND event_id = :eventId', { id, eventId });
    if (!row) throw new StoreNotFound(`no announcement ${id} in event ${eventId}`);
    sql.run('DELETE FROM announcements WHERE id = :id', { id });
    return toAnnouncement(row);
  });
}
