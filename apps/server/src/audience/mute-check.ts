import type { Actor } from '@jisr/core/actor';
import { isMuted, type MuteRecord } from '@jisr/core/mutes';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

/** Where the mutes are read: the store (asks, answers, comments), or the read cache (reactions, a hot path). */
export interface MuteReads {
  listMutes(eventId: string): Promise<MuteRecord[]>;
}

/**
 * Said to a muted person, whatever they tried: neutral, naming nobody and no reason (the web
 * client shows its own translation of the `muted` code).
 */
export const MUTED_MESSAGE = 'You can’t send this at the moment.';

/**
 * Refuses with `muted` when this actor is muted in this session now (core's isMuted). Every
 * send a mute stops calls it: questions, open-text answers, feedback comments, reactions.
 * Staff are never muted: only attendees have a participant id.
 */
export async function refuseIfMuted(
  ctx: Pick<AppContext, 'clock'>,
  reads: MuteReads,
  actor: Actor,
  session: { id: string; eventId: string },
): Promise<void> {
  if (!actor.participantId) return;
  const mutes = await reads.listMutes(session.eventId);
  if (isMuted(mutes, actor.participantId, session.id, ctx.clock.now())) throw new AppError('muted', MUTED_MESSAGE);
}
