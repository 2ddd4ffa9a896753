import type { RetentionRecord } from '../retention.js';
import { StoreNotFound } from '../store.js';
import type { Sql } from './sql.js';

/** Retention (see ../retention.ts): the table migration 9 makes, going with its event. */

const exists = (sql: Sql, eventId: string) => sql.one<{ ok: number }>('SELECT 1 AS ok FROM events WHERE id = :eventId', { eventId }) !== undefined;

export function getRetention(sql: Sql, eventId: string): RetentionRecord {
  const row = sql.one<{ days: number | null; purged_at: string | null }>('SELECT days, purged_at FROM event_retention WHERE event_id = :eventId', { eventId });
  return { retentionDays: row?.days ?? null, ...(row?.purged_at ? { purgedAt: row.purged_at } : {}) };
}

export function setRetention(sql: Sql, eventId: string, days: number | null): RetentionRecord {
  return sql.transaction(() => {
    if (!exists(sql, eventId)) throw new StoreNotFound(`no event ${eventId}`);
    sql.run(
      `INSERT INTO event_retention (event_id, days) VALUES (:eventId, :days)
       ON CONFLICT (event_id) DO UPDATE SET days = excluded.days`,
      { eventId, days },
    );
    return getRetention(sql, eventId);
  });
}

const SESSIONS = 'SELECT id FROM sessions WHERE event_id = :eventId';

/** One transaction: attendee data goes all at once. Votes go with their questions (cascade). */
export function purgeAttendeeData(sql: Sql, eventId: string, at: string): void {
  sql.transaction(() => {
    if (!exists(sql, eventId)) return;
    sql.run(`DELETE FROM questions WHERE session_id IN (${SESSIONS})`, { eventId });
    sql.run(`DELETE FROM question_votes WHERE session_id IN (${SESSIONS})`, { eventId });
    sql.run(`DELETE FROM ballots WHERE session_id IN (${SESSIONS})`, { eventId });
    sql.run(`DELETE FROM quiz_scores WHERE session_id IN (${SESSIONS})`, { eventId });
    sql.run(`DELETE FROM feedback WHERE session_id IN (${SESSIONS})`, { eventId });
    sql.run('DELETE FROM survey_answers WHERE survey_id IN (SELECT id FROM surveys WHERE event_id = :eventId)', { eventId });
    sql.run('DELETE FROM participants WHERE event_id = :eventId', { eventId });
    // A mute names a participant: it goes with them.
    sql.run('DELETE FROM mutes WHERE event_id = :eventId', { eventId });
    // The stage may hold attendees' answer texts: every session goes back to auto.
    sql.run('UPDATE sessions SET stage = NULL, stage_answers = NULL WHERE event_id = :eventId', { eventId });
    sql.run(
      `INSERT INTO event_retention (event_id, days, purged_at) VALUES (:eventId, NULL, :at)
       ON CONFLICT (event_id) DO UPDATE SET purged_at = coalesce(purged_at, excluded.purged_at)`,
      { eventId, at },
    );
  });
}
