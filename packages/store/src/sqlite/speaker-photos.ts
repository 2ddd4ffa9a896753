import type { Speaker } from '@jisr/protocol/event';
import type { SpeakerPhoto } from '../speaker-photos.js';
import { StoreNotFound } from '../store.js';
import { toSpeaker, type SpeakerRow } from './rows.js';
import type { Sql } from './sql.js';

/** Speaker photos (../speaker-photos.ts): a blob table; the version on the speaker row. */

function setVersion(sql: Sql, eventId: string, speakerId: string, version: string | null): Speaker {
  const row = sql.one<SpeakerRow>('UPDATE speakers SET photo_version = :version WHERE id = :speakerId AND event_id = :eventId RETURNING *', { eventId, speakerId, version });
  if (!row) throw new StoreNotFound(`no speaker ${speakerId} in event ${eventId}`);
  return toSpeaker(row);
}

/** The write itself, inside the caller's transaction (an import's, or setSpeakerPhoto's). */
export function writeSpeakerPhoto(sql: Sql, eventId: string, speakerId: string, photo: SpeakerPhoto): Speaker {
  const speaker = setVersion(sql, eventId, speakerId, photo.version);
  sql.run('INSERT OR REPLACE INTO speaker_photos (speaker_id, version, bytes) VALUES (:speakerId, :version, :bytes)', { speakerId, version: photo.version, bytes: photo.bytes });
  return speaker;
}

export function setSpeakerPhoto(sql: Sql, eventId: string, speakerId: string, photo: SpeakerPhoto): Speaker {
  return sql.transaction(() => writeSpeakerPhoto(sql, eventId, speakerId, photo));
}

export function getSpeakerPhoto(sql: Sql, eventId: string, speakerId: string): SpeakerPhoto | null {
  const row = sql.one<{ version: string; bytes: Uint8Array }>(
    'SELECT p.version, p.bytes FROM speaker_photos p JOIN speakers s ON s.id = p.speaker_id WHERE p.speaker_id = :speakerId AND s.event_id = :eventId',
    { eventId, speakerId },
  );
  return row ? { version: row.version, bytes: new Uint8Array(row.bytes) } : null;
}

export function removeSpeakerPhoto(sql: Sql, eventId: string, speakerId: string): Speaker {
  return sql.transaction((): Speaker => {
    const speaker = setVersion(sql, eventId, speakerId, null);
    sql.run('DELETE FROM speaker_photos WHERE speaker_id = :speakerId', { speakerId });
    return speaker;
  });
}

/** Every photo of an event's speakers, for its dump. */
export function eventSpeakerPhotos(sql: Sql, eventId: string): { speakerId: string; photo: SpeakerPhoto }[] {
  return sql
    .all<{ speaker_id: string; version: string; bytes: Uint8Array }>(
      'SELECT p.speaker_id, p.version, p.bytes FROM speaker_photos p JOIN speakers s ON s.id = p.speaker_id WHERE s.event_id = :eventId ORDER BY s.ord',
      { eventId },
    )
    .map((row) => ({ speakerId: row.speaker_id, photo: { version: row.version, bytes: new Uint8Array(row.bytes) } }));
}
