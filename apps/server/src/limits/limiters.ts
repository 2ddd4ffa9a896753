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
  /** Failed logins per 15 minutes, per account and per IP. */
  loginFailuresPerAccount: number;
  loginFailuresPerIp: number;
}

export const DEFAULT_LIMITS: LimitSettings = {
  eventsPerSocket: 60,
  eventsPerActor: 120,
  strikesBeforeDisconnect: 100,
  joinsPerIp: 10_000,
  connectionsPerIp: 20_000,
  loginFailuresPerAccount: 10,
  loginFailuresPerIp: 100,
};

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
  /** Records a refusal for this socket; true when it has been refused so often it must go. */
  strike(socketId: string): Promise<boolean>;
  /** Counts one join from this IP; false when over. */
  join(ip: string): Promise<boolean>;
  /** Whether a login may be tried now for this account from this IP (failures only are counted). */
  loginAllowed(ip: string, email: string): Promise<boolean>;
  loginFailed(ip: string, email: string): Promise<void>;
  loginSucceeded(email: string): Promise<void>;
  /** A socket from this IP opens; false (and not counted) when the IP is at its cap. */
  connectionOpened(ip: string): boolean;
  connectionClosed(ip: string): void;
}

/** How long a limit shared through Redis may take before it is waived (Redis away or slow). */
const SHARED_LIMIT_PATIENCE_MS = 250;

/**
 * `work`'s answer, or `fallback` when it fails or takes longer than `ms`. Limits shared
 * through Redis fail open: while Redis is away the write behind them answers `unavailable`
 * anyway, and an ack must never hang on a rate limit.
 */
export async function within(work: Promise<boolean>, ms: number, fallback: boolean): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
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

export function createLimiters(settings: LimitSettings = DEFAULT_LIMITS, redis?: { client: LimitsRedis; prefix: string }): Limiters {
  /** Shared through Redis when given, else in this node's memory. */
  const shared = (name: string, points: number, duration: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis.client, useRedisPackage: true, keyPrefix: `${redis.prefix}:limit:${name}`, points, duration })
      : new RateLimiterMemory({ keyPrefix: name, points, duration });
  const perSocket = new RateLimiterMemory({ keyPrefix: 'socket', points: settings.eventsPerSocket, duration: 10 });
  const perStaffSocket = new RateLimiterMemory({ keyPrefix: 'staff-socket', points: settings.eventsPerSocket * STAFF_FACTOR, duration: 10 });
  const strikes = new RateLimiterMemory({ keyPrefix: 'strikes', points: settings.strikesBeforeDisconnect, duration: 60 });
  const perActor = shared('actor', settings.eventsPerActor, 10);
  const perStaff = shared('staff', settings.eventsPerActor * STAFF_FACTOR, 10);
  const joins = shared('join', settings.joinsPerIp, 60);
  const loginAccount = shared('login-account', settings.loginFailuresPerAccount, 15 * 60);
  const loginIp = shared('login-ip', settings.loginFailuresPerIp, 15 * 60);
  const connections = new Map<string, number>();

  const exhausted = async (limiter: RateLimiterAbstract, key: string, points: number): Promise<boolean> => {
    const state = await limiter.get(key);
    return state !== null && state.consumedPoints >= points;
  };

  return {
    async event(socketId, actorKey, staff) {
      if (!(await consume(staff ? perStaffSocket : perSocket, socketId))) return false;
      const person = consume(staff ? perStaff : perActor, actorKey);
      // In memory it answers at once: no timer for every client event (a vote storm's hot path).
      return redis ? within(person, SHARED_LIMIT_PATIENCE_MS, true) : person;
    },
    async strike(socketId) {
      return !(await consume(strikes, socketId));
    },
    join: (ip) => within(consume(joins, ip), SHARED_LIMIT_PATIENCE_MS, true),
    async loginAllowed(ip, email) {
      const [account, address] = await Promise.all([
        within(exhausted(loginAccount, email.toLowerCase(), settings.loginFailuresPerAccount), SHARED_LIMIT_PATIENCE_MS, false),
        within(exhausted(loginIp, ip, settings.loginFailuresPerIp), SHARED_LIMIT_PATIENCE_MS, false),
      ]);
      return !account && !address;
    },
    async loginFailed(ip, email) {
      await within(Promise.all([consume(loginAccount, email.toLowerCase()), consume(loginIp, ip)]).then(() => true), SHARED_LIMIT_PATIENCE_MS, true);
    },
    async loginSucceeded(email) {
      await within(loginAccount.delete(email.toLowerCase()), SHARED_LIMIT_PATIENCE_MS, true);
    },
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
