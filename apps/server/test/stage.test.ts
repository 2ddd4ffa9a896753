import { randomUUID } from 'node:crypto';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { ReportResponse } from '@jisr/protocol/insights';
import type { Poll, PollCreateInput } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import { attendee, collect, connect, okData, organizerToken, request, sleep, staffToken, useTestServer, waitForEvent, type ClientSocket } from './harness.js';

/** Issue 18: the stage (DESIGN 4b), the moderators' answers wall and their notes to speakers. */
const testServer = useTestServer();

async function joined(socket: ClientSocket, sessionId: string) {
  return okData(await request(socket, ClientEvent.SessionJoin, { sessionId }));
}

async function staff(role: 'moderator' | 'speaker' | 'screen', sessionId: string): Promise<ClientSocket> {
  const socket = await connect(testServer(), await staffToken(testServer(), role, sessionId));
  await joined(socket, sessionId);
  return socket;
}

async function createPoll(mod: ClientSocket, sessionId: string, input: Omit<PollCreateInput, 'sessionId'>): Promise<Poll> {
  return okData(await request(mod, ClientEvent.PollCreate, { sessionId, ...input }));
}

async function ask(socket: ClientSocket, sessionId: string, text: string): Promise<string> {
  return okData(await request(socket, ClientEvent.QuestionAsk, { sessionId, text, anonymous: false, clientId: randomUUID() })).id;
}

describe('stage:set', () => {
  it('puts each choice on every viewer\'s stage with the next seq, and a reloaded screen reads it back', async () => {
    const sessionId = testServer().sessions.named.id;
    const mod = await staff('moderator', sessionId);
    const screen = await staff('screen', sessionId);
    const { socket: phone } = await attendee(testServer(), 'Yasmine');
    const before = await joined(phone, sessionId);
    const seen = waitForEvent(screen, ServerEvent.StageUpdate, (message) => message.stage.kind === 'join');
    const heard = waitForEvent(phone, ServerEvent.StageUpdate, (message) => message.stage.kind === 'join');
    expect(okData(await request(mod, ClientEvent.StageSet, { sessionId, stage: { kind: 'join' } }))).toEqual({ kind: 'join' });
    const [onScreen, onPhone] = await Promise.all([seen, heard]);
    expect(onScreen).toEqual({ sessionId, stage: { kind: 'join' }, seq: before.seq + 1 });
    expect(onPhone.seq).toBe(before.seq + 1);
    screen.disconnect();
    const reloaded = await staff('screen', sessionId);
    const snapshot = await joined(reloaded, sessionId);
    expect(snapshot.stage).toEqual({ kind: 'join' });
    expect(snapshot.seq).toBe(before.seq + 1);
  });

  it('refuses what is not in this session (not_found) or not for the screen (invalid_input), naming the field, changing nothing', async () => {
    const { open, named } = testServer().sessions;
    const mod = await connect(testServer(), await organizerToken(testServer()));
    const elsewhere = await createPoll(mod, open.id, { kind: 'single', prompt: 'Ailleurs ?', options: ['a', 'b'] });
    const draft = await createPoll(mod, named.id, { kind: 'single', prompt: 'Brouillon ?', options: ['a', 'b'] });
    const seq = await testServer().store.getSeq(named.id);
    const refusals = [
      [{ kind: 'poll', pollId: elsewhere.id, show: 'voting' }, 'not_found', 'stage.pollId'],
      [{ kind: 'poll', pollId: 'po_nothing', show: 'voting' }, 'not_found', 'stage.pollId'],
      [{ kind: 'question', questionId: 'q_nothing' }, 'not_found', 'stage.questionId'],
      [{ kind: 'poll', pollId: draft.id, show: 'voting' }, 'invalid_input', 'stage.pollId'],
      [{ kind: 'answers', pollId: draft.id, answerIds: ['a1'] }, 'invalid_input', 'stage.pollId'],
      [{ kind: 'answers', pollId: draft.id, answerIds: [] }, 'invalid_input', 'stage.answerIds'],
      [{ kind: 'billboard' }, 'invalid_input', 'stage.kind'],
    ] as const;
    for (const [stage, code, field] of refusals) {
      const ack = await request(mod, ClientEvent.StageSet, { sessionId: named.id, stage: stage as never });
      expect(ack.ok ? 'ok' : [ack.error.code, ack.error.field], JSON.stringify(stage)).toEqual([code, field]);
    }
    expect(await testServer().store.getSeq(named.id)).toBe(seq);
  });

  it('poll results put on stage reveal a poll whose results the hall could not see yet', async () => {
    const sessionId = testServer().sessions.named.id;
    const mod = await staff('moderator', sessionId);
    const poll = await createPoll(mod, sessionId, { kind: 'single', prompt: 'Caché ?', options: ['a', 'b'], settings: { results: 'hidden' } });
    okData(await request(mod, ClientEvent.PollOpen, { pollId: poll.id }));
    okData(await request(mod, ClientEvent.StageSet, { sessionId, stage: { kind: 'poll', pollId: poll.id, show: 'results' } }));
    expect((await testServer().store.getPoll(poll.id))?.revealed).toBe(true);
  });
});

describe('the stage follows the moderators\' last action', () => {
  it('open, close, pin, unpin, delete: voting, results, the question, the questions, auto', async () => {
    const sessionId = testServer().sessions.open.id;
    const mod = await staff('moderator', sessionId);
    const { socket: phone } = await attendee(testServer(), 'Karim');
    await joined(phone, sessionId);
    const stages = collect(phone, ServerEvent.StageUpdate);
    const poll = await createPoll(mod, sessionId, { kind: 'single', prompt: 'Où ?', options: ['Rabat', 'Tunis'] });
    okData(await request(mod, ClientEvent.PollOpen, { pollId: poll.id }));
    expect(await testServer().store.getStage(sessionId)).toEqual({ stage: { kind: 'poll', pollId: poll.id, show: 'voting' } });
    okData(await request(mod, ClientEvent.PollClose, { pollId: poll.id }));
    expect((await testServer().store.getStage(sessionId)).stage).toEqual({ kind: 'poll', pollId: poll.id, show: 'results' });
    const questionId = await ask(phone, sessionId, 'Et la jeunesse ?');
    okData(await request(mod, ClientEvent.QuestionModerate, { questionId, action: 'pin' }));
    expect((await testServer().store.getStage(sessionId)).stage).toEqual({ kind: 'question', questionId });
    okData(await request(mod, ClientEvent.QuestionModerate, { questionId, action: 'unpin' }));
    expect((await testServer().store.getStage(sessionId)).stage).toEqual({ kind: 'questions' });
    okData(await request(mod, ClientEvent.StageSet, { sessionId, stage: { kind: 'poll', pollId: poll.id, show: 'results' } }));
    okData(await request(mod, ClientEvent.PollDelete, { pollId: poll.id }));
    expect((await testServer().store.getStage(sessionId)).stage).toEqual({ kind: 'auto' });
    await waitForEvent(phone, ServerEvent.StageUpdate, (message) => message.stage.kind === 'auto');
    expect(stages.map((message) => message.stage.kind)).toEqual(['poll', 'poll', 'question', 'questions', 'poll', 'auto']);
    // Each numbered once, in order, with nothing lost between them.
    const seqs = stages.map((message) => message.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('a poll closed by its timer (5 s, the shortest) puts its results on stage', async () => {
    const sessionId = testServer().sessions.open.id;
    const mod = await staff('moderator', sessionId);
    const poll = await createPoll(mod, sessionId, { kind: 'single', prompt: 'Vite ?', options: ['oui', 'non'], settings: { timerSeconds: 5 } });
    const results = waitForEvent(mod, ServerEvent.StageUpdate, (message) => message.stage.kind === 'poll' && message.stage.show === 'results', 9000);
    okData(await request(mod, ClientEvent.PollOpen, { pollId: poll.id }));
    expect((await results).stage).toEqual({ kind: 'poll', pollId: poll.id, show: 'results' });
  });
});

describe('open-text answers', () => {
  it('reach the moderators as they arrive and the hall only once on stage; hidden ones leave the stage', async () => {
    const sessionId = testServer().sessions.open.id;
    const mod = await staff('moderator', sessionId);
    const { socket: author } = await attendee(testServer(), 'Nadia');
    const { socket: neighbour } = await attendee(testServer(), 'Omar');
    await joined(author, sessionId);
    await joined(neighbour, sessionId);
    const leaked = collect(neighbour, ServerEvent.PollAnswer);
    const poll = await createPoll(mod, sessionId, { kind: 'text', prompt: 'Une idée ?', options: [] });
    okData(await request(mod, ClientEvent.PollOpen, { pollId: poll.id }));
    const arrived = waitForEvent(mod, ServerEvent.PollAnswer, (message) => message.answer.text === 'Plus de pauses');
    okData(await request(author, ClientEvent.PollVote, { pollId: poll.id, ballot: { text: 'Plus de pauses' }, clientId: randomUUID() }));
    okData(await request(neighbour, ClientEvent.PollVote, { pollId: poll.id, ballot: { text: 'وقت أطول للأسئلة' }, clientId: randomUUID() }));
    const { answer } = await arrived;
    expect(answer).toMatchObject({ text: 'Plus de pauses', hidden: false });
    const wall = okData(await request(mod, ClientEvent.PollAnswers, { pollId: poll.id }));
    expect(wall.map((item) => item.text)).toEqual(['وقت أطول للأسئلة', 'Plus de pauses']);
    const other = wall[0]?.id ?? '';

    const staged = waitForEvent(neighbour, ServerEvent.StageUpdate, (message) => message.stage.kind === 'answers');
    okData(await request(mod, ClientEvent.StageSet, { sessionId, stage: { kind: 'answers', pollId: poll.id, answerIds: [answer.id, other] } }));
    expect((await staged).answers).toEqual([
      { id: answer.id, text: 'Plus de pauses' },
      { id: other, text: 'وقت أطول للأسئلة' },
    ]);
    expect((await joined(neighbour, sessionId)).stagedAnswers).toHaveLength(2);

    const trimmed = waitForEvent(neighbour, ServerEvent.StageUpdate, (message) => message.stage.kind === 'answers' && message.stage.answerIds.length === 1);
    expect(okData(await request(mod, ClientEvent.PollAnswerHide, { pollId: poll.id, answerId: other, hidden: true }))).toMatchObject({ id: other, hidden: true });
    expect((await trimmed).answers).toEqual([{ id: answer.id, text: 'Plus de pauses' }]);
    const refused = await request(mod, ClientEvent.StageSet, { sessionId, stage: { kind: 'answers', pollId: poll.id, answerIds: [other] } });
    expect(refused.ok ? null : refused.error.field).toBe('stage.answerIds');
    const unknown = await request(mod, ClientEvent.PollAnswerHide, { pollId: poll.id, answerId: 'a999', hidden: true });
    expect(unknown.ok ? null : [unknown.error.code, unknown.error.field]).toEqual(['not_found', 'answerId']);
    await sleep(100);
    expect(leaked).toEqual([]);

    // The report lists them, oldest first, the hidden one marked.
    okData(await request(mod, ClientEvent.PollClose, { pollId: poll.id }));
    const response = await fetch(`${testServer().url}/api/events/${testServer().event.id}/report`, {
      headers: { authorization: `Bearer ${await organizerToken(testServer())}` },
    });
    const report = (await response.json()) as ReportResponse;
    const listed = report.polls.find((item) => item.poll.id === poll.id)?.answers;
    expect(listed?.map((item) => [item.text, item.hidden])).toEqual([
      ['Plus de pauses', false],
      ['وقت أطول للأسئلة', true],
    ]);
  });
});

describe('speaker:note', () => {
  it('reaches the session\'s speakers and staff, cleaned like a question, never the audience', async () => {
    const sessionId = testServer().sessions.open.id;
    const mod = await staff('moderator', sessionId);
    const speaker = await staff('speaker', sessionId);
    const screen = await staff('screen', sessionId);
    const { socket: phone } = await attendee(testServer(), 'Lina');
    await joined(phone, sessionId);
    const overheard = [...[phone, screen].map((socket) => collect(socket, ServerEvent.SpeakerNote))];
    const received = waitForEvent(speaker, ServerEvent.SpeakerNote);
    const note = okData(await request(mod, ClientEvent.SpeakerNote, { sessionId, text: '  5 minutes left\u202E  ' }));
    expect(note.text).toBe('5 minutes left');
    expect(await received).toEqual(note);
    await sleep(100);
    expect(overheard.flat()).toEqual([]);
  });
});

describe('quizzes keep their secret', () => {
  it('a quiz made without a results choice waits for its close; a choice still wins', async () => {
    const sessionId = testServer().sessions.open.id;
    const mod = await staff('moderator', sessionId);
    const quiz = await createPoll(mod, sessionId, { kind: 'quiz', prompt: 'Capitale ?', options: ['Rabat', 'Casablanca'], settings: { correctOption: 0 } });
    expect(quiz.settings.results).toBe('after_close');
    const live = await createPoll(mod, sessionId, { kind: 'quiz', prompt: 'Live ?', options: ['a', 'b'], settings: { correctOption: 0, results: 'live' } });
    expect(live.settings.results).toBe('live');
  });
});
