import type { Poll } from '@jisr/protocol/poll';
import type { LiveDataReset } from '../rehearsal.js';
import { StoreNotFound } from '../store.js';
import { clearInsights } from './insights.js';
import { toPoll, type PollRow } from './rows.js';
import { bumpSeq } from './seq.js';
import type { Sql } from './sql.js';

/** A rehearsal's traces wiped (../rehearsal.ts): one transaction, whatever the event's size. */

const SESSIONS = 'SELECT id FROM sessions WHERE event_id = :eventId ORDER BY ord';
const SESSION_OF_EVENT = 'SELECT id FROM sessions WHERE id = :sessionId AND event_id = :eventId';
/** Votes go with their questions (ON DELETE CASCADE); ballots and counts are deleted here, not by the poll row. */
const DELETE_QUESTIONS = 'DELETE FROM questions WHERE session_id = :sessionId';
const DELETE_BALLOTS = 'DELETE FROM ballots WHERE session_id = :sessionId';
const DELETE_COUNTS = 'DELETE FROM poll_counts WHERE poll_id IN (SELECT id FROM polls WHERE session_id = :sessionId)';
const DELETE_QUIZ_SCORES = 'DELETE FROM quiz_scores WHERE session_id = :sessionId';
/** Mutes made from the session's questions (event-wide ones too): the rehearsal's trolls are not the event's. */
const DELETE_MUTES = 'DELETE FROM mutes WHERE session_id = :sessionId';
/** The rehearsal's ratings are not the session's. */
const DELETE_FEEDBACK = 'DELETE FROM feedback WHERE session_id = :sessionId';
const RESET_POLLS = `UPDATE polls SET state = 'draft', revealed = 0, opened_at = NULL, closes_at = NULL, ballot_count = 0, casts = 0
  WHERE session_id = :sessionId RETURNING *`;

const CLEAR_STAGE = 'UPDATE sessions SET stage = NULL, stage_answers = NULL WHERE id = :sessionId';

export function resetLiveData(sql: Sql, eventId: string, sessionId?: string): LiveDataReset {
  return sql.transaction((): LiveDataReset => {
    if (!sql.one('SELECT 1 AS x FROM events WHERE id = :eventId', { eventId })) throw new StoreNotFound(`no event ${eventId}`);
    let ids: string[];
    if (sessionId === undefined) {
      ids = sql.all<{ id: string }>(SESSIONS, { eventId }).map((row) => row.id);
    } else {
      if (!sql.one(SESSION_OF_EVENT, { sessionId, eventId })) throw new StoreNotFound(`no session ${sessionId} in event ${eventId}`);
      ids = [sessionId];
    }
    const sessions: LiveDataReset['sessions'] = [];
    const polls: Poll[] = [];
    for (const id of ids) {
      const params = { sessionId: id };
      sql.run(DELETE_QUESTIONS, params);
      sql.run(DELETE_COUNTS, params);
      sql.run(DELETE_BALLOTS, params);
      sql.run(DELETE_QUIZ_SCORES, params);
      sql.run(DELETE_MUTES, params);
      sql.run(DELETE_FEEDBACK, params);
      polls.push(...sql.all<PollRow>(RESET_POLLS, params).map(toPoll));
      // What the stage named (and the answer texts it held) is gone: back to auto.
      sql.run(CLEAR_STAGE, params);
      sessions.push({ sessionId: id, seq: bumpSeq(sql, id) });
    }
    // A whole-event reset takes the survey answers too (the surveys stay as they are).
    if (sessionId === undefined) sql.run('DELETE FROM survey_answers WHERE survey_id IN (SELECT id FROM surveys WHERE event_id = :eventId)', { eventId });
    clearInsights(sql, eventId, sessionId);
    return { sessions, polls };
  });
}
