import type { Ballot, Tally } from '@jisr/protocol/poll';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../support/cluster.js';
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
import { SHARED_REDIS_URL } from '../support/redis-server.js';
import { demoAgenda, organizerToken } from '../support/staff.js';

const NODES = 3;
const VOTERS = 150;
const STORM_MS = 1500;
/** The node that dies. The organizer sits on the last node, which lives. */
const DOOMED = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a node dies (kill -9) during a vote storm', () => {
  let cluster: Cluster;
  let sessionId: string;
  let organizer: ClientSocket;
  const attendees: RoamingAttendee[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ count: NODES, redisUrl: SHARED_REDIS_URL, name: 'node-crash' });
    sessionId = await liveOpenSessionId(cluster.urls[0] ?? '');
    const organizerUrl = cluster.urls[NODES - 1] ?? '';
    organizer = await connectSocket(organizerUrl, await organizerToken(organizerUrl));
  });

  afterAll(async () => {
    for (const attendee of attendees) attendee.close();
    organizer?.disconnect();
    await cluster?.stop();
  });

  it('its clients move to the other nodes and resend; no acked vote is lost or doubled; all converge within 2 s', async () => {
    for (let batch = 0; batch < VOTERS; batch += 50) {
      const size = Math.min(50, VOTERS - batch);
      const made = await Promise.all(
        Array.from({ length: size }, async (_x, i) => {
          const node = (batch + i) % NODES;
          const url = cluster.urls[node] ?? '';
          const attendee = new RoamingAttendee(cluster.urls, await joinDemo(url, `Voter ${batch + i}`), sessionId, node);
          await attendee.ready();
          return attendee;
        }),
      );
      attendees.push(...made);
    }
    okData(await request(organizer, 'session:join', { sessionId }));
    const poll = okData(
      await request(organizer, 'poll:create', {
        sessionId,
        kind: 'single',
        prompt: 'Where should the closing dinner be?',
        options: ['Old town', 'Harbour', 'Hotel'],
        settings: { results: 'live', allowChange: false, anonymous: true },
      }),
    );
    okData(await request(organizer, 'poll:open', { pollId: poll.id }));

    const onDoomed = attendees.filter((attendee) => attendee.nodeIndex === DOOMED);
    // The doomed node's clients all vote at once just before it dies, so that some votes
    // die with it unsent, and some are stored but never acked: both must be resent, and
    // a stored one counted once. The others vote spread over the storm.
    const burstAt = STORM_MS / 3;
    const storm = Promise.all(
      attendees.map(async (attendee, index) => {
        await sleep(onDoomed.includes(attendee) ? burstAt : (index * STORM_MS) / VOTERS);
        const ballot: Ballot = { optionId: `o${(index % 3) + 1}` };
        const acked = await attendee.vote(poll.id, ballot);
        return { attendee, ballot, acked, at: Date.now() };
      }),
    );
    await sleep(burstAt + 10);
    await cluster.nodes[DOOMED]?.kill('SIGKILL');
    const killedAt = Date.now();
    const votes = await storm;
    const lastAckAt = Math.max(...votes.map((vote) => vote.at));

    // Every acked ballot is the one sent (a resend with the same clientId acks the stored one).
    for (const vote of votes) expect(vote.acked).toEqual(vote.ballot);
    expect(onDoomed.every((attendee) => attendee.moves >= 1 && attendee.nodeIndex !== DOOMED)).toBe(true);
    const expected: Record<string, number> = {};
    for (const vote of votes) {
      const optionId = 'optionId' in vote.acked ? vote.acked.optionId : '';
      expected[optionId] = (expected[optionId] ?? 0) + 1;
    }

    // Every client (moved or not) converges to the same, exact tally within 2 s of the last ack.
    const latest = (attendee: RoamingAttendee): Tally | undefined =>
      attendee.tallies.filter((entry) => entry.tally.pollId === poll.id).at(-1)?.tally;
    while (Date.now() < lastAckAt + 2000 && !attendees.every((attendee) => latest(attendee)?.total === VOTERS)) await sleep(50);
    const convergedAfter = Date.now() - lastAckAt;
    for (const attendee of attendees) {
      expect(latest(attendee)?.total).toBe(VOTERS);
      expect(latest(attendee)?.counts).toEqual(expected);
    }
    // And a fresh snapshot, from a node that lived, says the same.
    const snapshot = okData(await request(organizer, 'session:join', { sessionId }));
    expect(snapshot.tallies[poll.id]?.total).toBe(VOTERS);
    expect(snapshot.tallies[poll.id]?.counts).toEqual(expected);
    console.info(
      `kill -9 of node ${DOOMED} (${onDoomed.length} clients on it, ${attendees.reduce((sum, a) => sum + a.moves, 0)} moves, ` +
        `${attendees.reduce((sum, a) => sum + a.resends, 0)} votes resent): ` +
        `last ack ${lastAckAt - killedAt} ms after the kill, all converged ${convergedAfter} ms after the last ack`,
    );
  });

  it('a poll timer set on a node that then dies still closes the poll once, from the nodes that live', async () => {
    const agenda = await demoAgenda(cluster.urls[1] ?? '');
    const other = agenda.sessions.find((session) => session.id !== sessionId);
    if (!other) throw new Error('the demo needs a second session');
    const watch = async (url: string): Promise<ClientSocket> => {
      const socket = await connectSocket(url, await organizerToken(url));
      okData(await request(socket, 'session:join', { sessionId: other.id }));
      return socket;
    };
    // Node 1 opens the poll (node 2 hears of the timer), node 3 starts after (rearmAll), node 1 dies.
    const setter = await watch(cluster.urls[1] ?? '');
    const poll = okData(
      await request(setter, 'poll:create', {
        sessionId: other.id,
        kind: 'single',
        prompt: 'Coffee or tea?',
        options: ['Coffee', 'Tea'],
        settings: { results: 'live', allowChange: false, anonymous: true, timerSeconds: 5 },
      }),
    );
    const opened = okData(await request(setter, 'poll:open', { pollId: poll.id }));
    const late = await cluster.addNode();
    const watchers = [await watch(cluster.urls[2] ?? ''), await watch(late.url)];
    const closes = watchers.map(() => [] as { state: string; seq: number }[]);
    watchers.forEach((socket, index) => {
      socket.on('poll:upsert', ({ poll: changed, seq }) => {
        if (changed.id === poll.id) closes[index]?.push({ state: changed.state, seq });
      });
    });
    const closed = watchers.map((socket) => waitForEvent(socket, 'poll:upsert', ({ poll: changed }) => changed.id === poll.id && changed.state === 'closed', 12_000));
    await cluster.nodes[1]?.kill('SIGKILL');
    await Promise.all(closed);
    const closedAt = Date.now();
    expect(closedAt).toBeGreaterThanOrEqual(Date.parse(opened.closesAt ?? ''));
    await sleep(1500);
    // One close for everyone: the node that lost the race changed nothing and said nothing.
    for (const seen of closes) expect(seen).toHaveLength(1);
    expect(closes[0]?.[0]?.seq).toBe(closes[1]?.[0]?.seq);
    console.info(`timer poll closed ${closedAt - Date.parse(opened.closesAt ?? '')} ms after its closesAt, by the surviving nodes`);
    for (const socket of [setter, ...watchers]) socket.disconnect();
  });
});
