import { z } from 'zod';
import { Id, Instant } from './common.js';

/** The reactions an attendee may tap during a live session (DESIGN 4b). */
export const REACTION_KINDS = ['clap', 'heart', 'laugh', 'think', 'up'] as const;
export const ReactionKind = z.enum(REACTION_KINDS);
export type ReactionKind = z.infer<typeof ReactionKind>;

/** How often, at most, a session's viewers hear a burst (DESIGN 4b): twice a second reads as live. */
export const REACTION_BURST_MS = 500;

/** Reactions by kind (kinds with none left out). @example { clap: 12, heart: 3 } */
export const ReactionCounts = z.partialRecord(ReactionKind, z.number().int().nonnegative());
export type ReactionCounts = z.infer<typeof ReactionCounts>;

/** `reaction:send` (attendee, live session) @example { sessionId: 'se_1', kind: 'clap' } */
export const ReactionSendInput = z.object({ sessionId: Id, kind: ReactionKind });
export type ReactionSendInput = z.input<typeof ReactionSendInput>;

/**
 * `reaction:burst`: the reactions a session got since the last burst, to its room screens,
 * speakers and staff, at most one every REACTION_BURST_MS per viewer, whatever the tap rate
 * and however many nodes took the taps. @example { sessionId: 'se_1', counts: { clap: 40, up: 2 } }
 */
export const ReactionBurst = z.object({ sessionId: Id, counts: ReactionCounts });
export type ReactionBurst = z.infer<typeof ReactionBurst>;

/** What `reaction:send` acks: the tap was taken (it arrives in the next burst). */
export interface ReactionSent {
  sessionId: string;
  kind: ReactionKind;
}

export const MUTE_SCOPES = ['session', 'event'] as const;
export const MuteScope = z.enum(MUTE_SCOPES);
export type MuteScope = z.infer<typeof MuteScope>;

/** The longest timed mute: a day (longer is "until unmuted"). */
export const MUTE_MAX_MINUTES = 24 * 60;

/**
 * `participant:mute` (moderator, organizer): the author of that question, whoever they are
 * (anonymous or not, never named to staff), can no longer ask, answer open text, comment or
 * react in the scope; without `minutes` until unmuted.
 * @example { questionId: 'q_1', scope: 'session', minutes: 30 }
 */
export const ParticipantMuteInput = z.object({
  questionId: Id,
  scope: MuteScope,
  minutes: z.number().int().min(1).max(MUTE_MAX_MINUTES).optional(),
});
export type ParticipantMuteInput = z.input<typeof ParticipantMuteInput>;

/** `participant:unmute` (moderator, organizer) @example { muteId: 'mu_1' } */
export const ParticipantUnmuteInput = z.object({ muteId: Id });
export type ParticipantUnmuteInput = z.input<typeof ParticipantUnmuteInput>;

/**
 * A mute as staff see it. It names the question it was made from, never its author: who is
 * muted is known to the server alone.
 * @example { id: 'mu_1', eventId: 'ev_1', sessionId: 'se_1', scope: 'session', questionId: 'q_1',
 *   excerpt: 'Why…', createdAt: '…', until: '…' }
 */
export const Mute = z.object({
  id: Id,
  eventId: Id,
  /** The session of the question it was made from (for `event` scope too: where it happened). */
  sessionId: Id,
  scope: MuteScope,
  questionId: Id,
  /** The start of that question's text as it read then, so staff know which one it was. */
  excerpt: z.string(),
  createdAt: Instant,
  /** When it ends by itself; absent: until someone unmutes. */
  until: Instant.optional(),
});
export type Mute = z.infer<typeof Mute>;

/**
 * `participant:muted` / `participant:unmuted`, to the staff of the session the mute was made
 * in (and, for `event` scope, every session's staff hears it on rejoin through the snapshot).
 * @example { mute: { id: 'mu_1', … } }
 */
export interface MuteChange {
  mute: Mute;
}

/** `GET /api/events/:id/mutes` (organizers): the mutes not lifted, oldest first (ended ones too, with their `until`). */
export const MutesResponse = z.object({ mutes: z.array(Mute) });
export type MutesResponse = z.infer<typeof MutesResponse>;
