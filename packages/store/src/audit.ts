import type { AuditEntry } from '@jisr/protocol/audit';

/** An audit entry before the store numbers it. */
export type NewAuditEntry = Omit<AuditEntry, 'id'>;

/** Why an event's audit log is capped: a busy event logs a few thousand staff actions. */
export const AUDIT_CAP = 10_000;

/**
 * The audit log of an event: staff actions, newest first. Ids are increasing decimal
 * numbers within an event, and a page's oldest id is the `before` of the next page.
 * The log goes with its event.
 */
export interface AuditStore {
  /** Appends one entry; an unknown event is ignored. Keeps the newest AUDIT_CAP entries. */
  appendAudit(entry: NewAuditEntry): Promise<void>;
  /** Up to `limit` entries, newest first, older than the entry `before` when given. */
  listAudit(eventId: string, page: { before?: string; limit: number }): Promise<AuditEntry[]>;
}
