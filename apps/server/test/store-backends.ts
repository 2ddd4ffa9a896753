import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { openRedisStore } from '@jisr/store/redis/redis-store';
import { openSqliteStore } from '@jisr/store/sqlite/sqlite-store';
import type { Store } from '@jisr/store/store';
import { createClient } from 'redis';

/**
 * The two stores a server test runs on: SQLite in a test's directory, and the real Redis at
 * REDIS_URL under a prefix of its own (none there is a failure, not a skip), cleaned after.
 */

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export interface Backend {
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

export function sqliteBackend(dir: () => string): Backend {
  return { open: async () => openSqliteStore({ file: path.join(dir(), 'jisr.db') }), cleanup: async () => undefined };
}

export function redisBackend(): Backend {
  const prefix = `jisr-test:${randomUUID()}:`;
  return {
    open: () => openRedisStore({ url: REDIS_URL, prefix }),
    async cleanup() {
      const admin = createClient({ url: REDIS_URL });
      await admin.connect();
      for await (const keys of admin.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length > 0) await admin.unlink(keys);
      await admin.close();
    },
  };
}

/** Both, for `describe.each`. */
export const BACKENDS: [string, (dir: () => string) => Backend][] = [
  ['sqlite', sqliteBackend],
  ['redis', () => redisBackend()],
];
