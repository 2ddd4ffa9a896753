import type { Session } from '@jisr/protocol/event';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { Question } from '@jisr/protocol/question';
import type { SessionSnapshot } from '@jisr/protocol/session';
import { describe, expect, it } from 'vitest';
import { SessionRoom } from './session-room.svelte.js';
import type { JisrSocket } from './socket.js';

type Listener = (...args: unknown[]) => void;

/** Just enough of a Socket.IO client socket: records what is sent, lets the test answer and push. */
class FakeSocket {
  connected = true;
  active = true;
  recovered = false;
  readonly sent: { event: string; payload: unknown; ack: (response: unknown) => void }[] = [];
  readonly #listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener): this {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener);
    this.#listeners.set(event, set);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  emit(event: string, payload: unknown, ack: (response: unknown) => void): this {
    this.sent.push({ event, payload, ack });
    return this;
  }

  /** Socket.IO's `timeout(ms).emit(...)`: the ack takes an error first (never one here). */
  timeout(_ms: number): { emit: (event: string, payload: unknown, ack: (error: Error | null, response?: unknown) => void) => void } {
    return { emit: (event, payload, ack) => void this.emit(event, payload, (response) => ack(null, response)) };
  }

  fire(event: string, ...args: unknown[]): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(...args);
  }

  /** Answers the last request of this event. */
  answer(event: string, data: unknown): void {
    const request = this.sent.findLast((sent) => sent.event === event);
    if (!request) throw new Error(`no ${event} was sent`);
    request.ack({ ok: true, data });
  }

  count(event: string): number {
    return this.sent.filter((sent) => sent.event === event).length;
  }
}

const session: Session = {
  id: 's_1',
  eventId: 'e_1',
  roomId: 'r_1',
  kind: 'talk',
  title: { en: 'Talk' },
  description: {},
  startsAt: '2026-12-05T08:30:00.000Z',
  endsAt: '2026-12-05T09:30:00.000Z',
  status: 'live',
  delayMinutes: 0,
  speakerIds: [],
  qa: { open: true, moderated: false, anonymousAllowed: true },
};

const question = (id: string, votes: number, minute = 40): Question => ({
  id,
  sessionId: 's_1',
  text: id,
  lang: 'en',
  status: 'approved',
  votes,
  pinned: false,
  anonymous: true,
  createdAt: `2026-12-05T08:${minute}:00.000Z`,
  labels: [],
});

const snapshot = (seq: number, questions: Question[]): SessionSnapshot => ({
  session,
  role: 'attendee',
  questions,
  polls: [],
  tallies: {},
  myVotes: [],
  myQuestionIds: [],
  myBallots: {},
  seq,
});

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function setup(): { socket: FakeSocket; room: SessionRoom; stop: () => void } {
  const socket = new FakeSocket();
  const room = new SessionRoom(socket as unknown as JisrSocket, 's_1');
  const stop = room.start();
  return { socket, room, stop };
}

describe('SessionRoom', () => {
  it('joins at once on a connected socket and shows the snapshot, sorted', async () => {
    const { socket, room } = setup();
    expect(socket.sent[0]?.event).toBe(ClientEvent.SessionJoin);
    expect(socket.sent[0]?.payload).toEqual({ sessionId: 's_1' });
    socket.answer(ClientEvent.SessionJoin, snapshot(3, [question('q_old', 5, 40), question('q_new', 1, 50)]));
    await flush();
    expect(room.state?.seq).toBe(3);
    expect(room.questions.map((q) => q.id)).toEqual(['q_old', 'q_new']);
    room.order = 'recent';
    expect(room.questions.map((q) => q.id)).toEqual(['q_new', 'q_old']);
    expect(room.status).toBe('online');
  });

  it('joins again on every reconnect', async () => {
    const { socket } = setup();
    socket.answer(ClientEvent.SessionJoin, snapshot(0, []));
    await flush();
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    expect(socket.count(ClientEvent.SessionJoin)).toBe(2);
  });

  it('asks for a fresh snapshot after a gap, and replays what came meanwhile', async () => {
    const { socket, room } = setup();
    socket.answer(ClientEvent.SessionJoin, snapshot(3, [question('q_a', 1)]));
    await flush();
    socket.fire(ServerEvent.QuestionUpsert, { question: question('q_a', 2), seq: 4 });
    expect(room.state?.questions[0]?.votes).toBe(2);
    // seq 5 was lost on the way: 6 reveals the gap.
    socket.fire(ServerEvent.QuestionUpsert, { question: question('q_a', 4), seq: 6 });
    expect(socket.count(ClientEvent.SessionJoin)).toBe(2);
    socket.fire(ServerEvent.QuestionUpsert, { question: question('q_a', 5), seq: 7 });
    socket.answer(ClientEvent.SessionJoin, snapshot(6, [question('q_a', 4)]));
    await flush();
    expect(room.state?.seq).toBe(7);
    expect(room.state?.questions[0]?.votes).toBe(5);
  });

  it('adds an asked question from the ack and marks it as the asker’s', async () => {
    const { socket, room } = setup();
    socket.answer(ClientEvent.SessionJoin, snapshot(0, []));
    await flush();
    const asked = room.ask('Why?', false, 'client-id-123');
    expect(socket.sent.at(-1)?.payload).toEqual({ sessionId: 's_1', text: 'Why?', anonymous: false, clientId: 'client-id-123' });
    socket.answer(ClientEvent.QuestionAsk, question('q_new', 0));
    expect((await asked).ok).toBe(true);
    expect(room.state?.myQuestionIds.has('q_new')).toBe(true);
    expect(room.questions.map((q) => q.id)).toEqual(['q_new']);
  });

  it('stops listening and leaves the session when stopped', async () => {
    const { socket, room, stop } = setup();
    socket.answer(ClientEvent.SessionJoin, snapshot(0, []));
    await flush();
    stop();
    expect(socket.sent.at(-1)?.event).toBe(ClientEvent.SessionLeave);
    socket.fire(ServerEvent.QuestionUpsert, { question: question('q_late', 0), seq: 1 });
    expect(room.questions).toEqual([]);
  });

  it('sends moderation, replies, labels and settings, and takes the acked question', async () => {
    const { socket, room } = setup();
    socket.answer(ClientEvent.SessionJoin, { ...snapshot(2, [{ ...question('q_1', 0), status: 'pending' }]), role: 'moderator' });
    await flush();
    const moderated = room.moderate('q_1', 'approve');
    expect(socket.sent.at(-1)).toMatchObject({ event: ClientEvent.QuestionModerate, payload: { questionId: 'q_1', action: 'approve' } });
    socket.answer(ClientEvent.QuestionModerate, question('q_1', 0));
    expect((await moderated).ok).toBe(true);
    expect(room.state?.questions[0]?.status).toBe('approved');

    void room.reply('q_1', 'In the workshop');
    expect(socket.sent.at(-1)).toMatchObject({ event: ClientEvent.QuestionReply, payload: { questionId: 'q_1', text: 'In the workshop' } });
    void room.label('q_1', ['budget']);
    expect(socket.sent.at(-1)).toMatchObject({ event: ClientEvent.QuestionLabel, payload: { questionId: 'q_1', labels: ['budget'] } });
    const translated = room.translate('q_1', 'ar', 'متى؟');
    expect(socket.sent.at(-1)).toMatchObject({ event: ClientEvent.QuestionTranslate, payload: { questionId: 'q_1', lang: 'ar', text: 'متى؟' } });
    socket.answer(ClientEvent.QuestionTranslate, { ...question('q_1', 0), translations: { ar: { text: 'متى؟', by: 'human' } } });
    expect((await translated).ok).toBe(true);
    expect(room.state?.questions[0]?.translations).toEqual({ ar: { text: 'متى؟', by: 'human' } });
    void room.settings({ moderated: false });
    expect(socket.sent.at(-1)).toMatchObject({ event: ClientEvent.SessionSettings, payload: { sessionId: 's_1', qa: { moderated: false } } });
  });

  it('keeps every status for staff: a rejected question stays in the state', async () => {
    const { socket, room } = setup();
    socket.answer(ClientEvent.SessionJoin, { ...snapshot(2, [question('q_1', 0)]), role: 'moderator' });
    await flush();
    socket.fire(ServerEvent.QuestionUpsert, { question: { ...question('q_1', 0), status: 'rejected' }, seq: 3 });
    expect(room.state?.questions.map((q) => q.status)).toEqual(['rejected']);
  });

  it('edits and deletes the author’s own question; question:remove takes it off the list', async () => {
    const { socket, room } = setup();
    socket.answer(ClientEvent.SessionJoin, snapshot(2, [question('q_1', 0), question('q_2', 0)]));
    await flush();
    const edited = room.edit('q_1', 'Better wording');
    expect(socket.sent.at(-1)).toMatchObject({ event: ClientEvent.QuestionEdit, payload: { questionId: 'q_1', text: 'Better wording' } });
    socket.answer(ClientEvent.QuestionEdit, { ...question('q_1', 0), text: 'Better wording' });
    await edited;
    expect(room.questions.find((q) => q.id === 'q_1')?.text).toBe('Better wording');

    const removed = room.remove('q_1');
    socket.answer(ClientEvent.QuestionDelete, { questionId: 'q_1' });
    await removed;
    expect(room.questions.map((q) => q.id)).toEqual(['q_2']);

    socket.fire(ServerEvent.QuestionRemove, { questionId: 'q_2', sessionId: 's_1', seq: 3 });
    expect(room.questions).toEqual([]);
  });
  it('after a recovered reconnect it does not join again (the missed changes came), after a lost one it does', async () => {
    const { socket } = setup();
    socket.answer(ClientEvent.SessionJoin, snapshot(0, []));
    await flush();
    socket.connected = false;
    socket.fire('disconnect', 'transport close');
    socket.connected = true;
    socket.recovered = true;
    socket.fire('connect');
    expect(socket.count(ClientEvent.SessionJoin)).toBe(1);
    socket.connected = false;
    socket.fire('disconnect', 'transport close');
    socket.connected = true;
    socket.recovered = false;
    socket.fire('connect');
    expect(socket.count(ClientEvent.SessionJoin)).toBe(2);
  });

  it('keeps an ask made offline and sends it, with its clientId, once joined again', async () => {
    const { socket, room } = setup();
    socket.answer(ClientEvent.SessionJoin, snapshot(0, []));
    await flush();
    socket.connected = false;
    socket.fire('disconnect', 'transport close');
    const asked = await room.ask('Offline?', true, 'client-id-offline');
    expect(asked).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(socket.count(ClientEvent.QuestionAsk)).toBe(0);
    expect(room.outbox.asks.map((item) => item.input.text)).toEqual(['Offline?']);

    socket.connected = true;
    socket.fire('connect');
    socket.answer(ClientEvent.SessionJoin, snapshot(0, []));
    await flush();
    expect(socket.sent.at(-1)).toMatchObject({ event: ClientEvent.QuestionAsk, payload: { clientId: 'client-id-offline', text: 'Offline?' } });
    socket.answer(ClientEvent.QuestionAsk, question('q_offline', 0));
    await flush();
    expect(room.outbox.items).toEqual([]);
    expect(room.state?.myQuestionIds.has('q_offline')).toBe(true);
  });
});

