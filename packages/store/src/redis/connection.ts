import { createClient, ErrorReply } from 'redis';
import { StoreConflict, StoreNotFound } from '../store.js';
import { SCRIPTS, type ScriptName } from './scripts.js';

/** Longest wait between two reconnection attempts once connected: a restarted Redis is back within seconds. */
const MAX_RECONNECT_DELAY_MS = 2000;

function newClient(url: string, connectTimeoutMs: number, hasConnected: () => boolean) {
  return createClient({
    url,
    scripts: SCRIPTS,
    // While Redis is unreachable a call fails at once instead of waiting in a queue for a
    // reconnection that may not come: the handler answers `internal`, the client's outbox retries.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: connectTimeoutMs,
      // Opening fails on the first refusal (fail fast at startup); a connection lost later is
      // retried with backoff for as long as the store is open.
      reconnectStrategy: (retries: number, cause: Error) =>
        hasConnected() ? Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : cause,
    },
  });
}

export type RedisClient = ReturnType<typeof newClient>;

export interface ConnectOptions {
  url: string;
  connectTimeoutMs: number;
  /** Errors the client reports once connected (lost connection, failed reconnection). */
  onError: (error: Error) => void;
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

/**
 * A connected client, or a rejection within about `connectTimeoutMs` saying why: a server
 * that refuses, doesn't answer, or isn't there never leaves the caller waiting.
 */
export async function connectClient(options: ConnectOptions): Promise<RedisClient> {
  let connected = false;
  const client = newClient(options.url, options.connectTimeoutMs, () => connected);
  // node-redis emits 'error' while connecting too; without a listener that would crash the
  // process. Until connected, the error goes into the rejection below instead. (One listener
  // for both: the client is a proxy object, and swapping listeners on it loses them.)
  let lastError: Error | undefined;
  client.on('error', (error: Error) => {
    if (connected) options.onError(error);
    else lastError = error;
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${options.connectTimeoutMs} ms`)), options.connectTimeoutMs + 500);
  });
  try {
    await Promise.race([client.connect(), timeout]);
  } catch (error) {
    if (client.isOpen) client.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    const detail = lastError && lastError.message !== reason ? ` (${lastError.message})` : '';
    throw new Error(`Redis is unreachable at ${shown(options.url)}: ${reason}${detail}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  connected = true;
  return client;
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
