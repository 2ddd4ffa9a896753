import type { MuteRecord } from '@jisr/core/mutes';
import { MuteScope } from '@jisr/protocol/audience';
import { newId } from '../ids.js';
import type { NewMute } from '../mutes.js';
import { StoreNotFound } from '../store.js';
import type { Sql } from './sql.js';

/** Mutes (../mutes.ts), in their table (migrations.ts); they go with their event (ON DELETE CASCADE). */

type MuteRow = {
  id: string;
  event_id: string;
  session_id: string;
  scope: string;
  participant_id: string;
  question_id: string;
  excerpt: string;
  created_at: string;
  until: string | null;
};

function toMute(row: MuteRow): MuteRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    sessionId: row.session_id,
    scope: MuteScope.parse(row.scope),
    participantId: row.participant_id,
    questionId: row.question_id,
    excerpt: row.excerpt,
    createdAt: row.created_at,
    ...(row.until === null ? {} : { until: row.until }),
  };
}

export function createMute(sql: Sql, mute: NewMute): MuteRecord {
  return sql.transaction(() => {
    if (!sql.one('SELECT 1 AS x FROM events WHERE id = :eventId', { eventId: mute.eventId })) throw new StoreNotFound(`no event ${mute.eventId}`);
    const row: MuteRow = {
      id: newId('mute'),
      event_id: mute.eventId,
      session_id: mute.sessionId,
      scope: mute.scope,
      participant_id: mute.participantId,
      question_id: mute.questionId,
      excerpt: mute.excerpt,
      created_at: mute.createdAt,
      until: mute.until ?? null,
    };
    sql.insert('mutes', row);
    return toMute(row);
  });
}

export function listMutes(sql: Sql, eventId: string): MuteRecord[] {
  return sql.all<MuteRow>('SELECT * FROM mutes WHERE event_id = :eventId ORDER BY ord', { eventId }).map(toMute);
}

export function getMute(sql: Sql, id: string): MuteRecord | null {
  const row = sql.one<MuteRow>('SELECT * FROM mutes WHERE id = :id', { id });
  return row ? toMute(row) : null;
}

export function deleteMute(sql: Sql, id: string): MuteRecord {
  const row = sql.one<MuteRow>('DELETE FROM mutes WHERE id = :id RETURNING *', { id });
  if (!row) throw new StoreNotFound(`no mute ${id}`);
  return toMute(row);
}
