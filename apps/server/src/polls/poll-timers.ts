import type { Poll } from '@jisr/protocol/poll';
import { StoreConflict } from '@jisr/store/store';
import type { Store } from '@jisr/store/store';
import type { Logger } from '../logger.js';
import type { DomainEventPublisher } from '../realtime/domain-events.js';
import type { TallyBroadcaster } from './tally-broadcaster.js';

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
 * laptop sleeps. Closing is guarded (open -> closed), so when several nodes arm the same
 * timer only one close happens.
 */
export function createPollTimers(
  store: Store,
  events: DomainEventPublisher,
  tallies: TallyBroadcaster,
  logger: Logger,
): PollTimers {
  const timers = new Map<string, NodeJS.Timeout>();

  async function close(pollId: string): Promise<void> {
    timers.delete(pollId);
    try {
      const { value, seq } = await store.updatePoll(pollId, { state: 'closed' }, { states: ['open'] });
      events.publish({ type: 'poll.changed', poll: value, seq });
      tallies.markDirty(pollId);
    } catch (error) {
      // Closed by hand, reset or deleted meanwhile: nothing left to do.
      if (error instanceof StoreConflict) return;
      logger.error({ err: error, pollId }, 'closing a poll on its timer failed');
    }
  }

  function disarm(pollId: string): void {
    const timer = timers.get(pollId);
    if (timer) clearTimeout(timer);
    timers.delete(pollId);
  }

  function arm(poll: Poll): void {
    disarm(poll.id);
    if (poll.state !== 'open' || !poll.closesAt) return;
    const delay = Math.max(0, Date.parse(poll.closesAt) - Date.now());
    timers.set(
      poll.id,
      setTimeout(() => void close(poll.id), delay),
    );
  }

  return {
    arm,
    disarm,
    async rearmAll() {
      for (const poll of await store.listOpenPolls()) arm(poll);
    },
    stop() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
