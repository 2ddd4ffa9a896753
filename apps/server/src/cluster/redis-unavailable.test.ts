import net from 'node:net';
import { freePort, OwnRedis } from '@jisr/store/redis/own-redis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRedisUnavailable } from './redis-unavailable.js';

/**
 * What a node meets while Redis switches masters must read as "away for now" (`unavailable`,
 * the phone's outbox resends) and never as a bug (`internal`). The replies come from a real
 * redis-server that is a replica, as an old master is after a failover. Its master is a port
 * with nobody on it: a replica of the machine's own Redis would count as that Redis's replica
 * and make every other test's write wait for it.
 */

/** The error `run` rejects with (the test fails when it resolves). */
async function errorOf(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`not an Error: ${String(error)}`);
  }
  throw new Error('expected a refusal');
}

describe('isRedisUnavailable', () => {
  let replica: OwnRedis | undefined;
  let client: ReturnType<typeof createClient> | undefined;

  beforeAll(async () => {
    const port = await freePort();
    let nobody = await freePort();
    while (nobody === port) nobody = await freePort();
    replica = new OwnRedis(port);
    await replica.start(['--replicaof', '127.0.0.1', String(nobody)]);
    client = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: (tries) => (tries > 50 ? new Error('no replica') : 100) } });
    client.on('error', () => undefined);
    await client.connect();
  });

  afterAll(async () => {
    await client?.quit().catch(() => undefined);
    await replica?.stop();
  });

  it('reads a replica’s refusals (a write, a script’s write, a transaction, the barrier’s WAIT) as unavailable', async () => {
    if (!client) throw new Error('not started');
    const redis = client;
    const refusals = [
      await errorOf(() => redis.set('jisr-test-key', '1')),
      await errorOf(() => redis.eval("return redis.call('SET', KEYS[1], '1')", { keys: ['jisr-test-key'] })),
      await errorOf(() => redis.multi().set('jisr-test-key', '1').incr('jisr-test-counter').exec()),
      await errorOf(() => redis.wait(1, 10)),
    ];
    for (const error of refusals) expect(isRedisUnavailable(error), error.message).toBe(true);
  });

  it('reads a connection dropped under a command (a master killed mid-write) as unavailable', async () => {
    // A Redis that resets the connection as soon as it is spoken to: node-redis gives up with
    // Node's own socket error (a plain Error, code ECONNRESET), as it rejects commands in
    // flight on a master killed with kill -9.
    const resetting = net.createServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    await new Promise<void>((resolve) => resetting.listen(0, '127.0.0.1', resolve));
    const { port } = resetting.address() as net.AddressInfo;
    const doomed = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: false } });
    doomed.on('error', () => undefined);
    try {
      const error = await errorOf(() => doomed.connect());
      expect((error as { code?: string }).code).toBe('ECONNRESET');
      expect(isRedisUnavailable(error), error.message).toBe(true);
    } finally {
      resetting.close();
    }
  });

  it('reads the Sentinel client’s own words for "no master now" as unavailable, and a bug as a bug', async () => {
    // node-redis's Sentinel client throws these as plain Errors (lib/sentinel/index.js) while
    // the sentinels know no master that is up: mid-failover.
    for (const message of ['no valid master node', 'None of the sentinels are available', 'Master Node Not Enumerated', "couldn't connect to any sentinels", "Couldn't connect to any sentinel node"]) {
      expect(isRedisUnavailable(new Error(message)), message).toBe(true);
    }
    if (!client) throw new Error('not started');
    const redis = client;
    // A mistake in a command is ours: `internal`, logged in full.
    const wrongType = await errorOf(() => redis.sendCommand(['NOSUCHCOMMAND']));
    expect(isRedisUnavailable(wrongType), wrongType.message).toBe(false);
    expect(isRedisUnavailable(new TypeError("Cannot read properties of undefined (reading 'isReady')"))).toBe(false);
  });
});
