import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Store } from '@jisr/store/store';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { openRedisCluster } from '../src/cluster/redis-cluster.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { seedTestEvent, startServer, type ServerOptions, type TestServer } from './harness.js';

/** The real Redis of this machine and CI; none there is a failure, never a skip. */
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * `count` server nodes sharing one real Redis, each wired as main.ts wires a node (its own
 * store connection, the streams adapter, poll and reaction signals), under a prefix of their
 * own, with harness.ts's test event. Each node is a TestServer (its own url) over the same
 * event; stopping any one of them stops them all.
 */
export async function startRedisNodes(count: number, options: ServerOptions = {}): Promise<TestServer[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-redis-nodes-'));
  const prefix = `jisr-test-${randomUUID()}`;
  const logger = createLogger('silent');
  const opened: Awaited<ReturnType<typeof openRedisCluster>>[] = [];
  for (let i = 0; i < count; i++) opened.push(await openRedisCluster({ url: REDIS_URL }, { prefix, replicaWaitMs: 0 }, logger));
  const first = opened[0];
  if (!first) throw new Error('startRedisNodes needs at least one node');
  const seeded = await seedTestEvent(first.store);
  const nodes: TestServer[] = [];
  let stopped: Promise<void> | undefined;
  const stopAll = (): Promise<void> =>
    (stopped ??= (async () => {
      for (const node of nodes) await node.app.close();
      for (const { store, cluster } of opened) {
        await cluster.close();
        await store.close();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    })());
  for (const { store, cluster } of opened) {
    const app = createApp({
      store,
      cluster,
      config: parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', REDIS_PREFIX: prefix, ...options.env }, dataDir),
      logger: options.logger ?? logger,
      clock: systemClock,
      secret: 'r'.repeat(48),
      ...(options.askLimiter ? { askLimiter: options.askLimiter } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    const port = await app.listen(0, '127.0.0.1');
    nodes.push({ url: `http://127.0.0.1:${port}`, app, store: store as Store, ...seeded, stop: stopAll });
  }
  return nodes;
}

/** The two stores a behaviour must hold on: SQLite (one node) and Redis (`redisNodes` nodes). */
export const STORES = ['sqlite', 'redis'] as const;
export type StoreKind = (typeof STORES)[number];

export async function startNodes(kind: StoreKind, redisNodes: number, options: ServerOptions = {}): Promise<TestServer[]> {
  return kind === 'sqlite' ? [await startServer(options)] : startRedisNodes(redisNodes, options);
}
