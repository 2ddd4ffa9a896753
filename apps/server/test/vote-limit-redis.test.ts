import { randomUUID } from 'node:crypto';
import { ClientEvent } from '@jisr/protocol/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/limits/limiters.js';
import { attendee, connect, disconnectAll, okData, rawRequest, request, staffToken, type ClientSocket, type TestServer } from './harness.js';
import { startRedisNodes } from './redis-nodes.js';

/**
 * On Redis a participant's ballot counts their shared event limit inside the cast script (one
 * round trip a vote). The count must be the one every other event of theirs goes into, on any
 * node: votes, refused votes and other events together stop at `eventsPerActor`, and a vote
 * over it is refused and not counted. Two nodes on the real Redis at REDIS_URL.
 */
const PER_PERSON = 12;
let nodes: TestServer[] = [];

beforeAll(async () => {
  // Only the per-person allowance made small enough to reach in a test (the per-socket one stays).
  nodes = await startRedisNodes(2, { limits: { ...DEFAULT_LIMITS, eventsPerActor: PER_PERSON } });
});

afterAll(async () => {
  disconnectAll();
  await nodes[0]?.stop();
});

function node(index: number): TestServer {
  const found = nodes[index];
  if (!found) throw new Error(`no node ${index}`);
  return found;
}

describe('a participant’s shared event limit, counted by the cast script on Redis', () => {
  it('is one count for votes, refused votes and other events over both nodes; a vote over it is not counted', async () => {
    const [first, second] = [node(0), node(1)];
    const sessionId = first.sessions.open.id;
    const mod = await connect(first, await staffToken(first, 'moderator'));
    const poll = okData(await request(mod, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'Ça va ?', options: ['oui', 'non'] }));
    okData(await request(mod, ClientEvent.PollOpen, { pollId: poll.id }));
    const { socket: asker } = await attendee(first, 'Amina');
    const question = okData(await request(asker, ClientEvent.QuestionAsk, { sessionId, text: 'Une question honnête ?', clientId: randomUUID() }));

    // One person, a socket on each node.
    const { socket: onFirst, join } = await attendee(first, 'Karim');
    const onSecond: ClientSocket = await connect(second, join.token);
    const optionId = poll.options[0]?.id ?? '';
    const clientId = randomUUID();
    const codes: string[] = [];
    const send = async (ack: Promise<{ ok: boolean; error?: { code: string } }>) => {
      const answer = await ack;
      codes.push(answer.ok ? 'ok' : (answer.error?.code ?? '?'));
    };

    // 4 upvotes on the first node (rate-limiter-flexible's count), 1 refused ballot and 7
    // ballots (a cast, then outbox resends of it) on the second (the cast script's count): 12.
    for (let i = 0; i < 4; i++) await send(rawRequest(onFirst, ClientEvent.QuestionVote, { questionId: question.id, vote: i % 2 === 0 }));
    await send(rawRequest(onSecond, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionId: 'no-such-option' }, clientId: randomUUID() }));
    for (let i = 0; i < 7; i++) await send(rawRequest(onSecond, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionId }, clientId }));
    expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'invalid_input', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']);

    // Over it now, whichever node and whichever event: a new ballot (another voter's change
    // of mind would be one) is refused and nothing more is counted.
    codes.length = 0;
    await send(rawRequest(onSecond, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionId }, clientId: randomUUID() }));
    await send(rawRequest(onFirst, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionId }, clientId: randomUUID() }));
    await send(rawRequest(onFirst, ClientEvent.QuestionVote, { questionId: question.id, vote: true }));
    expect(codes).toEqual(['rate_limited', 'rate_limited', 'rate_limited']);
    expect((await first.store.getTallyCounts(poll.id)).total).toBe(1);

    // Another attendee's ballot is not held by this one's limit.
    const { socket: other } = await attendee(second, 'Salma');
    okData(await request(other, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionId }, clientId: randomUUID() }));
    expect((await first.store.getTallyCounts(poll.id)).total).toBe(2);
  });
});
