import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { newBallot, openPoll, seedSession } from '../contract/fixtures.js';
import { freePort, OwnRedis } from './own-redis.js';
import { openRedisStore, type RedisStore } from './redis-store.js';
import { liveReplicas, ReplicationTimeoutError } from './replication.js';

/**
 * Writes wait for a replica (issue 24): a master and a replica of the test's own, the store
 * on the master. What is checked: the ack comes only after WAIT, a write no replica confirms
 * is refused (and is still there, so the resend with the same clientId is answered from it)
 * while reads go on meanwhile, and a replica that is gone costs nothing.
 */

const servers: OwnRedis[] = [];
const stores: RedisStore[] = [];

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

/** INFO `section` of the server on `port`, or its keys under `match` (for `keys:<match>`). */
async function ask(port: number, what: string): Promise<string> {
  const client = createClient({ socket: { port, reconnectStrategy: false } });
  await client.connect();
  try {
    return what.startsWith('keys:') ? (await client.keys(what.slice('keys:'.length))).join('\n') : await client.info(what);
  } finally {
    client.destroy();
  }
}

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function masterAndReplica(): Promise<{ master: OwnRedis; replica: OwnRedis }> {
  const master = new OwnRedis(await freePort());
  const replica = new OwnRedis(await freePort());
  servers.push(master, replica);
  await master.start(['--repl-diskless-sync-delay', '0']);
  await replica.start(['--replicaof', '127.0.0.1', String(master.port)]);
  await until(async () => liveReplicas(await ask(master.port, 'replication')) === 1, 10_000);
  return { master, replica };
}

const waits = async (port: number): Promise<number> =>
  Number(/cmdstat_wait:calls=(\d+)/.exec(await ask(port, 'commandstats'))?.[1] ?? 0);

describe('writes wait for a replica', () => {
  it('reads the live replicas from INFO replication (online and heard from recently)', () => {
    const info = [
      'role:master',
      'connected_slaves:3',
      'slave0:ip=10.0.0.2,port=6379,state=online,offset=100,lag=0',
      'slave1:ip=10.0.0.3,port=6379,state=wait_bgsave,offset=0,lag=0',
      'slave2:ip=10.0.0.4,port=6379,state=online,offset=90,lag=42',
    ].join('\r\n');
    expect(liveReplicas(info)).toBe(1);
    expect(liveReplicas('role:master\r\nconnected_slaves:0\r\n')).toBe(0);
  });

  it('a write is acked once the replica has it; with the replica frozen it is refused, and its resend is answered from the master', async () => {
    const { master, replica } = await masterAndReplica();
    // A second for the replica to confirm: the healthy writes below must not time out on a busy
    // machine (300 ms did once in CI), and the frozen write's refusal still comes well before 3 s.
    const store = await openRedisStore({ url: master.url, prefix: 'jisr-replication:', replicaWaitMs: 1000 });
    stores.push(store);
    expect(store.replicas).toBe(1);
    const { session } = await seedSession(store);
    const poll = await openPoll(store, session.id);
    const before = await waits(master.port);
    const ballot = newBallot(poll, 'voter-1', { optionId: 'o1' });
    await store.castBallot(ballot);
    expect(await waits(master.port)).toBeGreaterThan(before);
    // Every acked write is on the replica: read it there.
    expect(await ask(replica.port, 'keys:jisr-replication:*')).toContain('jisr-replication:');

    replica.signal('SIGSTOP');
    try {
      const frozen = newBallot(poll, 'voter-2', { optionId: 'o2' });
      const started = Date.now();
      const waiting = store.castBallot(frozen).then(
        () => 'acked',
        (error: unknown) => error,
      );
      // The WAIT holds a connection of its own: reads and other writes meanwhile do not stall behind it.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const readAt = Date.now();
      expect((await store.getTallyCounts(poll.id)).total).toBe(2);
      // Well under the 1,000 ms the WAIT holds: the read did not queue behind it.
      expect(Date.now() - readAt).toBeLessThan(500);
      expect(await waiting).toBeInstanceOf(ReplicationTimeoutError);
      expect(Date.now() - started).toBeLessThan(3000);
      replica.signal('SIGCONT');
      // The resend (same clientId) finds the stored ballot and is acked once the replica has it.
      const resent = await store.castBallot(frozen);
      expect(resent.ballot).toEqual({ optionId: 'o2' });
      expect((await store.getTallyCounts(poll.id)).total).toBe(2);
    } finally {
      replica.signal('SIGCONT');
    }
  });

  it('when the replica is gone, writes stop waiting for it within about a second', async () => {
    const { master, replica } = await masterAndReplica();
    // A 2 s wait, so that a write which did wait could not pass for a slow one on a busy machine.
    const store = await openRedisStore({ url: master.url, prefix: 'jisr-replication:', replicaWaitMs: 2000 });
    stores.push(store);
    await replica.stop();
    await until(async () => store.replicas === 0, 3000);
    const { session } = await seedSession(store);
    const poll = await openPoll(store, session.id);
    const started = Date.now();
    await store.castBallot(newBallot(poll, 'voter-1', { optionId: 'o1' }));
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('without replicas no write waits, and replicaWaitMs 0 never asks', async () => {
    const master = new OwnRedis(await freePort());
    servers.push(master);
    await master.start();
    for (const replicaWaitMs of [undefined, 0]) {
      const store = await openRedisStore({ url: master.url, prefix: `jisr-replication-${String(replicaWaitMs)}:`, ...(replicaWaitMs === undefined ? {} : { replicaWaitMs }) });
      stores.push(store);
      const { session } = await seedSession(store);
      await openPoll(store, session.id);
      expect(await waits(master.port)).toBe(0);
    }
  });
});
