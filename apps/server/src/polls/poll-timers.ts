import type { Poll } from '@jisr/protocol/poll';
import { StoreConflict } from '@jisr/store/store';
import type { Store } from '@jisr/store/store';
import type { Logger } from '../logger.js';
import type { DomainEventPublisher } from '../realtime/domain-events.js';
import type { StageMoves } from '../stage/stage-moves.js';
import { singleNodePollSignals, type PollSignals } from './poll-signals.js';
import type { TallyBroadcaster } from './tally-broadcaster.js';

/** How soon a close that failed (store unreachable) is tried again. */
const CLOSE_RETRY_MS = 2000;

export interface PollTimers {
  /** Closes the poll when its `closesAt` comes (nothing when it has none). */
  arm(poll: Poll): void;
  disarm(pollId: string): void;
  /** Re-arms every open poll with a timer, e.g. after a restart. */
  rearmAll(): Promise<void>;
  stop(): void;
}

/**
 * A poll's timer lives on the server, so it closes on time even when the moderator's
 * laptop sleeps. With several nodes every node keeps a copy (the node that set or dropped
 * it tells the others, who read the poll again), so the poll closes on time even when that
 * node dies. When the timer fires the poll is read again (it may have been closed, or
 * reopened with another end, meanwhile), and closing is guarded (open -> closed), so when
 * several nodes fire at once only one close happens: the others get StoreConflict.
 */
export function createPollTimers(
  store: Store,
  events: DomainEventPublisher,
  tallies: TallyBroadcaster,
  stage: StageMoves,
  logger: Logger,
  signals: PollSignals = singleNodePollSignals,
): PollTimers {
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;

  async function close(pollId: string): Promise<void> {
    timers.delete(pollId);
    try {
      const poll = await store.getPoll(pollId);
      if (!poll || poll.state !== 'open' || !poll.closesAt) return;
      if (Date.parse(poll.closesAt) > Date.now()) {
        armHere(poll);
        return;
      }
      const { value, seq } = await store.updatePoll(pollId, { state: 'closed' }, { states: ['open'] });
      events.publish({ type: 'poll.changed', poll: value, seq });
      tallies.markDirty(pollId);
      // Time's up is a close like the moderator's: the results go on stage.
      await stage.after(value.sessionId, { kind: 'poll_closed', pollId });
    } catch (error) {
      // Closed by hand, reset or deleted meanwhile (or by another node first): nothing left to do.
      if (error instanceof StoreConflict) return;
      // The store is away (Redis restarting): try again, or the poll would stay open for good.
      logger.error({ err: error, pollId }, 'closing a poll on its timer failed: retrying');
      if (!stopped && !timers.has(pollId)) timers.set(pollId, setTimeout(() => void close(pollId), CLOSE_RETRY_MS));
    }
  }

  function disarmHere(pollId: string): void {
    const timer = timers.get(pollId);
    if (timer) clearTimeout(timer);
    timers.delete(pollId);
  }

  function armHere(poll: Poll): void {
    disarmHere(poll.id);
    if (poll.state !== 'open' || !poll.closesAt) return;
    const delay = Math.max(0, Date.parse(poll.closesAt) - Date.now());
    timers.set(
      poll.id,
      setTimeout(() => void close(poll.id), delay),
    );
  }

  /** Another node set or dropped these polls' timers: follow the polls as they are now. */
  async function follow(pollIds: readonly string[]): Promise<void> {
    for (const pollId of pollIds) {
      try {
        const poll = await store.getPoll(pollId);
        if (poll) armHere(poll);
        else disarmHere(pollId);
      } catch (error) {
        logger.error({ err: error, pollId }, 'reading a poll to follow its timer failed');
      }
    }
  }

  const unsubscribe = signals.subscribe((signal) => {
    if (signal.timers.length > 0) void follow(signal.timers);
  });

  return {
    arm(poll) {
      armHere(poll);
      signals.publish({ dirty: [], timers: [poll.id] });
    },
    disarm(pollId) {
      disarmHere(pollId);
      signals.publish({ dirty: [], timers: [pollId] });
    },
    async rearmAll() {
      for (const poll of await store.listOpenPolls()) armHere(poll);
    },
    stop() {
      stopped = true;
      unsubscribe();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
