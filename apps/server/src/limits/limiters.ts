import type { CountedLimit } from '@jisr/store/store';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Abuse limits (issue 9, DESIGN.md 6b). A whole hall reaches Jisr from one venue IP, so
 * per-IP limits are sized for thousands of people; abuse is held per socket and per
 * participant instead. Limits on one node (sockets, connections) live in memory; limits
 * on a person or an IP are shared through Redis when there are several nodes.
 */
export interface LimitSettings {
  /** Client events one socket may send per 10 s. */
  eventsPerSocket: number;
  /** Client events one participant or staff member may send per 10 s, over all their sockets. */
  eventsPerActor: number;
  /** Refusals within a minute after which a socket is cut off. */
  strikesBeforeDisconnect: number;
  /** Joins per minute from one IP (a venue NAT: thousands of attendees). */
  joinsPerIp: number;
  /** Sockets open at once from one IP, on one node. */
  connectionsPerIp: number;
  /**
   * Failed logins for one email from one client address that cost nothing; each failure
   * after them doubles the wait before the next try from that address (2 s, 4 s, ... up to
   * 15 minutes). Counted per (email, address): a guesser elsewhere never locks the organizer
   * out, and a venue NAT full of organizers is not blocked by one of them mistyping.
   */
  loginFreeFailures: number;
  /** Lookups of codes no event has, per client address per 10 minutes (code guessing; hall-sized, DESIGN.md 6b). */
  unknownCodesPerIp: number;
  /** Reactions one person may tap per 10 s (on one node). */
  reactionsPerPerson: number;
}

export const DEFAULT_LIMITS: LimitSettings = {
  eventsPerSocket: 60,
  eventsPerActor: 120,
  strikesBeforeDisconnect: 100,
  joinsPerIp: 10_000,
  connectionsPerIp: 20_000,
  loginFreeFailures: 5,
  // A hall of 5,000 behind one address mistypes a code a few hundred times at most; a script
  // trying codes needs millions for a 6-character one (31^6 ≈ 887 million).
  unknownCodesPerIp: 600,
  // An enthusiastic thumb taps 3 or 4 times a second for a few seconds; a script taps
  // hundreds. Beyond this a tap is refused (and nothing on a screen is lost: bursts coalesce).
  reactionsPerPerson: 40,
};

/** The longest wait a run of failed logins earns: the old fixed lockout's length. */
export const LOGIN_MAX_WAIT_SECONDS = 15 * 60;

/** The wait, in seconds, after the `failures`-th failed login in a row for one email from one address. */
export function loginWaitSeconds(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(2 ** (failures - free), LOGIN_MAX_WAIT_SECONDS);
}

/** A limit's answer: go on, refused (with how long to wait), or unknown because its store is away or slow. */
export type LimitVerdict = { ok: true } | { ok: false; reason: 'refused'; retryAfterSeconds: number } | { ok: false; reason: 'unavailable' };

/** The window of the client-event limits (`eventsPerSocket`, `eventsPerActor`), in seconds. */
const EVENT_WINDOW_SECONDS = 10;

/** How many times an attendee's event allowance staff get. */
const STAFF_FACTOR = 10;

/** The part of a node-redis client rate-limiter-flexible uses (with `useRedisPackage`). */
export type LimitsRedis = object;

export interface Limiters {
  /**
   * Counts one client event; false when its socket or its sender is over the limit. Staff
   * (moderators, organizers, screens) get ten times an attendee's allowance: a moderator
   * working a busy queue sends far more than any attendee.
   */
  event(socketId: string, actorKey: string, staff: boolean): Promise<boolean>;
  /**
   * The per-socket half of `event` alone, for an event whose write counts the sender's shared
   * limit itself (`carried`); false when the socket is over its limit.
   */
  socketEvent(socketId: string, staff: boolean): Promise<boolean>;
  /**
   * The per-person half of `event` alone (for a carried limit the write never counted: the
   * event was refused before it reached the store); false when over the limit.
   */
  personEvent(actorKey: string, staff: boolean): Promise<boolean>;
  /**
   * A participant's shared event limit as the Redis store counts it within the write itself
   * (the same key and window as `event` counts, so one count covers every event they send):
   * a vote is then one Redis round trip instead of two. Undefined when limits live in this
   * node's memory, or for staff. `actorKey` must carry its event's hash tag (`{eventId}`).
   */
  carried(actorKey: string, staff: boolean): CountedLimit | undefined;
  /** Records a refusal for this socket; true when it has been refused so often it must go. */
  strike(socketId: string): Promise<boolean>;
  /** Counts one join from this IP. Fails closed: `unavailable` when the count can't be read. */
  join(ip: string): Promise<LimitVerdict>;
  /**
   * Whether a login for this email may be tried now from this address. Fails closed: a
   * brute-force counter that can't be read is no reason to let guesses through.
   */
  loginAllowed(ip: string, email: string): Promise<LimitVerdict>;
  /** One more failure for (email, address); resolves once it is counted, or after the patience. */
  loginFailed(ip: string, email: string): Promise<void>;
  loginSucceeded(ip: string, email: string): Promise<void>;
  /** Whether this address may look up an event code now (it has not missed too many). */
  codeLookupAllowed(ip: string): Promise<LimitVerdict>;
  /** This address looked up a code no event has. */
  codeMissed(ip: string): Promise<void>;
  /**
   * Counts one reaction by this person; false when over `reactionsPerPerson`. Kept in this
   * node's memory, never in Redis: a tap costs no store write, and a Redis round trip per tap
   * would be the storm's whole cost. A person's sockets sit on one node but for a reconnect.
   */
  reaction(actorKey: string): Promise<boolean>;
  /** A socket from this IP opens; false (and not counted) when the IP is at its cap. */
  connectionOpened(ip: string): boolean;
  connectionClosed(ip: string): void;
}

/** How long a limit shared through Redis may take before it counts as unreadable (Redis away or slow). */
export const SHARED_LIMIT_PATIENCE_MS = 250;

/**
 * The same for limits that fail closed (join, login, code look-ups): an unreadable limit
 * refuses the person, so it waits longer. A join can afford a second; a hall joining at once
 * on a busy node (CI saw it: 50 joins on three nodes beside a browser) must not be told
 * `unavailable` because Redis answered in 300 ms.
 */
export const CLOSED_LIMIT_PATIENCE_MS = 1000;

/**
 * A timer for `ms` that, when it fires, first lets the event loop read the I/O already
 * waiting (Node runs timers before it polls sockets): after a stall of the loop longer
 * than `ms`, an answer that came in time is taken rather than counted late.
 */
function patience(ms: number, onLate: () => void): NodeJS.Timeout {
  return setTimeout(() => setImmediate(onLate), ms);
}

/** Told each time a limit that fails open is waived because its store could not be read in time. */
export type BypassReporter = (limit: string, error: unknown) => void;

/** What a shared limit's store said in time, or why it said nothing. */
export type Settled<T> = { read: true; value: T } | { read: false; error: unknown };

/** `work`'s answer, or why there is none: it failed or took longer than `ms`. */
export async function settle<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settled<T>>((resolve) => {
    timer = patience(ms, () => resolve({ read: false, error: new Error(`no answer within ${ms} ms`) }));
  });
  try {
    return await Promise.race([work.then((value): Settled<T> => ({ read: true, value }), (error: unknown): Settled<T> => ({ read: false, error })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `work`'s answer, or `fallback` when it fails or takes longer than `ms`: for limits that may
 * fail open (while Redis is away the write behind them answers `unavailable` anyway, and an
 * ack must never hang on a rate limit). Callers that waive a limit this way say so through a
 * BypassReporter; login and join never use it.
 */
export async function within<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = patience(ms, () => resolve(fallback));
  });
  try {
    return await Promise.race([work.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Consumes one point; false when the limiter refuses, errors other than refusals thrown. */
async function consume(limiter: RateLimiterAbstract, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

const UNAVAILABLE: LimitVerdict = { ok: false, reason: 'unavailable' };
const ALLOWED: LimitVerdict = { ok: true };

/** The verdict of a limiter whose state was read: refused while its points are used up. */
function verdictOf(state: RateLimiterRes | null, points: number): LimitVerdict {
  if (state === null || state.consumedPoints <= points) return ALLOWED;
  return { ok: false, reason: 'refused', retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) };
}

export function createLimiters(
  settings: LimitSettings = DEFAULT_LIMITS,
  redis?: { client: LimitsRedis; prefix: string },
  onBypass: BypassReporter = () => undefined,
): Limiters {
  /** Shared through Redis when given, else in this node's memory. */
  const sharedPrefix = (name: string): string => `${redis?.prefix ?? ''}:limit:${name}`;
  const shared = (name: string, points: number, duration: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis.client, useRedisPackage: true, keyPrefix: sharedPrefix(name), points, duration })
      : new RateLimiterMemory({ keyPrefix: name, points, duration });
  const perSocket = new RateLimiterMemory({ keyPrefix: 'socket', points: settings.eventsPerSocket, duration: EVENT_WINDOW_SECONDS });
  const perStaffSocket = new RateLimiterMemory({
    keyPrefix: 'staff-socket',
    points: settings.eventsPerSocket * STAFF_FACTOR,
    duration: EVENT_WINDOW_SECONDS,
  });
  const strikes = new RateLimiterMemory({ keyPrefix: 'strikes', points: settings.strikesBeforeDisconnect, duration: 60 });
  const perActor = shared('actor', settings.eventsPerActor, EVENT_WINDOW_SECONDS);
  const perStaff = shared('staff', settings.eventsPerActor * STAFF_FACTOR, EVENT_WINDOW_SECONDS);
  const joins = shared('join', settings.joinsPerIp, 60);
  // Failures in a row per (email, address), forgotten an hour after the first; the wait they
  // earn is a block of its own, so a check reads one key.
  const loginFailures = shared('login-failures', 1_000_000, 60 * 60);
  const loginWait = shared('login-wait', 1, LOGIN_MAX_WAIT_SECONDS);
  const codeMisses = shared('code-miss', settings.unknownCodesPerIp, 10 * 60);
  const reactions = new RateLimiterMemory({ keyPrefix: 'reaction', points: settings.reactionsPerPerson, duration: 10 });
  const connections = new Map<string, number>();
  const loginKey = (ip: string, email: string): string => `${email.toLowerCase()}|${ip}`;

  /** A read for a limit that fails closed: unreadable is `unavailable`. */
  const closed = async (limiter: RateLimiterAbstract, key: string, points: number): Promise<LimitVerdict> => {
    const read = await settle(limiter.get(key), CLOSED_LIMIT_PATIENCE_MS);
    return read.read ? verdictOf(read.value, points) : UNAVAILABLE;
  };
  /** A write whose failure can only be reported: the answer the client gets does not depend on it. */
  const record = async (limit: string, work: Promise<unknown>): Promise<void> => {
    const done = await settle(work, SHARED_LIMIT_PATIENCE_MS);
    if (!done.read) onBypass(limit, done.error);
  };

  const socketEvent = (socketId: string, staff: boolean): Promise<boolean> => consume(staff ? perStaffSocket : perSocket, socketId);
  const personEvent = async (actorKey: string, staff: boolean): Promise<boolean> => {
    const person = consume(staff ? perStaff : perActor, actorKey);
    // In memory it answers at once: no timer for every client event (a vote storm's hot path).
    if (!redis) return person;
    // Ordinary events fail open (the write behind them needs Redis anyway), but say so.
    const read = await settle(person, SHARED_LIMIT_PATIENCE_MS);
    if (read.read) return read.value;
    onBypass('events', read.error);
    return true;
  };

  return {
    async event(socketId, actorKey, staff) {
      if (!(await socketEvent(socketId, staff))) return false;
      return personEvent(actorKey, staff);
    },
    socketEvent,
    personEvent,
    carried(actorKey, staff) {
      if (!redis || staff) return undefined;
      // RateLimiterRedis's own key for this person (its keyPrefix, a colon, the key).
      return { key: `${sharedPrefix('actor')}:${actorKey}`, points: settings.eventsPerActor, seconds: EVENT_WINDOW_SECONDS };
    },
    async strike(socketId) {
      return !(await consume(strikes, socketId));
    },
    async join(ip) {
      const read = await settle(
        joins.consume(ip).then(
          () => ALLOWED,
          (error: unknown) => {
            if (error instanceof RateLimiterRes) return verdictOf(error, settings.joinsPerIp);
            throw error;
          },
        ),
        CLOSED_LIMIT_PATIENCE_MS,
      );
      return read.read ? read.value : UNAVAILABLE;
    },
    loginAllowed: (ip, email) => closed(loginWait, loginKey(ip, email), 1),
    async loginFailed(ip, email) {
      const key = loginKey(ip, email);
      const counted = async (): Promise<void> => {
        const state = await loginFailures.penalty(key, 1);
        const wait = loginWaitSeconds(state.consumedPoints, settings.loginFreeFailures);
        if (wait > 0) await loginWait.block(key, wait);
      };
      await record('login', counted());
    },
    async loginSucceeded(ip, email) {
      const key = loginKey(ip, email);
      await record('login', Promise.all([loginFailures.delete(key), loginWait.delete(key)]));
    },
    async codeLookupAllowed(ip) {
      // Guessing codes is not worth a closed door for a hall when Redis is slow: fail open, said.
      const read = await settle(codeMisses.get(ip), SHARED_LIMIT_PATIENCE_MS);
      if (read.read) return verdictOf(read.value, settings.unknownCodesPerIp - 1);
      onBypass('codes', read.error);
      return ALLOWED;
    },
    async codeMissed(ip) {
      await record('codes', codeMisses.penalty(ip, 1));
    },
    reaction: (actorKey) => consume(reactions, actorKey),
    connectionOpened(ip) {
      const open = connections.get(ip) ?? 0;
      if (open >= settings.connectionsPerIp) return false;
      connections.set(ip, open + 1);
      return true;
    },
    connectionClosed(ip) {
      const open = (connections.get(ip) ?? 1) - 1;
      if (open <= 0) connections.delete(ip);
      else connections.set(ip, open);
    },
  };
}
