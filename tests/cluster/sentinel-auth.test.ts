import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../support/cluster.js';
import { connectSocket, joinDemo, liveOpenSessionId, okData, request, type ClientSocket } from '../support/cluster-clients.js';
import { ask, startSentinelTopology, type SentinelTopology } from '../support/redis-sentinel.js';

/**
 * Issue 24.1, the passwords of a production Sentinel setup: Redis servers with
 * `requirepass` (replicas with `masterauth`), sentinels with `auth-pass` and a password of
 * their own. A node given REDIS_PASSWORD and REDIS_SENTINEL_PASSWORD finds the master
 * through the sentinels, signs in to both, and writes and reads; without the passwords
 * neither kind of server answers, so the node could only have used them.
 */
const PASSWORD = 'data-nodes-secret';
const SENTINEL_PASSWORD = 'sentinels-secret';

describe('Sentinel with passwords', () => {
  let topology: SentinelTopology | undefined;
  let cluster: Cluster | undefined;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    topology = await startSentinelTopology({ replicas: 1, password: PASSWORD, sentinelPassword: SENTINEL_PASSWORD });
    cluster = await startCluster({
      count: 1,
      sentinel: { sentinels: topology.sentinels, name: topology.name },
      name: 'sentinel-auth',
      env: { REDIS_PASSWORD: PASSWORD, REDIS_SENTINEL_PASSWORD: SENTINEL_PASSWORD },
    });
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await cluster?.stop();
    await topology?.stop();
  });

  it('a node signs in to the sentinels and the master with the passwords it is given, and writes and reads', async () => {
    if (!cluster || !topology) throw new Error('not started');
    const master = await topology.masterPort();
    const sentinel = Number(topology.sentinels.split(',')[0]?.split(':')[1]);
    // Both kinds of server refuse a client without the password.
    await expect(ask(master, ['PING'])).rejects.toThrow(/NOAUTH/);
    await expect(ask(sentinel, ['PING'])).rejects.toThrow(/NOAUTH/);

    const url = cluster.urls[0] ?? '';
    const sessionId = await liveOpenSessionId(url);
    const phone = await connectSocket(url, await joinDemo(url, 'Behind Sentinel'));
    sockets.push(phone);
    okData(await request(phone, 'session:join', { sessionId }));
    const text = `Is the replica signed in too? ${randomUUID()}`;
    const asked = okData(await request(phone, 'question:ask', { sessionId, text, anonymous: false, clientId: randomUUID() }));
    // Read back through a new connection: the snapshot comes from the store, on the master.
    const reader = await connectSocket(url, await joinDemo(url, 'Reader'));
    sockets.push(reader);
    const snapshot = okData(await request(reader, 'session:join', { sessionId }));
    expect(snapshot.questions.find((question) => question.id === asked.id)?.text).toBe(text);
    // The write reached the replica too (the ack waits for one): it signed in to its master with masterauth.
    const replica = topology.ports.find((port) => port !== master) ?? 0;
    expect(String(await ask(replica, ['INFO', 'replication'], PASSWORD))).toContain('master_link_status:up');
  }, 30_000);
});
