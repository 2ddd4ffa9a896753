import type { AuditEntry } from '@jisr/protocol/audit';
import { AUDIT_CAP, type NewAuditEntry } from '../audit.js';
import type { Sql } from './sql.js';

/**
 * The audit log (see ../audit.ts), in the table migration 9 makes; it goes with its event
 * (ON DELETE CASCADE). The rowid numbers entries across events; ids are therefore
 * increasing within each event.
 */
export function appendAudit(sql: Sql, entry: NewAuditEntry): void {
  sql.transaction(() => {
    const eventId = entry.eventId;
    if (!sql.one<{ ok: number }>('SELECT 1 AS ok FROM events WHERE id = :eventId', { eventId })) return;
    sql.run('INSERT INTO audit_entries (event_id, entry) VALUES (:eventId, :entry)', { eventId, entry: JSON.stringify(entry) });
    sql.run(
      `DELETE FROM audit_entries WHERE event_id = :eventId AND seq <= (
        SELECT seq FROM audit_entries WHERE event_id = :eventId ORDER BY seq DESC LIMIT 1 OFFSET :cap)`,
      { eventId, cap: AUDIT_CAP },
    );
  });
}

export function listAudit(sql: Sql, eventId: string, page: { before?: string; limit: number }): AuditEntry[] {
  const before = page.before === undefined ? Number.MAX_SAFE_INTEGER : Number(page.before);
  const rows = sql.all<{ seq: number; entry: string }>(
    'SELECT seq, entry FROM audit_entries WHERE event_id = :eventId AND seq < :before ORDER BY seq DESC LIMIT :limit',
    { eventId, before, limit: page.limit },
  );
  return rows.map((row) => ({ ...(JSON.parse(row.entry) as NewAuditEntry), id: String(row.seq) }));
}
