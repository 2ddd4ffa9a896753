import { StoreNotFound } from '../store.js';
import type { Sql } from './sql.js';

/**
 * The session's change counter. Callers bump it inside the transaction that makes the
 * change, so the change and its seq commit together.
 */

/** The session's seq, or undefined when there is no such session. */
export function currentSeq(sql: Sql, sessionId: string): number | undefined {
  return sql.one<{ seq: number }>('SELECT seq FROM sessions WHERE id = :sessionId', { sessionId })?.seq;
}

/** Adds one to the session's seq and returns the new value. */
export function bumpSeq(sql: Sql, sessionId: string): number {
  const row = sql.one<{ seq: number }>('UPDATE sessions SET seq = seq + 1 WHERE id = :sessionId RETURNING seq', {
    sessionId,
  });
  if (!row) throw new StoreNotFound(`no session ${sessionId}`);
  return row.seq;
}
