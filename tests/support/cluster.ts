import { randomBytes } from 'node:crypto';
import { startApp, type AppProcess } from './app-process.js';
import { deleteKeys } from './redis-server.js';
import { ADMIN } from './staff.js';

export interface Cluster {
  nodes: AppProcess[];
  /** Each node's base URL, in node order. */
  urls: string[];
  prefix: string;
  /** Starts one more node with the same settings (it joins the running ones). */
  addNode(): Promise<AppProcess>;
  /** Stops node `index` with SIGTERM (a graceful stop), then starts it again on the same port; resolves with how long the stop took. */
  restartNode(index: number): Promise<{ stopMs: number }>;
  /** Stops every node (still running) and deletes the run's keys. */
  stop(): Promise<void>;
}

/** A REDIS_PREFIX no other test run uses, so runs sharing one Redis never see each other. */
export function uniquePrefix(name: string): string {
  return `jisr-test-${name}-${randomBytes(4).toString('hex')}`;
}

/**
 * `count` server processes (the built app, as `pnpm start` runs it) sharing the Redis at
 * `redisUrl` (or the master the sentinels name) under a fresh prefix: started at once, as a deployment's nodes would be, with
 * the same SECRET (tokens from one node valid on all) and the test organizer (staff.ts).
 * Each node seeds the demo event if it finds none: exactly one of them must.
 */
export async function startCluster(options: {
  count: number;
  /** The shared Redis (or one of the test's own), or with `sentinel` none: the nodes find the master through the sentinels. */
  redisUrl?: string;
  /** REDIS_SENTINELS and REDIS_SENTINEL_NAME (the topology is the test's own: nothing to clean up after). */
  sentinel?: { sentinels: string; name: string };
  name: string;
  env?: Record<string, string>;
}): Promise<Cluster> {
  const prefix = uniquePrefix(options.name);
  const { redisUrl, sentinel } = options;
  if ((redisUrl === undefined) === (sentinel === undefined)) throw new Error('startCluster: give either redisUrl or sentinel');
  const env = {
    ...(redisUrl !== undefined ? { REDIS_URL: redisUrl } : {}),
    ...(sentinel !== undefined ? { REDIS_SENTINELS: sentinel.sentinels, REDIS_SENTINEL_NAME: sentinel.name } : {}),
    REDIS_PREFIX: prefix,
    SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ...options.env,
  };
  const started = await Promise.allSettled(Array.from({ length: options.count }, () => startApp(env)));
  const nodes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((node) => node.stop()));
    if (redisUrl !== undefined) await deleteKeys(redisUrl, prefix);
  };
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const urls = nodes.map((node) => node.url);
  return {
    nodes,
    urls,
    prefix,
    async restartNode(index) {
      const old = nodes[index];
      if (!old) throw new Error(`no node ${index}`);
      const started = Date.now();
      await old.stop();
      const stopMs = Date.now() - started;
      const node = await startApp({ ...env, PORT: new URL(old.url).port });
      nodes[index] = node;
      return { stopMs };
    },
    async addNode() {
      const node = await startApp(env);
      nodes.push(node);
      urls.push(node.url);
      return node;
    },
    stop,
  };
}

/** Polls `/readyz` until it answers `status`; returns its last body. */
export async function waitForReady(url: string, status: number, timeoutMs: number): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    const response = await fetch(`${url}/readyz`).then(
      async (answer) => ({ status: answer.status, body: (await answer.json()) as unknown }),
      (error: unknown) => ({ status: 0, body: String(error) }),
    );
    if (response.status === status) return response.body;
    last = `${response.status} ${JSON.stringify(response.body)}`;
    if (Date.now() > deadline) throw new Error(`${url}/readyz not ${status} within ${timeoutMs} ms (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
