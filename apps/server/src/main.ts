import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '@jisr/store/sqlite/sqlite-store';
import type { Store } from '@jisr/store/store';
import { createApp } from './app.js';
import { loadSecret } from './auth/secret.js';
import { ensureFirstOrganizer } from './bootstrap/first-organizer.js';
import { systemClock } from './clock.js';
import { openRedisCluster, type ClusterLink } from './cluster/redis-cluster.js';
import { ConfigError, parseConfig, redisTarget, type Config } from './config.js';
import { DEMO_CODE } from './demo/demo-event.js';
import { seedDemo } from './demo/seed-demo.js';
import { createLogger, type Logger } from './logger.js';
import { INTERNAL_URL_VARIABLE, internalUrl, loadWebHandler } from './web/web-handler.js';

/** How long a node may take to finish open requests on SIGTERM before it exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;
/** How long running client events get to finish and be acked before connections drop. */
const DRAIN_MS = 3_000;

async function main(): Promise<void> {
  const serverDir = path.dirname(fileURLToPath(import.meta.url));
  const config = parseConfig(process.env, serverDir);
  const logger = createLogger(config.LOG_LEVEL);
  const { store, cluster } = await openStore(config, logger);
  const secret = loadSecret(config.SECRET, config.DATA_DIR);

  const organizer = await ensureFirstOrganizer(store, {
    ...(config.ADMIN_EMAIL ? { email: config.ADMIN_EMAIL } : {}),
    ...(config.ADMIN_PASSWORD ? { password: config.ADMIN_PASSWORD } : {}),
  });
  if (config.DEMO && (await seedDemo(store, organizer.user.id, systemClock.now()))) {
    logger.info({ code: DEMO_CODE }, 'demo event created');
  }

  const web = await loadWebHandler(config.WEB_BUILD_DIR, config.PUBLIC_URL);
  if (!web) logger.warn({ dir: config.WEB_BUILD_DIR }, 'web app not built: serving the API only');
  const app = createApp({ store, config, logger, clock: systemClock, secret, ...(web ? { web } : {}), ...(cluster ? { cluster } : {}) });
  await app.ctx.pollTimers.rearmAll();
  const port = await app.listen(config.PORT, config.HOST);
  // Read by the web app's server-side fetches (the agenda rendered on the server), per request.
  process.env[INTERNAL_URL_VARIABLE] = internalUrl(port, config.HOST);
  logger.info({ port, url: config.PUBLIC_URL, store: cluster ? 'redis' : 'sqlite', dataDir: config.DATA_DIR }, 'listening');

  const banner = [`\nJisr is running at ${config.PUBLIC_URL}  (join code: ${DEMO_CODE})`];
  if (organizer.generatedPassword) {
    banner.push(`Organizer login (shown once): ${organizer.user.email} / ${organizer.generatedPassword}`);
  } else {
    banner.push(`Organizer login: ${organizer.user.email}`);
  }
  process.stdout.write(`${banner.join('\n')}\n\n`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.warn('shutdown grace period over: closing remaining connections');
      app.httpServer.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    app.httpServer.closeIdleConnections();
    app
      .shutdown(DRAIN_MS)
      .then(() => cluster?.close())
      .then(() => store.close())
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** The embedded SQLite store (one node), or with REDIS_URL / REDIS_SENTINELS the Redis store and what nodes share. */
async function openStore(config: Config, logger: Logger): Promise<{ store: Store; cluster?: ClusterLink }> {
  const target = redisTarget(config);
  if (!target) return { store: openSqliteStore({ file: path.join(config.DATA_DIR, 'jisr.db') }) };
  const opened = await openRedisCluster(target, { prefix: config.REDIS_PREFIX, replicaWaitMs: config.REDIS_REPLICA_WAIT_MS }, logger);
  logger.info(
    { prefix: config.REDIS_PREFIX, sentinel: target.sentinel !== undefined, replicas: opened.cluster.replicas },
    'sharing state through Redis',
  );
  return opened;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Jisr failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
