import { buildTally } from '@jisr/core/poll-ballots';
import { resultsVisibleTo } from '@jisr/core/polls';
import { ServerEvent } from '@jisr/protocol/events';
import type { Tally } from '@jisr/protocol/poll';
import type { Store } from '@jisr/store/store';
import type { Logger } from '../logger.js';
import { rooms } from '../realtime/rooms.js';
import type { JisrServer } from '../realtime/types.js';

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
 */
export function createTallyBroadcaster(io: JisrServer, store: Store, intervalMs: number, logger: Logger): TallyBroadcaster {
  let dirty = new Set<string>();
  let flushing: Promise<void> | null = null;

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
    io.to(targets).emit(ServerEvent.PollTally, tally);
  }

  function flush(): Promise<void> {
    if (flushing) return flushing;
    const batch = dirty;
    dirty = new Set();
    flushing = Promise.all([...batch].map((pollId) => push(pollId)))
      .then(() => undefined)
      .catch((error: unknown) => {
        logger.error({ err: error }, 'tally flush failed');
        for (const pollId of batch) dirty.add(pollId);
      })
      .finally(() => {
        flushing = null;
      });
    return flushing;
  }

  const timer = setInterval(() => {
    if (dirty.size > 0) void flush();
  }, intervalMs);
  timer.unref();

  return {
    markDirty(pollId) {
      dirty.add(pollId);
    },
    current,
    flush,
    stop() {
      clearInterval(timer);
    },
  };
}
