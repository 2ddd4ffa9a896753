import type { RedisClient } from './connection.js';
import { SCRIPTS, type ScriptName } from './scripts.js';

/**
 * Thrown when a write is done on the master but no replica confirmed it in time: the write
 * may vanish in a failover, so it is not acknowledged. The caller answers `unavailable` and
 * the client resends with the same clientId (the store's writes with a clientId are idempotent).
 */
export class ReplicationTimeoutError extends Error {
  override readonly name = 'ReplicationTimeoutError';
}

/** How often the master is asked which replicas follow it. */
const REPLICAS_POLL_MS = 1000;
/**
 * A replica acknowledges the stream every second; one silent for longer than this is not
 * counted (Redis's own `min-replicas-max-lag` default), so a lost replica stops costing a
 * timeout per write within seconds, not after `repl-timeout` (60 s).
 */
const MAX_REPLICA_LAG_S = 10;

/** Commands of node-redis's client that change data, among those the store uses. */
const WRITE_COMMANDS: ReadonlySet<string> = new Set([
  'hSet', 'hSetNX', 'hDel', 'hIncrBy', 'del', 'unlink', 'set', 'incr', 'incrBy', 'expire', 'pExpire',
  'sAdd', 'sRem', 'zAdd', 'zRem', 'zIncrBy', 'rPush', 'lPush', 'lTrim', 'eval',
]);

function isWrite(name: string): boolean {
  if (name in SCRIPTS) return !SCRIPTS[name as ScriptName].IS_READ_ONLY;
  return WRITE_COMMANDS.has(name);
}

/** The replicas `INFO replication` lists as online and heard from recently. */
export function liveReplicas(info: string): number {
  let live = 0;
  for (const line of info.split(/\r?\n/)) {
    if (!/^slave\d+:/.test(line)) continue;
    const state = /state=([a-z_]+)/.exec(line)?.[1];
    const lag = Number(/lag=(\d+)/.exec(line)?.[1] ?? Infinity);
    if (state === 'online' && lag <= MAX_REPLICA_LAG_S) live += 1;
  }
  return live;
}

interface Waiter {
  connection: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Replica acknowledgements of the store's writes (issue 24): Redis replicates
 * asynchronously, so a write the master acknowledged can vanish with it in a failover. While
 * the master has live replicas, a write is answered only once at least one of them has it
 * (`WAIT 1 <waitMs>`); without replicas there is nothing to wait for.
 *
 * WAIT blocks its connection and covers the writes that connection made, so it runs on a
 * connection of its own (the barrier): the store's connection never stalls behind a slow
 * replica. The barrier first makes a write of its own (INCR of one counter); Redis replicates
 * in the order it executes, so a replica that has the barrier's write has every write the
 * master executed before it: every write whose reply had arrived when the barrier was sent.
 * The writes of a moment share one barrier (group commit); one is in flight at a time.
 * A write made on an earlier connection (a connection dropped, or the master changed, on
 * either side since) is refused: the barrier may be on another master than the write.
 */
export class ReplicaAcks {
  #barrier: RedisClient | undefined;
  readonly #barrierKey: string;
  readonly #waitMs: number;
  #replicas = 0;
  #connection = 0;
  #waiting: Waiter[] = [];
  #inFlight = false;
  /** Asking a new connection's master for its replicas: writes wait for the answer (the old master's count may be wrong). */
  #learning: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;

  /** `barrierKey`: the counter the barrier bumps (keys.ts). */
  constructor(waitMs: number, barrierKey: string) {
    this.#waitMs = waitMs;
    this.#barrierKey = barrierKey;
  }

  /** Live replicas of the master, as last seen. */
  get replicas(): number {
    return this.#replicas;
  }

  /**
   * Starts on `barrier`, a connection of its own to the store's master (made like the
   * store's, and told to call newConnection() on its own changes too): learns the master's
   * replicas now, then every second.
   */
  async start(barrier: RedisClient): Promise<void> {
    this.#barrier = barrier;
    await this.refresh();
    this.#timer = setInterval(() => void this.refresh(), REPLICAS_POLL_MS);
    this.#timer.unref();
  }

  /** Refuses what still waits and closes the barrier's connection. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    for (const waiter of this.#waiting) waiter.reject(new ReplicationTimeoutError('the store closed'));
    this.#waiting = [];
    const barrier = this.#barrier;
    this.#barrier = undefined;
    if (barrier?.isOpen) await barrier.destroy();
  }

  /** Asks the master for its replicas; keeps the last answer while it does not answer. */
  async refresh(): Promise<void> {
    if (!this.#barrier) return;
    try {
      this.#replicas = liveReplicas(await this.#barrier.info('replication'));
    } catch (error) {
      // Redis is away: writes fail by themselves meanwhile, and the next poll asks again.
      if (!(error instanceof Error)) throw error;
    }
  }

  /** The connection may have changed (a reconnection, a new master): earlier writes are not covered by later WAITs. */
  newConnection(): void {
    this.#connection += 1;
    const learning = this.refresh().finally(() => {
      if (this.#learning === learning) this.#learning = undefined;
    });
    this.#learning = learning;
  }

  /** Resolves once a replica has every write this connection made so far (at once without replicas). */
  async confirm(connection: number): Promise<void> {
    // After a failover the new master may have fewer replicas than the old one had: a WAIT
    // for a replica it does not have would only time out.
    if (this.#learning) await this.#learning;
    if (this.#replicas === 0 || !this.#barrier) return;
    return new Promise((resolve, reject) => {
      this.#waiting.push({ connection, resolve, reject });
      this.#flush();
    });
  }

  #flush(): void {
    const barrier = this.#barrier;
    if (this.#inFlight || this.#waiting.length === 0 || !barrier) return;
    const batch = this.#waiting;
    this.#waiting = [];
    this.#inFlight = true;
    // Both sent now, in this order, on the barrier's connection.
    const bumped = barrier.incr(this.#barrierKey);
    Promise.all([bumped, barrier.wait(1, this.#waitMs)])
      .then(([, acked]) => acked)
      .then(
        (acked) => {
          for (const waiter of batch) {
            if (waiter.connection !== this.#connection) waiter.reject(new ReplicationTimeoutError('the connection to Redis changed before a replica confirmed the write'));
            else if (acked < 1) waiter.reject(new ReplicationTimeoutError(`no replica confirmed the write within ${this.#waitMs} ms`));
            else waiter.resolve();
          }
        },
        (error: unknown) => {
          const reason = error instanceof Error ? error : new Error(String(error));
          for (const waiter of batch) waiter.reject(reason);
        },
      )
      .finally(() => {
        this.#inFlight = false;
        this.#flush();
      });
  }

  /**
   * The client with every write waiting for a replica before it resolves: the store's code
   * stays as it is, and a write added later is covered too. Reads pass straight through.
   */
  wrap<C extends RedisClient>(client: C): C {
    return new Proxy(client, {
      get: (target, property) => {
        // Getters with private state (isReady, isOpen) must see the client itself.
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        const method = value as (...args: unknown[]) => unknown;
        if (property === 'multi') return () => this.#wrapMulti(method.call(target) as { exec: (...args: unknown[]) => Promise<unknown> });
        if (!isWrite(property)) return method.bind(target);
        return async (...args: unknown[]): Promise<unknown> => {
          const connection = this.#connection;
          const result = await (method.apply(target, args) as Promise<unknown>);
          await this.confirm(connection);
          return result;
        };
      },
    });
  }

  /** A MULTI whose EXEC waits for a replica (every transaction of the store writes). */
  #wrapMulti<M extends { exec: (...args: unknown[]) => Promise<unknown> }>(multi: M): M {
    const wrapped: M = new Proxy(multi, {
      get: (target, property) => {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        // A queued command returns the builder, for chaining: the chain must stay wrapped.
        if (property !== 'exec') return (...args: unknown[]): unknown => {
          const result = method.apply(target, args);
          return result === target ? wrapped : result;
        };
        return async (...args: unknown[]): Promise<unknown> => {
          const connection = this.#connection;
          const result = await (method.apply(target, args) as Promise<unknown>);
          await this.confirm(connection);
          return result;
        };
      },
    });
    return wrapped;
  }
}
