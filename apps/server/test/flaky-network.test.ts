import { randomUUID } from 'node:crypto';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { Poll } from '@jisr/protocol/poll';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  attendee,
  connect,
  createInvite,
  joinEvent,
  okData,
  organizerToken,
  postJson,
  request,
  staffToken,
  useTestServer,
  waitForEvent,
  type ClientSocket,
} from './harness.js';

const testServer = useTestServer();

/** Sockets this file opens itself (with reconnection on), closed after each test. */
const reconnecting = new Set<ClientSocket>();
afterEach(() => {
  for (const socket of reconnecting) socket.disconnect();
  reconnecting.clear();
});

/** A socket as the web app opens it: reconnects by itself (after `delayMs`), over websocket here. */
function phone(token: string, delayMs = 50): Promise<ClientSocket> {
  const socket: ClientSocket = io(testServer().url, {
    auth: { token },
    forceNew: true,
    transports: ['websocket'],
    reconnectionDelay: delayMs,
    reconnectionDelayMax: delayMs,
  });
  reconnecting.add(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function openPoll(sessionId: string): Promise<{ poll: Poll; mod: ClientSocket }> {
  const mod = await connect(testServer(), await staffToken(testServer(), 'moderator', sessionId));
  const draft = okData(await request(mod, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'Où ?', options: ['Rabat', 'Madrid'] }));
  return { poll: okData(await request(mod, ClientEvent.PollOpen, { pollId: draft.id })), mod };
}

async function askSomething(socket: ClientSocket, sessionId: string, text: string): Promise<string> {
  return okData(await request(socket, ClientEvent.QuestionAsk, { sessionId, text, anonymous: false, clientId: randomUUID() })).id;
}

/**
 * Emits and cuts the link at once, below Socket.IO (as a Wi-Fi drop would): the packet is
 * already on the wire, the ack can never come back.
 */
function emitThenDrop(socket: ClientSocket, send: (ack: () => void) => void): { acked: () => boolean } {
  let acked = false;
  send(() => (acked = true));
  socket.io.engine.close();
  return { acked: () => acked };
}

async function until(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('long-polling only (a venue proxy that blocks websockets)', () => {
  it('joins, asks, upvotes and votes in a poll without ever upgrading', async () => {
    const sessionId = testServer().sessions.open.id;
    const { poll } = await openPoll(sessionId);
    const { token } = await joinEvent(testServer(), 'Yasmina');
    const socket = await connect(testServer(), token, ['polling']);
    const other = await attendee(testServer(), 'Jan');
    okData(await request(other.socket, ClientEvent.SessionJoin, { sessionId }));

    const snapshot = okData(await request(socket, ClientEvent.SessionJoin, { sessionId }));
    expect(snapshot.polls.some((p) => p.id === poll.id && p.state === 'open')).toBe(true);
    const seen = waitForEvent(other.socket, ServerEvent.QuestionUpsert, (message) => message.question.text === 'Over polling?');
    const questionId = await askSomething(socket, sessionId, 'Over polling?');
    expect((await seen).question.id).toBe(questionId);
    const questionVote = okData(await request(other.socket, ClientEvent.QuestionVote, { questionId, vote: true }));
    expect(questionVote.votes).toBe(1);
    const mine = okData(await request(socket, ClientEvent.QuestionVote, { questionId, vote: true }));
    expect(mine).toEqual({ questionId, votes: 2, voted: true });
    const ballot = okData(await request(socket, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionId: 'o1' }, clientId: randomUUID() }));
    expect(ballot.ballot).toEqual({ optionId: 'o1' });
    expect((await testServer().store.getTallyCounts(poll.id)).total).toBe(1);
    expect(socket.io.engine.transport.name).toBe('polling');
  });
});

describe('a drop between the server applying and the client hearing', () => {
  it('a retried ballot and ask with the same clientId, and a repeated upvote, count once', async () => {
    const sessionId = testServer().sessions.open.id;
    const { poll } = await openPoll(sessionId);
    const author = await attendee(testServer(), 'Hamza');
    const questionId = await askSomething(author.socket, sessionId, 'Which budget line?');
    const { token } = await joinEvent(testServer(), 'Lotte');
    let socket = await phone(token);
    okData(await request(socket, ClientEvent.SessionJoin, { sessionId }));
    // Recovery resumes from the last broadcast a socket received: give it one.
    const first = waitForEvent(socket, ServerEvent.QuestionUpsert, (message) => message.question.text === 'And the timeline?');
    await askSomething(author.socket, sessionId, 'And the timeline?');
    await first;

    const ballotId = randomUUID();
    const askId = randomUUID();
    const ballotInput = { pollId: poll.id, ballot: { optionId: 'o2' }, clientId: ballotId };
    const askInput = { sessionId, text: 'Lost on the way back?', anonymous: false, clientId: askId };
    const voteInput = { questionId, vote: true };
    const replayed: string[] = [];
    socket.on(ServerEvent.QuestionUpsert, (message) => replayed.push(message.question.text));
    const dropped = emitThenDrop(socket, (ack) => {
      socket.emit(ClientEvent.PollVote, ballotInput, ack);
      socket.emit(ClientEvent.QuestionAsk, askInput, ack);
      socket.emit(ClientEvent.QuestionVote, voteInput, ack);
    });
    // The server applied all three; the client heard nothing.
    await until(async () => (await testServer().store.getTallyCounts(poll.id)).total === 1);
    await until(async () => (await testServer().store.getQuestion(questionId))?.votes === 1);
    await until(async () => (await testServer().store.listQuestions(sessionId)).some((q) => q.clientId === askId));
    expect(dropped.acked()).toBe(false);

    // The same socket comes back by itself (connection state recovery) and resends all three.
    socket = await new Promise<ClientSocket>((resolve) => {
      if (socket.connected) resolve(socket);
      else socket.once('connect', () => resolve(socket));
    });
    expect(socket.recovered).toBe(true);
    // What was broadcast while it was away came with the recovery: its own question among it.
    await until(() => Promise.resolve(replayed.includes('Lost on the way back?')));
    const again = okData(await request(socket, ClientEvent.PollVote, ballotInput));
    expect(again.ballot).toEqual({ optionId: 'o2' });
    const asked = okData(await request(socket, ClientEvent.QuestionAsk, askInput));
    const voted = okData(await request(socket, ClientEvent.QuestionVote, voteInput));
    expect(voted).toEqual({ questionId, votes: 1, voted: true });

    const tally = await testServer().store.getTallyCounts(poll.id);
    expect(tally.total).toBe(1);
    expect(tally.counts).toEqual({ o2: 1 });
    expect((await testServer().store.getQuestion(questionId))?.votes).toBe(1);
    const same = (await testServer().store.listQuestions(sessionId)).filter((q) => q.clientId === askId);
    expect(same.map((q) => q.id)).toEqual([asked.id]);

    // A new socket (say after a reload) resending the same things changes nothing either.
    const fresh = await phone(token);
    expect(okData(await request(fresh, ClientEvent.PollVote, ballotInput)).ballot).toEqual({ optionId: 'o2' });
    expect(okData(await request(fresh, ClientEvent.QuestionAsk, askInput)).id).toBe(asked.id);
    expect((await testServer().store.getTallyCounts(poll.id)).total).toBe(1);
  });

  it('a resend that arrives after the poll closed or Q&A closed gets the counted ballot or question back', async () => {
    const sessionId = testServer().sessions.named.id;
    const { poll, mod } = await openPoll(sessionId);
    const { socket } = await attendee(testServer(), 'Ilias');
    const ballotInput = { pollId: poll.id, ballot: { optionId: 'o1' }, clientId: randomUUID() };
    const askInput = { sessionId, text: 'Asked just before closing', anonymous: false, clientId: randomUUID() };
    okData(await request(socket, ClientEvent.PollVote, ballotInput));
    const asked = okData(await request(socket, ClientEvent.QuestionAsk, askInput));

    okData(await request(mod, ClientEvent.PollClose, { pollId: poll.id }));
    okData(await request(mod, ClientEvent.SessionSettings, { sessionId, qa: { open: false } }));
    try {
      expect(okData(await request(socket, ClientEvent.PollVote, ballotInput)).ballot).toEqual({ optionId: 'o1' });
      expect(okData(await request(socket, ClientEvent.QuestionAsk, askInput)).id).toBe(asked.id);
      // What was never counted is still refused, with the reason.
      const late = await request(socket, ClientEvent.PollVote, { ...ballotInput, ballot: { optionId: 'o2' }, clientId: randomUUID() });
      expect(late).toMatchObject({ ok: false, error: { code: 'closed' } });
      const lateAsk = await request(socket, ClientEvent.QuestionAsk, { ...askInput, clientId: randomUUID() });
      expect(lateAsk).toMatchObject({ ok: false, error: { code: 'closed' } });
      expect((await testServer().store.getTallyCounts(poll.id)).total).toBe(1);
    } finally {
      okData(await request(mod, ClientEvent.SessionSettings, { sessionId, qa: { open: true } }));
    }
  });
});

describe('connection state recovery and revoked invites', () => {
  it('a moderator whose invite is revoked while their socket is away does not come back through recovery', async () => {
    const sessionId = testServer().sessions.open.id;
    const invite = await createInvite(testServer(), 'moderator', sessionId);
    const accepted = await postJson(`${testServer().url}/api/invites/accept`, { token: invite.token, name: 'Moderator' });
    const { token } = (await accepted.json()) as { token: string };
    // It comes back after 0.75 to 2.25 s (Socket.IO randomizes): the revocation lands while it is away.
    const socket = await phone(token, 1500);
    okData(await request(socket, ClientEvent.SessionJoin, { sessionId }));
    // One broadcast received, so that the socket could be recovered.
    const author = await attendee(testServer());
    const seen = waitForEvent(socket, ServerEvent.QuestionUpsert);
    await askSomething(author.socket, sessionId, 'Seen before the drop');
    await seen;

    const back = new Promise<string>((resolve) => {
      socket.once('connect_error', (error) => resolve(error.message));
      socket.once('connect', () => resolve(socket.recovered ? 'recovered' : 'connected'));
    });
    const id = socket.id;
    socket.io.engine.close();
    // Revoked once the server knows the socket is gone (a live one would simply be closed).
    await until(() => Promise.resolve(id !== undefined && !testServer().app.io.sockets.sockets.has(id)));
    const revoke = await fetch(`${testServer().url}/api/invites/${invite.inviteId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await organizerToken(testServer())}` },
    });
    expect(revoke.status).toBe(200);
    expect(await back).toBe('unauthorized');
  });
});
