import { addReactions } from '@jisr/core/reactions';
import type { Mute, ReactionCounts } from '@jisr/protocol/audience';
import type { QaState } from '$lib/realtime/apply-change.js';

/**
 * A `reaction:burst` added to the session's running count. Bursts carry no seq: a burst that
 * lands while a join is in flight may be counted again by the snapshot or missed, which a
 * running count of claps can afford (the next snapshot sets it right).
 */
export function applyBurst(state: QaState, counts: ReactionCounts): QaState {
  return { ...state, reactions: addReactions({ ...state.reactions }, counts) };
}

/** A mute made or lifted (`participant:muted` / `unmuted`, or the ack of one): the list stays one row per mute, oldest first. */
export function applyMuteChange(state: QaState, mute: Mute, lifted: boolean): QaState {
  const others = (state.mutes ?? []).filter((existing) => existing.id !== mute.id);
  const mutes = lifted ? others : [...others, mute].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { ...state, mutes };
}

/** The mutes that still hold at `now` (a timed one ends by itself; the server drops it on the next snapshot). */
export function currentMutes(mutes: readonly Mute[], now: Date): Mute[] {
  return mutes.filter((mute) => mute.until === undefined || Date.parse(mute.until) > now.getTime());
}
