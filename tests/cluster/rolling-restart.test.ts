import type { Ballot, Tally } from '@jisr/protocol/poll';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../support/cluster.js';
import { connectSocket, joinDemo, liveOpenSessionId, okData, request, RoamingAttendee } from '../support/cluster-clients.js';
import { SHARED_REDIS_URL } from '../support/redis-server.js';
import { organizerToken } from '../support/staff.js';

const NODES = 2;
const VOTERS = 120;
/** Votes are spread over this long, while each node in turn is restarted. */
const STORM_MS = 7000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a rolling restart during a vote storm', () => {
  let cluster: Cluster;
  let sessionId: string;
  const attendees: RoamingAttendee[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ count: NODES, redisUrl: SHARED_REDIS_URL, name: 'rolling' });
    sessionId = await liveOpenSessionId(cluster.urls[0] ?? '');
  });

  afterAll(async () => {
    for (const attendee of attendees) attendee.close();
    await cluster?.stop();
  });

  it('restarts every node in turn (SIGTERM) and loses or doubles no vote; every node stops within its bound', async () => {
    for (let i = 0; i < VOTERS; i++) {
      const node = i % NODES;
      const attendee = new RoamingAttendee(cluster.urls, await joinDemo(cluster.urls[node] ?? '', `Voter ${i}`), sessionId, node);
      attendees.push(attendee);
    }
    await Promise.all(attendees.map((attendee) => attendee.ready()));

    const url = cluster.urls[1] ?? '';
    const organizer = await connectSocket(url, await organizerToken(url));
    okData(await request(organizer, 'session:join', { sessionId }));
    const poll = okData(
      await request(organizer, 'poll:create', {
        sessionId,
        kind: 'single',
        prompt: 'Which day for the next meeting?',
        options: ['Friday', 'Saturday', 'Sunday'],
        settings: { results: 'live', allowChange: false, anonymous: true },
      }),
    );
    okData(await request(organizer, 'poll:open', { pollId: poll.id }));
    organizer.disconnect();

    const storm = Promise.all(
      attendees.map(async (attendee, index) => {
        await sleep((index * STORM_MS) / VOTERS);
        const ballot: Ballot = { optionId: `o${(index % 3) + 1}` };
        return { ballot, acked: await attendee.vote(poll.id, ballot, 30_000) };
      }),
    );
    // Each node in turn: stopped gracefully mid-storm, then back on the same address.
    const stops: number[] = [];
    await sleep(STORM_MS / 5);
    for (let node = 0; node < NODES; node++) {
      stops.push((await cluster.restartNode(node)).stopMs);
      await sleep(STORM_MS / 5);
    }
    const votes = await storm;

    for (const vote of votes) expect(vote.acked).toEqual(vote.ballot);
    const expected: Record<string, number> = {};
    for (const vote of votes) {
      const optionId = 'optionId' in vote.acked ? vote.acked.optionId : '';
      expected[optionId] = (expected[optionId] ?? 0) + 1;
    }
    const moved = attendees.filter((attendee) => attendee.moves > 0).length;
    expect(moved).toBeGreaterThan(VOTERS / 2);
    // Bounded: a stop takes the drain (3 s at most) plus closing, well under the 10 s grace.
    for (const stopMs of stops) expect(stopMs).toBeLessThan(8000);

    // A fresh look from a node: the exact count, nothing lost, nothing doubled.
    const checkUrl = cluster.urls[0] ?? '';
    const check = await connectSocket(checkUrl, await joinDemo(checkUrl, 'Checker'));
    const snapshot = okData(await request(check, 'session:join', { sessionId }));
    check.disconnect();
    const tally: Tally | undefined = snapshot.tallies[poll.id];
    expect(tally?.total).toBe(VOTERS);
    expect(tally?.counts).toEqual(expected);
    console.info(
      `rolling restart of ${NODES} nodes: stops took ${stops.join(' and ')} ms; ${moved} of ${VOTERS} clients moved, ` +
        `${attendees.reduce((sum, attendee) => sum + attendee.resends, 0)} votes resent; tally exact (${tally?.total})`,
    );
  }, 90_000);
});
