import type { Ballot } from '@jisr/protocol/poll';
import type { JoinResponse } from '@jisr/protocol/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../support/cluster.js';
import { connectSocket, liveOpenSessionId, okData, request, RoamingAttendee, type ClientSocket } from '../support/cluster-clients.js';
import { checkNginxConf, startNginx, type NginxProcess } from '../support/nginx.js';
import { SHARED_REDIS_URL } from '../support/redis-server.js';
import { organizerToken } from '../support/staff.js';

/**
 * The production topology of infra/: Debian's nginx with the shipped infra/nginx/jisr.conf
 * (only its addresses rendered for this machine) in front of three nodes sharing Redis.
 * The phones use long-polling only (a venue proxy that blocks websockets), so every packet
 * is its own HTTP request and must reach the node holding its session: the cookie nginx
 * sets on the join is all that keeps them there.
 */

const NODES = 3;
const PHONES = 36;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Attendee sockets a node holds now, from its own /metrics (scraped directly, as Prometheus does). */
async function attendeesOn(nodeUrl: string): Promise<number> {
  const text = await (await fetch(`${nodeUrl}/metrics`)).text();
  const line = text.split('\n').find((entry) => entry.startsWith('jisr_sockets_connected{role="attendee"} '));
  return Number(line?.split(' ')[1] ?? 0);
}

describe('nginx (infra/nginx) in front of three nodes, phones on long-polling only', () => {
  let cluster: Cluster | undefined;
  let nginx: NginxProcess | undefined;
  let sessionId: string;
  const phones: RoamingAttendee[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ count: NODES, redisUrl: SHARED_REDIS_URL, name: 'nginx' });
    nginx = await startNginx(cluster.urls.map((url) => new URL(url).host));
    sessionId = await liveOpenSessionId(nginx.url);
  });

  afterAll(async () => {
    for (const phone of phones) phone.close();
    await nginx?.stop();
    await cluster?.stop();
  });

  /** A phone as a browser is one: it joins through nginx, keeps the cookie nginx set, and polls with it. */
  async function phone(name: string): Promise<RoamingAttendee> {
    const url = nginx?.url ?? '';
    const response = await fetch(`${url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'DEMO', name }),
    });
    if (response.status !== 201) throw new Error(`join through nginx: ${response.status} ${await response.text()}`);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^jisr_node=[0-9a-f]{32}$/);
    const { token } = (await response.json()) as JoinResponse;
    return new RoamingAttendee([url], token, sessionId, 0, { transports: ['polling'], headers: { cookie } });
  }

  /** The organizer's laptop, through nginx over websocket, for one piece of work (nodes restart under it). */
  async function asOrganizer<T>(work: (socket: ClientSocket) => Promise<T>): Promise<T> {
    const url = nginx?.url ?? '';
    const socket = await connectSocket(url, await organizerToken(url));
    try {
      okData(await request(socket, 'session:join', { sessionId }));
      return await work(socket);
    } finally {
      socket.disconnect();
    }
  }

  async function openPoll(prompt: string): Promise<string> {
    return asOrganizer(async (organizer) => {
    const poll = okData(
      await request(organizer, 'poll:create', {
        sessionId,
        kind: 'single',
        prompt,
        options: ['Yes', 'No', 'Abstain'],
        settings: { results: 'live', allowChange: false, anonymous: true },
      }),
    );
    okData(await request(organizer, 'poll:open', { pollId: poll.id }));
    return poll.id;
    });
  }

  /** Every phone votes once, spread over `spreadMs`, resending until acked; returns the expected counts. */
  async function storm(pollId: string, spreadMs: number, during: () => Promise<void>): Promise<Record<string, number>> {
    const votes = Promise.all(
      phones.map(async (attendee, index) => {
        await sleep((index * spreadMs) / phones.length);
        const ballot: Ballot = { optionId: `o${(index % 3) + 1}` };
        const acked = await attendee.vote(pollId, ballot, 40_000);
        expect(acked).toEqual(ballot);
        return ballot;
      }),
    );
    await during();
    const expected: Record<string, number> = {};
    for (const ballot of await votes) if ('optionId' in ballot) expected[ballot.optionId] = (expected[ballot.optionId] ?? 0) + 1;
    return expected;
  }

  async function tallyOf(pollId: string): Promise<{ total: number; counts: Record<string, number> } | undefined> {
    return asOrganizer(async (organizer) => okData(await request(organizer, 'session:join', { sessionId })).tallies[pollId]);
  }

  it('nginx -t accepts the shipped configuration', () => {
    const checked = checkNginxConf(['127.0.0.1:3001', '127.0.0.1:3002']);
    expect(checked.status, checked.output).toBe(0);
    expect(checked.output).toMatch(/syntax is ok/);
  });

  it('phones stick to their node by cookie; a node killed behind nginx moves its phones, whose outboxes lose nothing', async () => {
    if (!cluster || !nginx) throw new Error('not started');
    for (let i = 0; i < PHONES; i++) phones.push(await phone(`Phone ${i}`));
    await Promise.all(phones.map((attendee) => attendee.ready()));

    // Spread by cookie over the nodes (not all on one, as ip_hash would put a hall behind one NAT).
    const before = await Promise.all(cluster.urls.map((url) => attendeesOn(url)));
    expect(before.reduce((sum, count) => sum + count, 0)).toBe(PHONES);
    expect(before.filter((count) => count > 0).length).toBeGreaterThanOrEqual(2);

    // A few seconds of polling and voting: a request routed to another node than its session's
    // would be refused ("Session ID unknown") and drop the phone. None drops.
    const first = await openPoll('Adopt the agenda?');
    const firstExpected = await storm(first, 1500, async () => {});
    await sleep(1000);
    expect(phones.flatMap((attendee) => attendee.troubles)).toEqual([]);
    expect((await tallyOf(first))?.counts).toEqual(firstExpected);

    // kill -9 of the node with the most phones in the middle of a burst: some of its phones'
    // votes are sent and never acked, some are not sent yet: their outboxes must resend them.
    const doomed = before.indexOf(Math.max(...before));
    const onDoomed = before[doomed] ?? 0;
    const second = await openPoll('Approve the budget?');
    let killedAt = 0;
    const resendsBefore = phones.reduce((sum, attendee) => sum + attendee.resends, 0);
    const secondExpected = await storm(second, 600, async () => {
      await sleep(300);
      await cluster?.nodes[doomed]?.kill('SIGKILL');
      killedAt = Date.now();
    });
    const settledAfter = Date.now() - killedAt;
    const tally = await tallyOf(second);
    expect(tally?.total).toBe(PHONES);
    expect(tally?.counts).toEqual(secondExpected);
    // The doomed node's phones, and only they, moved; every phone is on a live node now.
    const moved = phones.filter((attendee) => attendee.moves > 0).length;
    expect(moved).toBe(onDoomed);
    await Promise.all(phones.map((attendee) => attendee.ready()));
    const after = await Promise.all(cluster.urls.map((url, index) => (index === doomed ? Promise.resolve(0) : attendeesOn(url))));
    expect(after.reduce((sum, count) => sum + count, 0)).toBe(PHONES);
    console.info(
      `nginx + ${NODES} nodes, ${PHONES} long-polling phones spread ${before.join('/')}; kill -9 of node ${doomed + 1} moved its ${moved} phones ` +
        `(${phones.reduce((sum, attendee) => sum + attendee.resends, 0) - resendsBefore} votes resent), storm settled ${settledAfter} ms after the kill; tallies exact`,
    );
  }, 90_000);

  it('a rolling restart of every node through nginx drops no vote', async () => {
    const nodes = cluster;
    if (!nodes || !nginx) throw new Error('not started');
    // The node killed above comes back first, on its address: nginx sends it phones again.
    const alive = await Promise.all(nodes.urls.map((url) => fetch(`${url}/healthz`).then((response) => response.ok, () => false)));
    if (alive.includes(false)) await nodes.restartNode(alive.indexOf(false));
    const resendsBefore = phones.reduce((sum, attendee) => sum + attendee.resends, 0);
    const pollId = await openPoll('Hold the next meeting online?');
    const stops: number[] = [];
    const expected = await storm(pollId, 8000, async () => {
      for (let node = 0; node < NODES; node++) {
        await sleep(1200);
        stops.push((await nodes.restartNode(node)).stopMs);
      }
    });
    const tally = await tallyOf(pollId);
    expect(tally?.total).toBe(PHONES);
    expect(tally?.counts).toEqual(expected);
    console.info(
      `rolling restart of ${NODES} nodes behind nginx (stops ${stops.join(', ')} ms): ${PHONES} votes exact, ` +
        `${phones.reduce((sum, attendee) => sum + attendee.resends, 0) - resendsBefore} resent`,
    );
  }, 90_000);
});
