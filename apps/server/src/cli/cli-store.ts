import path from 'node:path';
import { openRedisStore } from '@jisr/store/redis/redis-store';
import { openSqliteStore } from '@jisr/store/sqlite/sqlite-store';
import type { Store } from '@jisr/store/store';
import { redisNames } from '../cluster/redis-names.js';
import { parseConfig, type Config } from '../config.js';
import { UsageError, type StoreFlags } from './args.js';

/** The store a command works on, and how to name it in messages (never with a password). */
export interface CliStore {
  store: Store;
  /** e.g. `SQLite data/jisr.db`, `Redis redis://127.0.0.1:6379/ (prefix jisr:)` */
  where: string;
}

/**
 * The server's configuration (parseConfig: the same variables, the same checks), with the
 * command line's store flags in place of DATA_DIR / REDIS_URL / REDIS_PREFIX.
 */
export function cliConfig(env: NodeJS.ProcessEnv, flags: StoreFlags, serverDir: string): Config {
  if (flags.dataDir !== undefined && flags.redisUrl !== undefined) {
    throw new UsageError('give --data-dir (SQLite) or --redis-url (Redis), not both');
  }
  const merged: NodeJS.ProcessEnv = { ...env };
  if (flags.dataDir !== undefined) {
    merged.DATA_DIR = flags.dataDir;
    delete merged.REDIS_URL;
  }
  if (flags.redisUrl !== undefined) merged.REDIS_URL = flags.redisUrl;
  if (flags.redisPrefix !== undefined) merged.REDIS_PREFIX = flags.redisPrefix;
  // The server needs SECRET with REDIS_URL so that its nodes sign tokens alike; the CLI signs
  // no token, so any value satisfies that rule here (a SECRET that is set is still checked).
  if (merged.REDIS_URL !== undefined && merged.SECRET === undefined) merged.SECRET = 'x'.repeat(32);
  return parseConfig(merged, serverDir);
}

/** The SQLite file a configuration names. */
export function sqliteFile(config: Config): string {
  return path.join(config.DATA_DIR, 'jisr.db');
}

/** The URL without its password, for messages. */
export function shownUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** Opens the store main.ts would open: SQLite in DATA_DIR (migrated), or Redis at REDIS_URL. */
export async function openCliStore(config: Config): Promise<CliStore> {
  if (config.REDIS_URL === undefined) {
    const file = sqliteFile(config);
    return { store: openSqliteStore({ file }), where: `SQLite ${file}` };
  }
  const prefix = redisNames(config.REDIS_PREFIX).store;
  const store = await openRedisStore({
    url: config.REDIS_URL,
    prefix,
    onError: (error) => process.stderr.write(`jisr: Redis: ${error.message}\n`),
  });
  return { store, where: `Redis ${shownUrl(config.REDIS_URL)} (prefix ${prefix})` };
}
