import { z } from 'zod';
import { Id, Instant } from './common.js';
import { Role } from './roles.js';

/**
 * Who did an audited action: a staff member, never by token. `key` is stable for the same
 * person across sockets and requests (`user:<id>` for an organizer, `invite:<id>` for staff).
 * @example { role: 'moderator', name: 'Amina', key: 'invite:inv_3' }
 */
export const AuditActor = z.object({
  role: Role,
  name: z.string().max(200),
  key: z.string().min(1).max(100),
});
export type AuditActor = z.infer<typeof AuditActor>;

/**
 * One moderation or admin action, recorded after it succeeded. `action` is the client event
 * name or `METHOD /route`; `target` a short id (question, poll, session) — never question
 * text or attendee data.
 * @example { id: 'au_1', eventId: 'ev_1', at: '2026-12-05T09:00:00.000Z',
 *   actor: { role: 'moderator', name: 'Amina', key: 'invite:inv_3' },
 *   action: 'question:moderate', sessionId: 's_1', target: 'q_9' }
 */
export const AuditEntry = z.object({
  id: Id,
  eventId: Id,
  at: Instant,
  actor: AuditActor,
  action: z.string().min(1).max(120),
  sessionId: Id.optional(),
  target: z.string().max(120).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A page of the audit log, newest first; `next` is the `before` of the older page, if any. */
export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  next: z.string().optional(),
});
export type AuditPage = z.infer<typeof AuditPage>;

/** `GET /api/events/:id/audit?before=&limit=` */
export const AuditQuery = z.object({
  before: z.string().regex(/^[0-9]{1,20}$/, 'must be a cursor').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** `PATCH /api/events/:id/retention`: days after the event's end before attendee data goes; null keeps it. */
export const RetentionSetting = z.object({
  retentionDays: z.number().int().min(1).max(3650).nullable(),
});
export type RetentionSetting = z.infer<typeof RetentionSetting>;

/** The answer of `GET`/`PATCH /api/events/:id/retention`. */
export const RetentionState = z.object({
  retentionDays: z.number().int().nullable(),
  purgedAt: Instant.optional(),
});
export type RetentionState = z.infer<typeof RetentionState>;
