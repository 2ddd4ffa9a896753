import { performance } from 'node:perf_hooks';
import type { Session } from '@jisr/protocol/event';
import type { Poll } from '@jisr/protocol/poll';
import type { MuteRecord } from '@jisr/core/mutes';
import type { EventRecord, Store } from '@jisr/store/store';
import type { DomainEvent, DomainEventPublisher } from './domain-events.js';

/** The reads a ballot's authorization makes, answered by the store or by a ReadCache. */
export type BallotReads = Pick<Store, 'getPoll' | 'getSession' | 'getEvent'>;

/** What the cache reads from the store: a ballot's rows, and an event's mutes (a reaction's). */
export type CachedReads = BallotReads & Pick<Store, 'listMutes'>;

/** How long a copy is trusted when no change was seen on this node. */
const READ_CACHE_TTL_MS = 1000;

export interface ReadCache extends BallotReads {
  /** The event's mutes (a mute made on this node is seen at once, on another within the TTL). */
  listMutes(eventId: string): Promise<MuteRecord[]>;
  /** Drops what this domain event changed (publish passes every event through here). */
  forget(event: DomainEvent): void;
}

interface Entry<T> {
  value: Promise<T | null>;
  until: number;
}

/**
 * Short-lived copies of the rows every ballot reads before it is cast: its poll, session
 * and event. A vote storm reads the same three rows thousands of times a second; the store
 * stays the judge of what counts (castBallot checks the poll is open, in one transaction or
 * script), so a copy only has to be right about who may vote where.
 *
 * - Polls are kept only while open: a draft opened a moment ago is always read afresh, so
 *   no vote is refused as "not open" because of an old copy.
 * - A change made on this node drops the copy at once (`forget`, fed by the domain events);
 *   a change made on another node is seen within `ttlMs`. In between, the store's own check
 *   still refuses a ballot on a poll that has closed.
 * - Only rows found are kept (unknown ids don't grow the cache), and concurrent misses for
 *   one row share one read.
 */
export function createReadCache(store: CachedReads, ttlMs = READ_CACHE_TTL_MS, now: () => number = () => performance.now()): ReadCache {
  const polls = new Map<string, Entry<Poll>>();
  const sessions = new Map<string, Entry<Session>>();
  const events = new Map<string, Entry<EventRecord>>();
  const mutes = new Map<string, Entry<MuteRecord[]>>();

  function cached<T>(map: Map<string, Entry<T>>, id: string, read: () => Promise<T | null>, keep: (value: T) => boolean): Promise<T | null> {
    const at = now();
    const hit = map.get(id);
    if (hit && hit.until > at) return hit.value;
    const value = read();
    const entry: Entry<T> = { value, until: at + ttlMs };
    map.set(id, entry);
    value.then(
      (found) => {
        if ((found === null || !keep(found)) && map.get(id) === entry) map.delete(id);
      },
      () => {
        if (map.get(id) === entry) map.delete(id);
      },
    );
    return value;
  }

  /** Drops entries past their time, so rows of finished sessions don't stay for the node's life. */
  function sweep(): void {
    const at = now();
    for (const map of [polls, sessions, events, mutes] as Map<string, Entry<unknown>>[]) {
      for (const [id, entry] of map) if (entry.until <= at) map.delete(id);
    }
  }
  let reads = 0;

  return {
    getPoll(id) {
      if (++reads % 10_000 === 0) sweep();
      return cached(polls, id, () => store.getPoll(id), (poll) => poll.state === 'open');
    },
    getSession(id) {
      return cached(sessions, id, () => store.getSession(id), () => true);
    },
    getEvent(id) {
      return cached(events, id, () => store.getEvent(id), () => true);
    },
    listMutes(eventId) {
      if (++reads % 10_000 === 0) sweep();
      return cached(mutes, eventId, () => store.listMutes(eventId), () => true).then((list) => list ?? []);
    },
    forget(event) {
      switch (event.type) {
        case 'poll.changed':
        case 'poll.removed':
          polls.delete(event.poll.id);
          break;
        case 'session.changed':
          sessions.delete(event.session.id);
          break;
        case 'organizer.joined':
        case 'organizer.removed':
          events.delete(event.eventId);
          break;
        case 'session.reset':
          // Its polls went back to draft: none of them is open any more.
          polls.clear();
          sessions.delete(event.sessionId);
          break;
        case 'agenda.refresh':
          // Sessions added, deleted or imported: which ones is not said.
          sessions.clear();
          break;
        case 'mute.changed':
          mutes.delete(event.mute.eventId);
          break;
        case 'event.deleted':
          // Everything the event held goes: its sessions and polls are not indexed by event here.
          polls.clear();
          sessions.clear();
          events.clear();
          mutes.clear();
          break;
        default:
          break;
      }
    },
  };
}

/** A publisher that lets the cache forget what each event changed before passing it on. */
export function forgettingPublisher(cache: ReadCache, next: DomainEventPublisher): DomainEventPublisher {
  return {
    publish(event) {
      cache.forget(event);
      next.publish(event);
    },
  };
}
