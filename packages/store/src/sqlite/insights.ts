import type { InsightBatch } from '@jisr/core/insights';
import type { Sql } from './sql.js';

/**
 * Insights counters (see ../insights.ts), in the tables migration 9 makes (`jisr migrate`
 * covers them); both go with their event (ON DELETE CASCADE).
 */
const ADD = `INSERT INTO insight_counts (event_id, key, n) VALUES (:eventId, :key, :n)
  ON CONFLICT (event_id, key) DO UPDATE SET n = n + excluded.n`;
const MAX = `INSERT INTO insight_counts (event_id, key, n) VALUES (:eventId, :key, :n)
  ON CONFLICT (event_id, key) DO UPDATE SET n = max(n, excluded.n)`;
const SET = `INSERT INTO insight_counts (event_id, key, n) VALUES (:eventId, :key, :n)
  ON CONFLICT (event_id, key) DO UPDATE SET n = excluded.n`;
const MEMBER = 'INSERT OR IGNORE INTO insight_members (event_id, set_name, member) VALUES (:eventId, :set, :member)';

/** One transaction per batch: a flush is all applied or not at all. */
export function recordInsights(sql: Sql, eventId: string, batch: InsightBatch): void {
  sql.transaction(() => {
    if (!sql.one<{ ok: number }>('SELECT 1 AS ok FROM events WHERE id = :eventId', { eventId })) return;
    for (const [key, n] of Object.entries(batch.add)) sql.run(ADD, { eventId, key, n });
    for (const [key, n] of Object.entries(batch.max)) sql.run(MAX, { eventId, key, n });
    for (const [key, n] of Object.entries(batch.set)) sql.run(SET, { eventId, key, n });
    for (const { set, member, counters } of batch.members) {
      if (sql.run(MEMBER, { eventId, set, member }) === 0) continue;
      for (const key of counters) sql.run(ADD, { eventId, key, n: 1 });
    }
  });
}

export function getInsights(sql: Sql, eventId: string): Record<string, number> {
  const rows = sql.all<{ key: string; n: number }>('SELECT key, n FROM insight_counts WHERE event_id = :eventId', { eventId });
  return Object.fromEntries(rows.map((row) => [row.key, row.n]));
}

/**
 * Forgets the event's counters (a rehearsal's): all of them, or only one session's (the
 * `s:<id>:` keys and the `s:<id>` set). Run inside the caller's transaction.
 */
export function clearInsights(sql: Sql, eventId: string, sessionId?: string): void {
  if (sessionId === undefined) {
    sql.run('DELETE FROM insight_counts WHERE event_id = :eventId', { eventId });
    sql.run('DELETE FROM insight_members WHERE event_id = :eventId', { eventId });
    return;
  }
  const set = `s:${sessionId}`;
  // substr, not LIKE: an id may hold `_`, which LIKE reads as a wildcard.
  sql.run('DELETE FROM insight_counts WHERE event_id = :eventId AND substr(key, 1, length(:prefix)) = :prefix', { eventId, prefix: `${set}:` });
  sql.run('DELETE FROM insight_members WHERE event_id = :eventId AND set_name = :set', { eventId, set });
}
