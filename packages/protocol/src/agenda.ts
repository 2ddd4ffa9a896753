import { z } from 'zod';
import { Id, Instant } from './common.js';
import { SessionStatus } from './event.js';

/** `agenda:update` (client -> server) and `PATCH /api/sessions/:id` share these fields. */
export const SessionPatch = z.object({
  status: SessionStatus.optional(),
  delayMinutes: z.number().int().min(-240).max(720).optional(),
  roomId: Id.optional(),
  startsAt: Instant.optional(),
  endsAt: Instant.optional(),
});
export type SessionPatch = z.input<typeof SessionPatch>;

export const AgendaUpdateInput = SessionPatch.extend({ sessionId: Id });
export type AgendaUpdateInput = z.input<typeof AgendaUpdateInput>;

export const AnnounceInput = z.object({
  eventId: Id,
  text: z.string().trim().min(1).max(500),
});
export type AnnounceInput = z.input<typeof AnnounceInput>;

export const Announcement = z.object({
  id: Id,
  eventId: Id,
  text: z.string(),
  at: Instant,
});
export type Announcement = z.infer<typeof Announcement>;
