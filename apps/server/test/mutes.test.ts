import { randomUUID } from 'node:crypto';
import type { Mute, MutesResponse } from '@jisr/protocol/audience';
import type { AuditPage } from '@jisr/protocol/audit';
import { ClientEvent } from '@jisr/protocol/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTED_MESSAGE } from '../src/audience/mute-check.js';
import { DEFAULT_LIMITS } from '../src/limits/limiters.js';
import { createAskLimiter } from '../src/qa/ask-limiter.js';
import {
  connect,
  disconnectAll,
  joinEvent,
  okData,
  organizerToken,
  rawRequest,
  request,
  sleep,
  staffToken,
  type ClientSocket,
  type TestServer,
} from './harness.js';
import { startNodes, STORES } from './redis-nodes.js';

/**
 * Issue 22.4: a moderator mutes the author of a question (anonymous or not) by the question;
 * the author's asks, open-text answers and reactions are refused with a neutral `muted`, their
 * pending questions leave the queue; unmute brings them back. No payload to staff ever
 * carries who the author is. On SQLite and on real Redis with two nodes (muted on one,
 * refused on the other).
 */
describe.each(STORES)('muting (%s)', (kind) => {
  let nodes: TestServer[] = [];
  const node = (i: number): TestServer => {
    const found = nodes[i % nodes.length];
    if (!found) throw new Error('no node');
    return found;
  };
  /** Everything staff sockets received, to search for the author's identity. */
  const staffHeard: unknown[] = [];

  beforeAll(async () => {
    nodes = await startNodes(kind, 2, {
      askLimiter: createAskLimiter(10_000),
      limits: { ...DEFAULT_LIMITS, eventsPerSocket: 10_000, eventsPerActor: 10_000 },
    });
  }, 60_000);
  afterAll(async () => {
    disconnectAll();
    await nodes[0]?.stop();
  });

  async function staff(role: 'moderator' | 'organizer', i: number, sessionId: string, scoped = true): Promise<ClientSocket> {
    const token = role === 'organizer' ? await organizerToken(node(i)) : await staffToken(node(i), 'moderator', scoped ? sessionId : undefined);
    const socket = await connect(node(i), token);
    socket.onAny((_event: string, ...args: unknown[]) => staffHeard.push(args));
    okData(await request(socket, ClientEvent.SessionJoin, { sessionId }));
    return socket;
  }

  async function person(i: number, name?: string): Promise<{ socket: ClientSocket; participantId: string }> {
    const join = await joinEvent(node(i), name);
    return { socket: await connect(node(i), join.token), participantId: join.participant.id };
  }

  const ask = (socket: ClientSocket, sessionId: string, text: string, anonymous = true) =>
    request(socket, ClientEvent.QuestionAsk, { sessionId, text, anonymous, clientId: randomUUID() });

  it('mutes an anonymous author by their question: asks, open text and reactions refused neutrally, pending questions leave the queue, nobody named', async () => {
    const { sessions } = node(0);
    const sessionId = sessions.moderated.id;
    const moderator = await staff('moderator', 0, sessionId);
    const organizer = await staff('organizer', 1, sessionId);
    const troll = await person(1, 'Troll Name');
    const other = await person(0, 'Amal');
    const first = okData(await ask(troll.socket, sessionId, 'Première question pénible ?'));
    const second = okData(await ask(troll.socket, sessionId, 'Encore une ?'));
    expect(second.status).toBe('pending');
    const poll = okData(await request(organizer, ClientEvent.PollCreate, { sessionId, kind: 'text', prompt: 'Une idée ?', options: [] }));
    okData(await request(organizer, ClientEvent.PollOpen, { pollId: poll.id }));

    const removed = new Promise<void>((resolve) => moderator.on('question:upsert', ({ question }) => question.id === second.id && question.status === 'rejected' && resolve()));
    const mute = okData(await request(moderator, ClientEvent.ParticipantMute, { questionId: first.id, scope: 'session', minutes: 30 }));
    expect(mute).toStrictEqual({
      id: expect.any(String),
      eventId: node(0).event.id,
      sessionId,
      scope: 'session',
      questionId: first.id,
      excerpt: 'Première question pénible ?',
      createdAt: expect.any(String),
      until: expect.any(String),
    } satisfies Record<keyof Mute, unknown>);
    expect(Date.parse(mute.until ?? '') - Date.parse(mute.createdAt)).toBe(30 * 60_000);
    await removed;

    // Refused on either node (with Redis, the other node learns of it within its read cache's second).
    await sleep(kind === 'redis' ? 1100 : 0);
    const refusal = { ok: false, error: { code: 'muted', message: MUTED_MESSAGE } };
    expect(await ask(troll.socket, sessionId, 'Et maintenant ?')).toStrictEqual(refusal);
    expect(await request(troll.socket, ClientEvent.PollVote, { pollId: poll.id, ballot: { text: 'spam' }, clientId: randomUUID() })).toStrictEqual(refusal);
    expect(await request(troll.socket, ClientEvent.ReactionSend, { sessionId, kind: 'laugh' })).toStrictEqual(refusal);
    // Choices still count (opening this poll closes the text one); another session is not muted; other people are not muted.
    const choice = okData(await request(organizer, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'Oui ?', options: ['oui', 'non'] }));
    okData(await request(organizer, ClientEvent.PollOpen, { pollId: choice.id }));
    okData(await request(troll.socket, ClientEvent.PollVote, { pollId: choice.id, ballot: { optionId: choice.options[0]?.id ?? '' }, clientId: randomUUID() }));
    okData(await ask(troll.socket, sessions.open.id, 'Ailleurs, une question ?'));
    okData(await ask(other.socket, sessionId, 'Moi je peux ?'));
    okData(await request(other.socket, ClientEvent.ReactionSend, { sessionId, kind: 'clap' }));
    expect((await node(0).store.getQuestion(second.id))?.status).toBe('rejected');

    // The staff snapshot lists the mute, and no staff payload ever named the author.
    const snapshot = okData(await request(organizer, ClientEvent.SessionJoin, { sessionId }));
    expect(snapshot.mutes).toStrictEqual([mute]);
    const everything = JSON.stringify(staffHeard);
    expect(everything).toContain(mute.id);
    expect(everything).not.toContain(troll.participantId);
    expect(everything).not.toContain('Troll Name');

    // Unmuted: they may ask again; staff hear it; a second unmute finds nothing.
    const lifted = new Promise((resolve) => moderator.once('participant:unmuted', resolve));
    expect(okData(await request(organizer, ClientEvent.ParticipantUnmute, { muteId: mute.id }))).toStrictEqual(mute);
    expect(await lifted).toStrictEqual({ mute });
    await sleep(kind === 'redis' ? 1100 : 0);
    okData(await ask(troll.socket, sessionId, 'Je suis de retour ?'));
    okData(await request(troll.socket, ClientEvent.ReactionSend, { sessionId, kind: 'heart' }));
    expect(await request(moderator, ClientEvent.ParticipantUnmute, { muteId: mute.id })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'muteId' } });
    expect(JSON.stringify(staffHeard)).not.toContain(troll.participantId);

    // Audited, by question and mute id; organizers list the mutes (none left) without names.
    const token = await organizerToken(node(0));
    const audit = (await (await fetch(`${node(0).url}/api/events/${node(0).event.id}/audit`, { headers: { authorization: `Bearer ${token}` } })).json()) as AuditPage;
    expect(audit.entries.filter((entry) => entry.action.startsWith('participant:')).map((entry) => [entry.action, entry.target, entry.sessionId])).toEqual([
      ['participant:unmute', mute.id, sessionId],
      ['participant:mute', first.id, sessionId],
    ]);
    expect(JSON.stringify(audit)).not.toContain(troll.participantId);
  });

  it('an event-wide mute holds in every session; organizers see it in the list, and only staff may mute', async () => {
    const { sessions, event } = node(0);
    const organizer = await staff('organizer', 0, sessions.open.id);
    const author = await person(1);
    const question = okData(await ask(author.socket, sessions.open.id, 'Question nommée', false));
    const before = await node(0).store.listMutes(event.id);
    // Attendees, speakers and session-scoped moderators (beyond their session) may not.
    const bystander = await person(0);
    expect(await request(bystander.socket, ClientEvent.ParticipantMute, { questionId: question.id, scope: 'session' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(author.socket, ClientEvent.ParticipantMute, { questionId: question.id, scope: 'event' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const speaker = await connect(node(0), await staffToken(node(0), 'speaker', sessions.open.id));
    expect(await request(speaker, ClientEvent.ParticipantMute, { questionId: question.id, scope: 'session' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const scoped = await connect(node(1), await staffToken(node(1), 'moderator', sessions.open.id));
    expect(await request(scoped, ClientEvent.ParticipantMute, { questionId: question.id, scope: 'event' })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'scope' } });
    expect(await node(0).store.listMutes(event.id)).toStrictEqual(before);

    const mute = okData(await request(organizer, ClientEvent.ParticipantMute, { questionId: question.id, scope: 'event' }));
    expect(mute.until).toBeUndefined();
    await sleep(kind === 'redis' ? 1100 : 0);
    for (const session of [sessions.open, sessions.named, sessions.moderated]) {
      expect(await ask(author.socket, session.id, 'Encore moi', false)).toMatchObject({ ok: false, error: { code: 'muted' } });
    }
    const response = await fetch(`${node(1).url}/api/events/${event.id}/mutes`, { headers: { authorization: `Bearer ${await organizerToken(node(1))}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as MutesResponse;
    expect(body.mutes).toContainEqual(mute);
    expect(JSON.stringify(body)).not.toContain(author.participantId);
    okData(await request(organizer, ClientEvent.ParticipantUnmute, { muteId: mute.id }));
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const { sessions, event } = node(0);
    const organizer = await staff('organizer', 0, sessions.open.id);
    const author = await person(0);
    const question = okData(await ask(author.socket, sessions.open.id, 'Une question'));
    const before = await node(0).store.listMutes(event.id);
    const cases: [unknown, string][] = [
      [{ questionId: question.id, scope: 'forever' }, 'scope'],
      [{ questionId: question.id, scope: 'session', minutes: 0 }, 'minutes'],
      [{ questionId: question.id, scope: 'session', minutes: 1.5 }, 'minutes'],
      [{ questionId: 'not an id!', scope: 'session' }, 'questionId'],
      [{ scope: 'session' }, 'questionId'],
    ];
    for (const [payload, field] of cases) {
      expect(await rawRequest(organizer, ClientEvent.ParticipantMute, payload)).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    }
    expect(await rawRequest(organizer, ClientEvent.ParticipantUnmute, { muteId: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'muteId' } });
    expect(await request(organizer, ClientEvent.ParticipantMute, { questionId: 'q_nope', scope: 'session' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'questionId' } });
    expect(await node(0).store.listMutes(event.id)).toStrictEqual(before);
  });
});
