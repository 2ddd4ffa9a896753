/**
 * What one node tells the other nodes about polls (DESIGN.md section 6). Tallies are pushed by
 * each node to its own sockets, so every node must learn that a poll's tally changed, whichever
 * node took the vote; and a poll's close timer lives on every node, so any one can close it.
 */
export interface PollSignal {
  /** Polls whose tally changed since this node's last tick: push them at your next tick. */
  dirty: string[];
  /** Polls whose timer was set or dropped: read them again and arm or drop your own timer. */
  timers: string[];
}

export interface PollSignals {
  /** Tells every other node (never this one); delivery is best effort, in order per node. */
  publish(signal: PollSignal): void;
  /** Hears what the other nodes publish. Returns its unsubscribe. */
  subscribe(listener: (signal: PollSignal) => void): () => void;
}

/** One node alone has nobody to tell. */
export const singleNodePollSignals: PollSignals = {
  publish() {},
  subscribe() {
    return () => {};
  },
};
