import type { FeedbackRecord } from '@jisr/core/feedback';
import type { FeedbackGiven } from '../feedback.js';
import { StoreNotFound } from '../store.js';
import type { Sql } from './sql.js';

/** Session feedback (../feedback.ts): a row per (session, person), going with its session (ON DELETE CASCADE). */

type FeedbackRow = {
  session_id: string;
  author_key: string;
  rating: number;
  comment: string | null;
  held: number;
  client_id: string;
  given_at: string;
};

function toFeedback(row: FeedbackRow): FeedbackRecord {
  return {
    sessionId: row.session_id,
    authorKey: row.author_key,
    rating: row.rating,
    ...(row.comment === null ? {} : { comment: row.comment }),
    ...(row.held ? { held: true } : {}),
    clientId: row.client_id,
    givenAt: row.given_at,
  };
}

const ONE = 'SELECT * FROM feedback WHERE session_id = :sessionId AND author_key = :authorKey';

export function giveFeedback(sql: Sql, feedback: FeedbackRecord): FeedbackGiven {
  return sql.transaction((): FeedbackGiven => {
    if (!sql.one('SELECT 1 AS x FROM sessions WHERE id = :sessionId', { sessionId: feedback.sessionId })) {
      throw new StoreNotFound(`no session ${feedback.sessionId}`);
    }
    const stored = sql.one<FeedbackRow>(ONE, { sessionId: feedback.sessionId, authorKey: feedback.authorKey });
    if (stored && stored.client_id === feedback.clientId) return { value: toFeedback(stored), changed: false };
    const row: FeedbackRow = {
      session_id: feedback.sessionId,
      author_key: feedback.authorKey,
      rating: feedback.rating,
      comment: feedback.comment ?? null,
      held: feedback.held ? 1 : 0,
      client_id: feedback.clientId,
      given_at: feedback.givenAt,
    };
    sql.run(
      `INSERT INTO feedback (session_id, author_key, rating, comment, held, client_id, given_at)
       VALUES (:session_id, :author_key, :rating, :comment, :held, :client_id, :given_at)
       ON CONFLICT (session_id, author_key) DO UPDATE SET rating = excluded.rating, comment = excluded.comment,
         held = excluded.held, client_id = excluded.client_id, given_at = excluded.given_at`,
      row,
    );
    return { value: toFeedback(row), changed: true };
  });
}

export function listFeedback(sql: Sql, sessionId: string): FeedbackRecord[] {
  return sql.all<FeedbackRow>('SELECT * FROM feedback WHERE session_id = :sessionId ORDER BY given_at, author_key', { sessionId }).map(toFeedback);
}

export function getFeedback(sql: Sql, sessionId: string, authorKey: string): FeedbackRecord | null {
  const row = sql.one<FeedbackRow>(ONE, { sessionId, authorKey });
  return row ? toFeedback(row) : null;
}
