import { reactionsTaken } from '@jisr/core/insights';
import { addReactions, oneReaction } from '@jisr/core/reactions';
import type { ReactionCounts, ReactionKind } from '@jisr/protocol/audience';
import { ServerEvent } from '@jisr/protocol/events';
import type { Clock } from '../clock.js';
import type { InsightsRecorder } from '../insights/insights-recorder.js';
import { rooms } from '../realtime/rooms.js';
import type { JisrServer } from '../realtime/types.js';
import { singleNodeReactionSignals, type ReactionSignals } from './reaction-signals.js';

export interface ReactionBroadcaster {
  /** One tap taken on this node: it goes out in the next burst. */
  add(eventId: string, sessionId: string, kind: ReactionKind): void;
  /** Sends what is pending now (tests, shutdown). */
  flush(): void;
  stop(): void;
}

/**
 * Reactions are never sent per tap (DESIGN 4b): a tap only adds to a count, and every
 * `intervalMs` each session with taps gets ONE `reaction:burst` with the counts since the
 * last one. A hall tapping 2,000 times a second thus costs each screen two messages a second.
 *
 * Where the coalescing happens, with several nodes: a screen's socket lives on one node, and
 * only that node's timer sends to it (`io.local`), so a screen hears at most one burst per
 * interval however many nodes there are. Sending through the adapter instead would give each
 * screen one burst per node per interval (3 nodes: 6 a second). So the counts travel rather
 * than the bursts: at each tick a node tells the others what it took since its last tick (one
 * message per node per tick, only when it took taps), and each node adds what it hears to its
 * own next burst. A tap thus reaches every screen once, at most two intervals late.
 *
 * The insights count each tap once, on the node that took it, once a tick (the recorder
 * batches them further: one store call per event per second).
 *
 * Bursts go to the room screens, the speakers and the staff; not to the attendees' phones:
 * a hall of phones is nearly all the deliveries, and a phone shows its own taps itself.
 */
export function createReactionBroadcaster(
  io: JisrServer,
  intervalMs: number,
  insights: InsightsRecorder,
  clock: Clock,
  signals: ReactionSignals = singleNodeReactionSignals,
): ReactionBroadcaster {
  /** Taps taken on this node since the last tick, by session (with its event, for the insights). */
  let taken = new Map<string, { eventId: string; counts: ReactionCounts }>();
  /** Counts to send to this node's sockets at the next tick (taken here, or heard from other nodes). */
  let pending = new Map<string, ReactionCounts>();

  const addPending = (sessionId: string, counts: ReactionCounts): void => {
    const into = pending.get(sessionId);
    if (into) addReactions(into, counts);
    else pending.set(sessionId, addReactions({}, counts));
  };
  const unsubscribe = signals.subscribe((signal) => {
    for (const [sessionId, counts] of Object.entries(signal)) addPending(sessionId, counts);
  });

  function tick(): void {
    if (taken.size > 0) {
      const now = clock.now();
      const signal: Record<string, ReactionCounts> = {};
      for (const [sessionId, { eventId, counts }] of taken) {
        insights.count(eventId, reactionsTaken(sessionId, counts, now));
        signal[sessionId] = counts;
        addPending(sessionId, counts);
      }
      taken = new Map();
      signals.publish(signal);
    }
    if (pending.size === 0) return;
    const bursts = pending;
    pending = new Map();
    for (const [sessionId, counts] of bursts) {
      // One message per socket even when it is in several of these rooms.
      io.local.to([rooms.screens(sessionId), rooms.stage(sessionId), rooms.staff(sessionId)]).emit(ServerEvent.ReactionBurst, { sessionId, counts });
    }
  }

  const timer = setInterval(tick, intervalMs);
  timer.unref();

  return {
    add(eventId, sessionId, kind) {
      const entry = taken.get(sessionId);
      if (entry) addReactions(entry.counts, oneReaction(kind));
      else taken.set(sessionId, { eventId, counts: oneReaction(kind) });
    },
    flush: tick,
    stop() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
