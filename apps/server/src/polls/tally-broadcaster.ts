import { performance } from 'node:perf_hooks';
import { buildTally } from '@jisr/core/poll-ballots';
import { resultsVisibleTo } from '@jisr/core/polls';
import { ServerEvent } from '@jisr/protocol/events';
import type { Poll, Tally } from '@jisr/protocol/poll';
import type { Store } from '@jisr/store/store';
import { isRedisUnavailable } from '../cluster/redis-unavailable.js';
import type { Logger } from '../logger.js';
import { rooms } from '../realtime/rooms.js';
import type { JisrServer } from '../realtime/types.js';
import { createAudiencePush } from './audience-push.js';
import { singleNodePollSignals, type PollSignals } from './poll-signals.js';

/** How many names a quiz leaderboard shows. */
const LEADERBOARD_SIZE = 10;

export interface TallyBroadcaster {
  /** A ballot changed this poll's tally: it will be pushed at the next flush. */
  markDirty(pollId: string): void;
  /** The tally as it is now (for snapshots). */
  current(pollId: string): Promise<Tally | null>;
  /** Pushes every dirty tally now, and waits until the audience has them all (tests and shutdown). */
  flush(): Promise<void>;
  stop(): void;
}

/** How often the tallies go to the staff and room screens, and how often to the audience's phones. */
export interface TallyIntervals {
  /** Staff and room screens (the `stage`): live, DESIGN.md section 6. */
  stageMs: number;
  /** The audience: a hall of phones is most of the deliveries, and twice a second reads as live. */
  audienceMs: number;
}

/**
 * Tallies are not broadcast per vote (DESIGN.md section 6): a vote only marks its poll
 * dirty, and every `stageMs` each dirty poll's tally is read once and pushed, so a storm
 * of thousands of votes a second costs ten pushes a second per poll, not thousands. Staff,
 * speakers and room screens get every push (screens only when the results are visible to the
 * hall); the rest of the audience (likewise) at most every `audienceMs`: in a hall of 5,000 phones the audience's
 * copies are nearly all the tally traffic, and they would otherwise take the CPU the votes
 * need. A poll that got votes is always pushed to the audience at its next turn, so the
 * last tally always arrives.
 *
 * With several nodes, each node pushes to its OWN sockets only (`io.local`): through the
 * adapter, N nodes would each send every client a copy, N tallies per interval. So the dirty
 * mark travels instead: at each tick a node tells the others which polls got votes on it
 * since its last tick (one message), and they push those at their next tick. The message
 * leaves after the votes it names were stored, so the tally each node reads includes them.
 */
/** How often a node checks the polls it pushed lately against the store, and how far back (see `resync`). */
const RESYNC_MS = 5_000;
const RESYNC_WINDOW_MS = 10 * 60_000;

export function createTallyBroadcaster(
  io: JisrServer,
  store: Store,
  intervals: TallyIntervals,
  logger: Logger,
  signals: PollSignals = singleNodePollSignals,
  /** Told how long each pushed tally waited since its poll was first marked (metrics). */
  flushed: (delaySeconds: number) => void = () => undefined,
): TallyBroadcaster {
  /** Polls to push to this node's staff and screens at the next tick (marked here or by another node). */
  let dirty = new Set<string>();
  /** Polls to push to this node's audience at its next turn. */
  let audienceDirty = new Set<string>();
  let lastAudienceTurn = -Infinity;
  /** Polls marked on this node since the last tick: the other nodes hear of them at the next tick. */
  let toAnnounce = new Set<string>();
  let flushing: Promise<void> | null = null;
  /** When each dirty poll was first marked since its last push. */
  const dirtySince = new Map<string, number>();
  /**
   * Polls marked lately (when), and the total each last went out with, to the stage and to the
   * phones apart: what a resync checks. Apart, because a phones-only push that read a vote whose
   * mark was lost must not pass for the screen's copy (the screen would keep the old count).
   */
  const recent = new Map<string, number>();
  const lastTotals = { stage: new Map<string, number>(), audience: new Map<string, number>() };
  /** The phones' copies go out a slice of the hall per turn (audience-push.ts), never as one long turn. */
  const audience = createAudiencePush(io);
  const mark = (pollId: string): void => {
    dirty.add(pollId);
    audienceDirty.add(pollId);
    recent.set(pollId, performance.now());
    if (!dirtySince.has(pollId)) dirtySince.set(pollId, performance.now());
  };
  const unsubscribe = signals.subscribe((signal) => {
    for (const pollId of signal.dirty) mark(pollId);
  });

  async function tallyOf(poll: Poll): Promise<Tally> {
    const counts = await store.getTallyCounts(poll.id);
    if (poll.kind === 'quiz') counts.leaderboard = await store.quizLeaderboard(poll.sessionId, LEADERBOARD_SIZE);
    return buildTally(poll, counts);
  }

  async function current(pollId: string): Promise<Tally | null> {
    const poll = await store.getPoll(pollId);
    return poll ? tallyOf(poll) : null;
  }

  async function push(pollId: string, to: { stage: boolean; audience: boolean }): Promise<void> {
    const poll = await store.getPoll(pollId);
    if (!poll) return;
    const { sessionId } = poll;
    // Screens show what the hall sees, at the stage's pace; phones at the audience's.
    const visible = resultsVisibleTo(poll, { role: 'attendee', eventId: '' });
    const live = to.stage ? [rooms.staff(sessionId), rooms.stage(sessionId), ...(visible ? [rooms.screens(sessionId)] : [])] : [];
    const phones = to.audience && visible;
    if (live.length === 0 && !phones) return;
    const tally = await tallyOf(poll);
    if (live.length > 0) {
      lastTotals.stage.set(pollId, tally.total);
      io.local.to(live).emit(ServerEvent.PollTally, tally);
    }
    // Screens and speakers are in the audience too: they had this tally at a stage tick already.
    if (phones) {
      lastTotals.audience.set(pollId, tally.total);
      audience.send(sessionId, tally);
    }
  }

  async function pushTimed(pollId: string, to: { stage: boolean; audience: boolean }): Promise<void> {
    const since = to.stage ? dirtySince.get(pollId) : undefined;
    if (to.stage) dirtySince.delete(pollId);
    await push(pollId, to);
    if (since !== undefined) flushed((performance.now() - since) / 1000);
  }

  /** Pushes the stage's dirty polls, and the audience's when its turn has come (or `everything`). */
  /** The last flush failed because Redis was away (logged once until a flush works again). */
  let storeAway = false;

  function flushNow(everything: boolean): Promise<void> {
    if (flushing) return flushing;
    const now = performance.now();
    const stage = dirty;
    dirty = new Set();
    let audience = new Set<string>();
    if (everything || now - lastAudienceTurn >= intervals.audienceMs) {
      audience = audienceDirty;
      audienceDirty = new Set();
      lastAudienceTurn = now;
    }
    const polls = new Set([...stage, ...audience]);
    flushing = Promise.all([...polls].map((pollId) => pushTimed(pollId, { stage: stage.has(pollId), audience: audience.has(pollId) })))
      .then(() => {
        storeAway = false;
      })
      .catch((error: unknown) => {
        // Redis away (a restart, a failover): the polls stay dirty and go out once it is
        // back; said once per outage, not every 100 ms. Anything else is a bug: in full.
        if (!isRedisUnavailable(error)) logger.error({ err: error }, 'tally flush failed');
        else if (!storeAway) logger.warn({ err: error }, 'tally flush waits for Redis');
        storeAway = isRedisUnavailable(error);
        for (const pollId of polls) mark(pollId);
      })
      .finally(() => {
        flushing = null;
      });
    return flushing;
  }

  /**
   * With several nodes, a dirty mark is a pub/sub message, and one published while this
   * node's subscriber follows a new Redis master (a failover) is lost: the screen would keep
   * a count short of the last votes for good. So every RESYNC_MS each poll marked in the last
   * RESYNC_WINDOW_MS is read again and goes out at the next tick if its total moved since its
   * last push (one read per such poll; nothing is sent when nothing was missed).
   */
  const resyncing = signals !== singleNodePollSignals;
  let lastResync = performance.now();
  let resyncRunning = false;
  async function resync(): Promise<void> {
    const now = performance.now();
    for (const [pollId, at] of recent) {
      if (now - at > RESYNC_WINDOW_MS) {
        recent.delete(pollId);
        lastTotals.stage.delete(pollId);
        lastTotals.audience.delete(pollId);
        continue;
      }
      const tally = await current(pollId);
      if (!tally) continue;
      if (tally.total !== lastTotals.stage.get(pollId)) dirty.add(pollId);
      if (tally.total !== lastTotals.audience.get(pollId)) audienceDirty.add(pollId);
    }
  }

  const timer = setInterval(() => {
    if (resyncing && !resyncRunning && performance.now() - lastResync >= RESYNC_MS) {
      lastResync = performance.now();
      resyncRunning = true;
      resync()
        .catch((error: unknown) => {
          if (!isRedisUnavailable(error)) logger.error({ err: error }, 'tally resync failed');
        })
        .finally(() => {
          resyncRunning = false;
        });
    }
    if (toAnnounce.size > 0) {
      signals.publish({ dirty: [...toAnnounce], timers: [] });
      toAnnounce = new Set();
    }
    if (dirty.size > 0 || audienceDirty.size > 0) void flushNow(false);
  }, intervals.stageMs);
  timer.unref();

  return {
    markDirty(pollId) {
      mark(pollId);
      toAnnounce.add(pollId);
    },
    current,
    async flush() {
      await flushNow(true);
      await audience.idle();
    },
    stop() {
      clearInterval(timer);
      audience.stop();
      unsubscribe();
    },
  };
}
