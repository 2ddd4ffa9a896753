import type { InsightBatch } from '@jisr/core/insights';
import type { Sql } from './sql.js';

/**
 * Insights counters (see ../insights.ts). Their tables are created here, on first use,
 * rather than by a numbered migration: they hold only derived counts (a store without them
 * reads as zeros), and keeping them out of migrations.ts leaves its version numbers to the
 * record tables. Both go with their event (ON DELETE CASCADE).
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS insight_counts (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (event_id, key)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS insight_members (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    set_name TEXT NOT NULL,
    member TEXT NOT NULL,
    PRIMARY KEY (event_id, set_name, member)
  ) WITHOUT ROWID;
`;

const ready = new WeakSet<Sql>();

function ensureSchema(sql: Sql): void {
  if (ready.has(sql)) return;
  sql.db.exec(SCHEMA);
  ready.add(sql);
}

const ADD = `INSERT INTO insight_counts (event_id, key, n) VALUES (:eventId, :key, :n)
  ON CONFLICT (event_id, key) DO UPDATE SET n = n + excluded.n`;
const MAX = `INSERT INTO insight_counts (event_id, key, n) VALUES (:eventId, :key, :n)
  ON CONFLICT (event_id, key) DO UPDATE SET n = max(n, excluded.n)`;
const SET = `INSERT INTO insight_counts (event_id, key, n) VALUES (:eventId, :key, :n)
  ON CONFLICT (event_id, key) DO UPDATE SET n = excluded.n`;
const MEMBER = 'INSERT OR IGNORE INTO insight_members (event_id, set_name, member) VALUES (:eventId, :set, :member)';

/** One transaction per batch: a flush is all applied or not at all. */
export function recordInsights(sql: Sql, eventId: string, batch: InsightBatch): void {
  ensureSchema(sql);
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
  ensureSchema(sql);
  const rows = sql.all<{ key: string; n: number }>('SELECT key, n FROM insight_counts WHERE event_id = :eventId', { eventId });
  return Object.fromEntries(rows.map((row) => [row.key, row.n]));
}
