import { performance } from 'node:perf_hooks';
import { buildTally } from '@jisr/core/poll-ballots';
import { resultsVisibleTo } from '@jisr/core/polls';
import { ServerEvent } from '@jisr/protocol/events';
import type { Tally } from '@jisr/protocol/poll';
import type { Store } from '@jisr/store/store';
import type { Logger } from '../logger.js';
import { rooms } from '../realtime/rooms.js';
import type { JisrServer } from '../realtime/types.js';
import { singleNodePollSignals, type PollSignals } from './poll-signals.js';

/** How many names a quiz leaderboard shows. */
const LEADERBOARD_SIZE = 10;

export interface TallyBroadcaster {
  /** A ballot changed this poll's tally: it will be pushed at the next flush. */
  markDirty(pollId: string): void;
  /** The tally as it is now (for snapshots). */
  current(pollId: string): Promise<Tally | null>;
  /** Pushes every dirty tally now (tests and shutdown). */
  flush(): Promise<void>;
  stop(): void;
}

/**
 * Tallies are not broadcast per vote (DESIGN.md section 6): a vote only marks its poll
 * dirty, and every `intervalMs` each dirty poll's tally is read once and pushed, so a
 * storm of thousands of votes a second costs ten pushes a second per poll, not thousands.
 * Staff and speakers always get it; the audience only when the poll's results are visible.
 *
 * With several nodes, each node pushes to its OWN sockets only (`io.local`): through the
 * adapter, N nodes would each send every client a copy, N tallies per interval. So the dirty
 * mark travels instead: at each tick a node tells the others which polls got votes on it
 * since its last tick (one message), and they push those at their next tick. The message
 * leaves after the votes it names were stored, so the tally each node reads includes them.
 */
export function createTallyBroadcaster(
  io: JisrServer,
  store: Store,
  intervalMs: number,
  logger: Logger,
  signals: PollSignals = singleNodePollSignals,
  /** Told how long each pushed tally waited since its poll was first marked (metrics). */
  flushed: (delaySeconds: number) => void = () => undefined,
): TallyBroadcaster {
  /** Polls to push to this node's sockets at the next tick (marked here or by another node). */
  let dirty = new Set<string>();
  /** Polls marked on this node since the last tick: the other nodes hear of them at the next tick. */
  let toAnnounce = new Set<string>();
  let flushing: Promise<void> | null = null;
  /** When each dirty poll was first marked since its last push. */
  const dirtySince = new Map<string, number>();
  const mark = (pollId: string): void => {
    dirty.add(pollId);
    if (!dirtySince.has(pollId)) dirtySince.set(pollId, performance.now());
  };
  const unsubscribe = signals.subscribe((signal) => {
    for (const pollId of signal.dirty) mark(pollId);
  });

  async function current(pollId: string): Promise<Tally | null> {
    const poll = await store.getPoll(pollId);
    if (!poll) return null;
    const counts = await store.getTallyCounts(pollId);
    if (poll.kind === 'quiz') counts.leaderboard = await store.quizLeaderboard(poll.sessionId, LEADERBOARD_SIZE);
    return buildTally(poll, counts);
  }

  async function push(pollId: string): Promise<void> {
    const poll = await store.getPoll(pollId);
    const tally = await current(pollId);
    if (!poll || !tally) return;
    const targets = [rooms.staff(poll.sessionId), rooms.stage(poll.sessionId)];
    if (resultsVisibleTo(poll, { role: 'attendee', eventId: '' })) targets.push(rooms.audience(poll.sessionId));
    io.local.to(targets).emit(ServerEvent.PollTally, tally);
  }

  async function pushTimed(pollId: string): Promise<void> {
    const since = dirtySince.get(pollId);
    dirtySince.delete(pollId);
    await push(pollId);
    if (since !== undefined) flushed((performance.now() - since) / 1000);
  }

  function flush(): Promise<void> {
    if (flushing) return flushing;
    const batch = dirty;
    dirty = new Set();
    flushing = Promise.all([...batch].map((pollId) => pushTimed(pollId)))
      .then(() => undefined)
      .catch((error: unknown) => {
        logger.error({ err: error }, 'tally flush failed');
        for (const pollId of batch) mark(pollId);
      })
      .finally(() => {
        flushing = null;
      });
    return flushing;
  }

  const timer = setInterval(() => {
    if (toAnnounce.size > 0) {
      signals.publish({ dirty: [...toAnnounce], timers: [] });
      toAnnounce = new Set();
    }
    if (dirty.size > 0) void flush();
  }, intervalMs);
  timer.unref();

  return {
    markDirty(pollId) {
      mark(pollId);
      toAnnounce.add(pollId);
    },
    current,
    flush,
    stop() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
