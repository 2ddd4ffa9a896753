import type { Ballot } from '@jisr/protocol/poll';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, waitForReady, type Cluster } from '../support/cluster.js';
import {
  connectSocket,
  joinDemo,
  liveOpenSessionId,
  okData,
  request,
  RoamingAttendee,
  waitForEvent,
  type ClientSocket,
} from '../support/cluster-clients.js';
import { startRedis, type RedisProcess } from '../support/redis-server.js';
import { organizerToken } from '../support/staff.js';

const VOTERS = 40;
const ASKERS = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Redis dies (SIGKILL) and comes back during activity', () => {
  let redis: RedisProcess;
  let cluster: Cluster;
  let sessionId: string;
  const sockets: ClientSocket[] = [];
  const attendees: RoamingAttendee[] = [];

  beforeAll(async () => {
    redis = await startRedis({ aof: true });
    cluster = await startCluster({ count: 2, redisUrl: redis.url, name: 'redis-restart' });
    sessionId = await liveOpenSessionId(cluster.urls[0] ?? '');
  });

  afterAll(async () => {
    for (const attendee of attendees) attendee.close();
    for (const socket of sockets) socket.disconnect();
    await cluster?.stop();
    await redis?.stop();
  });

  /** An attendee who stays on node `node` (nodes don't die here, Redis does). */
  async function attendeeOn(node: number, name: string): Promise<RoamingAttendee> {
    const url = cluster.urls[node] ?? '';
    const attendee = new RoamingAttendee([url], await joinDemo(url, name), sessionId, 0);
    await attendee.ready();
    attendees.push(attendee);
    return attendee;
  }

  async function ask(attendee: RoamingAttendee, text: string) {
    return request(await attendee.ready(), 'question:ask', { sessionId, text, anonymous: false, clientId: crypto.randomUUID() });
  }

  it('nodes report Redis down, refuse writes clearly, recover by themselves, and lose nothing acked', async () => {
    const organizer = await connectSocket(cluster.urls[0] ?? '', await organizerToken(cluster.urls[0] ?? ''));
    sockets.push(organizer);
    okData(await request(organizer, 'session:join', { sessionId }));
    const poll = okData(
      await request(organizer, 'poll:create', {
        sessionId,
        kind: 'single',
        prompt: 'Should the next meeting be in Casablanca?',
        options: ['Yes', 'No'],
        settings: { results: 'live', allowChange: false, anonymous: true },
      }),
    );
    okData(await request(organizer, 'poll:open', { pollId: poll.id }));
    const voters = await Promise.all(Array.from({ length: VOTERS }, (_x, i) => attendeeOn(i % 2, `Voter ${i}`)));
    const askers = await Promise.all(Array.from({ length: ASKERS }, (_x, i) => attendeeOn(i % 2, `Asker ${i}`)));
    const watcher = await attendeeOn(1, 'Watcher');

    // Activity: half the votes and questions before, the rest spread across the crash.
    const ballotOf = (index: number): Ballot => ({ optionId: index % 3 === 0 ? 'o2' : 'o1' });
    const before = await Promise.all(voters.slice(0, VOTERS / 2).map((voter, i) => voter.vote(poll.id, ballotOf(i))));
    const askedBefore = await Promise.all(askers.slice(0, ASKERS / 2).map(async (asker, i) => okData(await ask(asker, `Before the crash ${i}`))));
    const during = Promise.all(
      voters.slice(VOTERS / 2).map(async (voter, i) => {
        await sleep(i * 40);
        return voter.vote(poll.id, ballotOf(VOTERS / 2 + i), 30_000);
      }),
    );
    await sleep(300);
    await redis.kill('SIGKILL');

    // While Redis is away: both nodes say so, and a write gets a clear answer, not silence.
    for (const url of cluster.urls) {
      const body = (await waitForReady(url, 503, 10_000)) as { ok: boolean; redis: boolean; reason?: string };
      expect(body).toMatchObject({ ok: false, redis: false });
      expect(body.reason).toMatch(/redis/);
    }
    const refused = await ask(askers[ASKERS / 2] as RoamingAttendee, 'Asked while Redis is down');
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await sleep(500);

    await redis.restart();
    const restartedAt = Date.now();
    await Promise.all(cluster.urls.map((url) => waitForReady(url, 200, 15_000)));
    const readyAfter = Date.now() - restartedAt;
    const after = await during;
    const ballots = [...before, ...after];
    const askedAfter = await Promise.all(askers.slice(ASKERS / 2).map(async (asker, i) => okData(await ask(asker, `After the crash ${i}`))));

    // Nothing acked was lost: every question and every ballot is there, counted once.
    const snapshot = okData(await request(await watcher.ready(), 'session:join', { sessionId }));
    const ids = snapshot.questions.map((question) => question.id);
    for (const question of [...askedBefore, ...askedAfter]) expect(ids).toContain(question.id);
    expect(snapshot.questions.filter((question) => question.text === 'Asked while Redis is down')).toEqual([]);
    const expected = { o1: 0, o2: 0 };
    for (const ballot of ballots) if ('optionId' in ballot) expected[ballot.optionId as 'o1' | 'o2'] += 1;
    expect(snapshot.tallies[poll.id]?.total).toBe(VOTERS);
    expect(snapshot.tallies[poll.id]?.counts).toEqual(expected);

    // Broadcasts between nodes work again: a question asked on node 0 reaches node 1 (adapter stream)...
    const watcherSocket = await watcher.ready();
    const text = 'Asked on node 0 after Redis came back';
    const seen = waitForEvent(watcherSocket, 'question:upsert', (message) => message.question.text === text, 5000);
    const sentAt = Date.now();
    okData(await ask(askers[0] as RoamingAttendee, text));
    await seen;
    const questionLatency = Date.now() - sentAt;
    // ...and so do poll signals: a vote on node 0 makes node 1 push the tally to its sockets.
    const late = await attendeeOn(0, 'Late voter');
    const tallied = waitForEvent(watcherSocket, 'poll:tally', (tally) => tally.pollId === poll.id && tally.total === VOTERS + 1, 5000);
    await late.vote(poll.id, { optionId: 'o1' });
    await tallied;
    const resends = voters.reduce((sum, voter) => sum + voter.resends, 0);
    console.info(
      `Redis SIGKILL + restart: nodes ready ${readyAfter} ms after Redis restarted; ${resends} votes resent after 'unavailable'/timeouts; ` +
        `question across nodes after recovery in ${questionLatency} ms`,
    );
  });
});
