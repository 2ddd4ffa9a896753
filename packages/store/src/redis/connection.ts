import { createClient, createSentinel, ErrorReply } from 'redis';
import { StoreConflict, StoreNotFound } from '../store.js';
import { SCRIPTS, type ScriptName } from './scripts.js';

/** Longest wait between two reconnection attempts once connected: a restarted Redis is back within seconds. */
const MAX_RECONNECT_DELAY_MS = 2000;

/** A Redis server the sentinels name, or a sentinel itself. */
export interface RedisNode {
  host: string;
  port: number;
}

/** Redis behind Sentinel: the sentinels to ask, and the name of the master they watch. */
export interface SentinelTarget {
  /** The master's name in the sentinels' configuration (`sentinel monitor NAME ...`). */
  name: string;
  /** A few sentinels to ask first; they tell about the others. */
  sentinels: readonly RedisNode[];
  /** The Redis servers' password (`requirepass`), when they have one. */
  password?: string;
  /** The sentinels' own password (`requirepass` in sentinel.conf), when they have one. */
  sentinelPassword?: string;
}

/** Where Redis is: one server's URL, or the sentinels that know which server is the master. */
export type RedisTarget = { url: string; sentinel?: undefined } | { sentinel: SentinelTarget; url?: undefined };

/** `host:port` of a node, for messages and comparisons. */
export function nodeName(node: RedisNode): string {
  return `${node.host}:${node.port}`;
}

/** A reconnection strategy: fail the opening at once, retry with backoff once it has worked. */
function reconnecting(hasConnected: () => boolean) {
  return (retries: number, cause: Error): number | Error => (hasConnected() ? Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : cause);
}

function newClient(url: string, connectTimeoutMs: number, hasConnected: () => boolean) {
  return createClient({
    url,
    scripts: SCRIPTS,
    // While Redis is unreachable a call fails at once instead of waiting in a queue for a
    // reconnection that may not come: the handler answers `unavailable`, the client's outbox retries.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: connectTimeoutMs,
      // Opening fails on the first refusal (fail fast at startup); a connection lost later is
      // retried with backoff for as long as the store is open.
      reconnectStrategy: reconnecting(hasConnected),
    },
  });
}

function newSentinel(target: SentinelTarget, connectTimeoutMs: number, hasConnected: () => boolean) {
  return createSentinel({
    name: target.name,
    sentinelRootNodes: target.sentinels.map((node) => ({ ...node })),
    scripts: SCRIPTS,
    // The same promise as the single server's client: a call made while the master is away
    // or being replaced fails at once (`unavailable`: the phone's outbox resends) instead of
    // waiting for the failover; the next call asks the sentinels for the master again. It
    // also makes opening fail at once when no sentinel names a master.
    maxCommandRediscovers: 0,
    // No periodic scan (scanInterval): each one holds every command until the sentinels
    // have answered. The sentinels' pub/sub notices and any call that finds the master
    // gone are what make the client look again.
    nodeClientOptions: {
      disableOfflineQueue: true,
      ...(target.password ? { password: target.password } : {}),
      socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: reconnecting(hasConnected) },
    },
    sentinelClientOptions: {
      ...(target.sentinelPassword ? { password: target.sentinelPassword } : {}),
      socket: { connectTimeout: connectTimeoutMs },
    },
  });
}

type SentinelClient = ReturnType<typeof newSentinel>;
export type RedisClient = ReturnType<typeof newClient> | SentinelClient;

function isSentinel(client: RedisClient): client is SentinelClient {
  return 'getMasterNode' in client;
}

/**
 * The keys matching `match`, a batch at a time (SCAN). One function for both kinds of
 * client: their iterators differ in type only (Sentinel's stops with an error when the
 * master changes under it).
 */
export function scanKeys(client: RedisClient, match: string): AsyncIterable<string[]> {
  const options = { MATCH: match, COUNT: 1000 };
  return isSentinel(client) ? client.scanIterator(options) : client.scanIterator(options);
}

export interface ConnectOptions {
  target: RedisTarget;
  connectTimeoutMs: number;
  /** Errors the client reports once connected (lost connection, failed reconnection). */
  onError: (error: Error) => void;
  /**
   * Told when the connection to Redis may have changed under the calls (a new connection,
   * a lost one, a new master): what the replica acks (replication.ts) must know.
   */
  onNewConnection?: () => void;
  /** With Sentinel: told when the master changes to another server (a failover). */
  onMasterChange?: (master: RedisNode) => void;
}

/** The URL without its password, for messages. */
function shown(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch (error) {
    return `(a URL node-redis cannot parse: ${String(error)})`;
  }
}

/** Where the target is, for messages (never with a password). */
export function shownTarget(target: RedisTarget): string {
  if (target.url !== undefined) return shown(target.url);
  return `the master "${target.sentinel.name}" of the sentinels ${target.sentinel.sentinels.map(nodeName).join(', ')}`;
}

/** Sentinel reports some of its errors as strings: every report becomes an Error here. */
function asError(reported: unknown): Error {
  return reported instanceof Error ? reported : new Error(String(reported));
}

/**
 * A connected client, or a rejection within about `connectTimeoutMs` saying why: a server
 * that refuses, doesn't answer, or isn't there never leaves the caller waiting. With a
 * Sentinel target the client follows the master the sentinels name, failovers included.
 */
export async function connectClient(options: ConnectOptions): Promise<RedisClient> {
  let connected = false;
  const { target } = options;
  const client: RedisClient =
    target.url !== undefined ? newClient(target.url, options.connectTimeoutMs, () => connected) : newSentinel(target.sentinel, options.connectTimeoutMs, () => connected);
  // node-redis emits 'error' while connecting too; without a listener that would crash the
  // process. Until connected, the error goes into the rejection below instead. (One listener
  // for both: the client is a proxy object, and swapping listeners on it loses them.)
  let lastError: Error | undefined;
  client.on('error', (reported: unknown) => {
    const error = asError(reported);
    if (connected) options.onError(error);
    else lastError = error;
    if (target.url !== undefined) options.onNewConnection?.();
  });
  if (target.url !== undefined) {
    client.on('ready', () => options.onNewConnection?.());
  } else {
    watchSentinel(client as SentinelClient, options, () => connected);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${options.connectTimeoutMs} ms`)), options.connectTimeoutMs + 500);
  });
  try {
    await Promise.race([client.connect(), timeout]);
  } catch (error) {
    if (client.isOpen) await client.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    const detail = lastError && lastError.message !== reason ? ` (${lastError.message})` : '';
    throw new Error(`Redis is unreachable at ${shownTarget(target)}: ${reason}${detail}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  connected = true;
  return client;
}

/** Connection changes of a Sentinel client: a new master (a failover), a master connection in trouble. */
function watchSentinel(client: SentinelClient, options: ConnectOptions, isConnected: () => boolean): void {
  let master: string | undefined;
  client.on('topology-change', (event: { type: string; node?: RedisNode }) => {
    if (event.type !== 'MASTER_CHANGE' || !event.node) return;
    options.onNewConnection?.();
    // The client also reconnects to the same master after a lost connection: not a failover.
    const name = nodeName(event.node);
    if (master !== undefined && name !== master && isConnected()) options.onMasterChange?.(event.node);
    master = name;
  });
  client.on('client-error', (event: { type: string }) => {
    if (event.type === 'MASTER') options.onNewConnection?.();
  });
}

const REFUSAL = /^(CONFLICT|NOTFOUND) ([\s\S]*)$/;

/** A script's refusal as the store's error (StoreConflict, StoreNotFound); anything else as it is. */
export function storeError(error: unknown): unknown {
  if (!(error instanceof ErrorReply)) return error;
  const [, code, message = ''] = REFUSAL.exec(error.message) ?? [];
  if (code === 'CONFLICT') return new StoreConflict(message, { cause: error });
  if (code === 'NOTFOUND') return new StoreNotFound(message, { cause: error });
  return error;
}

/**
 * Whether a script refused (and so changed nothing). A create made of two steps undoes the
 * first only then: after any other failure (a lost connection) the second step may or may
 * not have happened, and undoing the first could leave the second pointing at nothing.
 */
export function isRefusal(error: unknown): boolean {
  return error instanceof StoreConflict || error instanceof StoreNotFound;
}

/** Runs a script on the slot whose base is `base`, its refusals thrown as the store's errors. */
export async function runScript(client: RedisClient, name: ScriptName, base: string, args: readonly string[]): Promise<unknown> {
  try {
    return await client[name](base, args);
  } catch (error) {
    throw storeError(error);
  }
}
