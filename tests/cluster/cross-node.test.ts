import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { StaffMe } from '@jisr/protocol/http';
import type { Tally } from '@jisr/protocol/poll';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../support/cluster.js';
import {
  connectSocket,
  joinDemo,
  liveOpenSessionId,
  okData,
  request,
  waitForEvent,
  type ClientSocket,
} from '../support/cluster-clients.js';
import { SHARED_REDIS_URL } from '../support/redis-server.js';
import { io } from 'socket.io-client';
import { organizerToken } from '../support/staff.js';

const NODES = 3;
const VOTERS = 300;
const TALLY_INTERVAL_MS = 100;
const STORM_MS = 2000;

describe('several nodes share one event through Redis', () => {
  let cluster: Cluster;
  let sessionId: string;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    cluster = await startCluster({
      count: NODES,
      redisUrl: SHARED_REDIS_URL,
      name: 'cross-node',
      env: { LOG_LEVEL: 'info', TALLY_INTERVAL_MS: String(TALLY_INTERVAL_MS) },
    });
    sessionId = await liveOpenSessionId(cluster.urls[0] ?? '');
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await cluster?.stop();
  });

  /** An attendee who joined through node `node` and opened the live session there. */
  async function attendeeOn(node: number, name: string): Promise<ClientSocket> {
    const url = cluster.urls[node] ?? '';
    const socket = await connectSocket(url, await joinDemo(url, name));
    sockets.push(socket);
    okData(await request(socket, 'session:join', { sessionId }));
    return socket;
  }

  it('three nodes started at once make one demo event and one organizer between them', async () => {
    const seeded = cluster.nodes.filter((node) => node.output().includes('"msg":"demo event created"'));
    expect(seeded).toHaveLength(1);
    for (const url of cluster.urls) {
      const response = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${await organizerToken(url)}` } });
      const me = (await response.json()) as StaffMe;
      expect(me.events.map((event) => event.code)).toEqual(['DEMO']);
    }
  });

  it('a question asked on one node reaches the attendees on every other node', async () => {
    const people = await Promise.all(cluster.urls.map((_url, node) => attendeeOn(node, `Asker ${node}`)));
    const latencies: number[] = [];
    for (const [node, asker] of people.entries()) {
      const text = `Question from node ${node}: how do we share the microphone?`;
      const others = people.filter((_socket, index) => index !== node);
      const arrivals = others.map((socket) =>
        waitForEvent(socket, 'question:upsert', (message) => message.question.text === text).then(() => Date.now()),
      );
      const sentAt = Date.now();
      const asked = okData(await request(asker, 'question:ask', { sessionId, text, anonymous: false, clientId: crypto.randomUUID() }));
      expect(asked.status).toBe('approved');
      for (const arrivedAt of await Promise.all(arrivals)) latencies.push(arrivedAt - sentAt);
    }
    console.info(`cross-node question delivery (ms, ask sent -> upsert on another node): ${latencies.join(', ')}`);
  });

  it('a phone that drops off one node recovers its session on another: rooms kept, missed messages delivered', async () => {
    const url = cluster.urls[0] ?? '';
    const token = await joinDemo(url, 'Roaming phone');
    const phone = await connectSocket(url, token);
    okData(await request(phone, 'session:join', { sessionId }));
    const [asker] = [await attendeeOn(2, 'Asker on node 2')];
    const askOnNode2 = async (text: string) =>
      okData(await request(asker as ClientSocket, 'question:ask', { sessionId, text, anonymous: false, clientId: crypto.randomUUID() }));
    // A first broadcast gives the phone an offset in the adapter's stream.
    const first = waitForEvent(phone, 'question:upsert', (message) => message.question.text === 'Seen before the drop');
    await askOnNode2('Seen before the drop');
    await first;
    // The client keeps its recovery session id private; a load balancer moving the phone
    // to another node is what this simulates, so it is read here and handed over.
    const pid = (phone as unknown as { _pid?: string })._pid;
    const offset = (phone as unknown as { _lastOffset?: string })._lastOffset;
    expect(pid).toBeTruthy();
    expect(offset).toBeTruthy();
    phone.io.engine.close(); // the Wi-Fi drops: the node keeps the session in Redis
    await new Promise((resolve) => setTimeout(resolve, 300));
    await askOnNode2('Asked while the phone was away');

    const moved: ClientSocket = io(cluster.urls[1] ?? '', { auth: { token, pid, offset }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(moved);
    const missed = waitForEvent(moved, 'question:upsert', (message) => message.question.text === 'Asked while the phone was away');
    await new Promise((resolve, reject) => {
      moved.once('connect', () => resolve(undefined));
      moved.once('connect_error', reject);
    });
    await missed;
    // No session:join on the new node: its rooms came back with the session.
    const next = waitForEvent(moved, 'question:upsert', (message) => message.question.text === 'Asked after the move');
    await askOnNode2('Asked after the move');
    await next;
  });

  it(`${VOTERS} votes spread over the nodes count exactly ${VOTERS}, each client getting at most one tally per interval`, async () => {
    const organizerUrl = cluster.urls[0] ?? '';
    const organizer = await connectSocket(organizerUrl, await organizerToken(organizerUrl));
    sockets.push(organizer);
    okData(await request(organizer, 'session:join', { sessionId }));
    const voters: ClientSocket[] = [];
    for (let batch = 0; batch < VOTERS; batch += 50) {
      const size = Math.min(50, VOTERS - batch);
      voters.push(...(await Promise.all(Array.from({ length: size }, (_x, i) => attendeeOn((batch + i) % NODES, `Voter ${batch + i}`)))));
    }
    const poll = okData(
      await request(organizer, 'poll:create', {
        sessionId,
        kind: 'single',
        prompt: 'Which room for the next session?',
        options: ['A', 'B', 'C'],
        settings: { results: 'live', allowChange: false, anonymous: true },
      }),
    );
    const received = voters.map(() => [] as { at: number; tally: Tally }[]);
    voters.forEach((socket, index) => {
      socket.on('poll:tally', (tally) => {
        if (tally.pollId === poll.id) received[index]?.push({ at: Date.now(), tally });
      });
    });
    const startedAt = Date.now();
    okData(await request(organizer, 'poll:open', { pollId: poll.id }));

    // Spread over STORM_MS, so that the storm spans many tally intervals.
    const acks = await Promise.all(
      voters.map(async (socket, index) => {
        await new Promise((resolve) => setTimeout(resolve, (index * STORM_MS) / VOTERS));
        return request(socket, 'poll:vote', { pollId: poll.id, ballot: { optionId: `o${(index % 3) + 1}` }, clientId: crypto.randomUUID() });
      }),
    );
    for (const ack of acks) okData(ack);
    const ackedAt = Date.now();

    // Every client converges to the full tally.
    const deadline = Date.now() + 5000;
    const converged = () => received.every((seen) => seen.at(-1)?.tally.total === VOTERS);
    while (!converged() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received.map((seen) => seen.at(-1)?.tally.total)).toEqual(voters.map(() => VOTERS));
    // Quiet for a few intervals: nothing more may come once the tally is final.
    await new Promise((resolve) => setTimeout(resolve, 5 * TALLY_INTERVAL_MS));
    for (const seen of received) expect(seen.at(-1)?.tally.counts).toEqual({ o1: VOTERS / 3, o2: VOTERS / 3, o3: VOTERS / 3 });

    const bounds = received.map((seen) => {
      const duration = (seen.at(-1)?.at ?? startedAt) - startedAt;
      return { count: seen.length, allowed: Math.floor(duration / TALLY_INTERVAL_MS) + 2 };
    });
    const over = bounds.filter(({ count, allowed }) => count > allowed);
    expect(over).toEqual([]);
    const counts = bounds.map(({ count }) => count);
    const convergedAt = Math.max(...received.map((seen) => seen.at(-1)?.at ?? 0));
    console.info(
      `${VOTERS} votes over ${NODES} nodes: acked in ${ackedAt - startedAt} ms, every client converged ${convergedAt - ackedAt} ms after the last ack; ` +
        `tallies per client min ${Math.min(...counts)} max ${Math.max(...counts)} (bound ${Math.max(...bounds.map((bound) => bound.allowed))})`,
    );
  });
  it('the stage set on one node reaches every node, a join on another reads it, and open-text answers reach staff there', async () => {
    const [director, watcher] = [cluster.urls[0] ?? '', cluster.urls[2] ?? ''];
    const moderator = await connectSocket(director, await organizerToken(director));
    const staffElsewhere = await connectSocket(watcher, await organizerToken(watcher));
    sockets.push(moderator, staffElsewhere);
    okData(await request(moderator, ClientEvent.SessionJoin, { sessionId }));
    okData(await request(staffElsewhere, ClientEvent.SessionJoin, { sessionId }));
    const phone = await attendeeOn(1, 'Stage watcher');
    const heard = waitForEvent(phone, ServerEvent.StageUpdate, (message) => message.stage.kind === 'join');
    okData(await request(moderator, ClientEvent.StageSet, { sessionId, stage: { kind: 'join' } }));
    expect((await heard).stage).toEqual({ kind: 'join' });
    const late = await attendeeOn(2, 'Late joiner');
    expect(okData(await request(late, ClientEvent.SessionJoin, { sessionId })).stage).toEqual({ kind: 'join' });

    const poll = okData(await request(moderator, ClientEvent.PollCreate, { sessionId, kind: 'text', prompt: 'Une idée ?', options: [] }));
    okData(await request(moderator, ClientEvent.PollOpen, { pollId: poll.id }));
    const arrived = waitForEvent(staffElsewhere, ServerEvent.PollAnswer, (message) => message.pollId === poll.id);
    okData(await request(phone, ClientEvent.PollVote, { pollId: poll.id, ballot: { text: 'Des navettes' }, clientId: crypto.randomUUID() }));
    const { answer } = await arrived;
    const staged = waitForEvent(late, ServerEvent.StageUpdate, (message) => message.stage.kind === 'answers');
    okData(await request(staffElsewhere, ClientEvent.StageSet, { sessionId, stage: { kind: 'answers', pollId: poll.id, answerIds: [answer.id] } }));
    expect((await staged).answers).toEqual([{ id: answer.id, text: 'Des navettes' }]);
  });
});
