import type { ReactionCounts } from '@jisr/protocol/audience';

/** Taps one node took since its last signal, by session id. */
export type ReactionSignal = Record<string, ReactionCounts>;

/**
 * What one node tells the others about reactions (see reaction-broadcaster.ts): the taps it
 * took, once per burst interval at most. Best effort, like the poll signals: a lost message
 * loses those taps from the screens of other nodes, never from the insights.
 */
export interface ReactionSignals {
  /** Tells every other node (never this one). */
  publish(signal: ReactionSignal): void;
  /** Hears what the other nodes publish. Returns its unsubscribe. */
  subscribe(listener: (signal: ReactionSignal) => void): () => void;
}

/** One node alone has nobody to tell. */
export const singleNodeReactionSignals: ReactionSignals = {
  publish() {},
  subscribe() {
    return () => {};
  },
};
