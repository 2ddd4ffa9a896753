import { randomUUID } from 'node:crypto';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { Question } from '@jisr/protocol/question';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  attendee,
  collect,
  connect,
  okData,
  organizerToken,
  request,
  sleep,
  staffToken,
  useTestServer,
  waitForEvent,
  type ClientSocket,
} from './harness.js';

const arabicList = createRequire(import.meta.url)('naughty-words/ar.json') as string[];

const testServer = useTestServer();

async function ask(socket: ClientSocket, sessionId: string, text: string, anonymous = false): Promise<Question> {
  return okData(await request(socket, ClientEvent.QuestionAsk, { sessionId, text, anonymous, clientId: randomUUID() }));
}

describe('moderation flow in a moderated session', () => {
  it('approve publishes to attendees, speaker and screen; pin moves; answer and archive take it down', async () => {
    const sessionId = testServer().sessions.moderated.id;
    const moderator = await connect(testServer(), await staffToken(testServer(), 'moderator', sessionId));
    const screen = await connect(testServer(), await staffToken(testServer(), 'screen', sessionId));
    const speaker = await connect(testServer(), await staffToken(testServer(), 'speaker', sessionId));
    const author = await attendee(testServer(), 'Amina');
    const other = await attendee(testServer(), 'Omar');
    for (const socket of [moderator, screen, speaker, author.socket, other.socket]) {
      okData(await request(socket, ClientEvent.SessionJoin, { sessionId }));
    }

    const queued = waitForEvent(moderator, ServerEvent.QuestionUpsert);
    const question = await ask(author.socket, sessionId, 'Quelles aides juridiques la fondation propose-t-elle ?');
    expect(question.status).toBe('pending');
    expect((await queued).question.status).toBe('pending');

    const onScreen = waitForEvent(screen, ServerEvent.QuestionUpsert, (m) => m.question.id === question.id);
    const onOther = waitForEvent(other.socket, ServerEvent.QuestionUpsert, (m) => m.question.id === question.id);
    const onSpeaker = waitForEvent(speaker, ServerEvent.QuestionUpsert, (m) => m.question.id === question.id);
    const approved = okData(await request(moderator, ClientEvent.QuestionModerate, { questionId: question.id, action: 'approve' }));
    expect(approved.status).toBe('approved');
    for (const seen of [onScreen, onOther, onSpeaker]) expect((await seen).question.status).toBe('approved');

    const second = await ask(author.socket, sessionId, 'Et pour les étudiants ?');
    const firstPinShown = waitForEvent(screen, ServerEvent.QuestionUpsert, (m) => m.question.id === question.id && m.question.pinned);
    okData(await request(moderator, ClientEvent.QuestionModerate, { questionId: question.id, action: 'pin' }));
    await firstPinShown;
    const screenUpserts = collect(screen, ServerEvent.QuestionUpsert);
    const pinned = okData(await request(moderator, ClientEvent.QuestionModerate, { questionId: second.id, action: 'pin' }));
    expect(pinned).toMatchObject({ pinned: true, status: 'approved' });
    await sleep(150);
    // The screen hears both: the old pin released, the new one set.
    expect(screenUpserts.map((m) => [m.question.id, m.question.pinned])).toEqual([
      [question.id, false],
      [second.id, true],
    ]);
    const stored = await testServer().store.listQuestions(sessionId);
    expect(stored.filter((q) => q.pinned).map((q) => q.id)).toEqual([second.id]);

    const answered = okData(await request(moderator, ClientEvent.QuestionModerate, { questionId: second.id, action: 'answer' }));
    expect(answered).toMatchObject({ status: 'answered', pinned: false });
    expect(answered.answeredAt).toBeDefined();

    const gone = waitForEvent(other.socket, ServerEvent.QuestionRemove, (m) => m.questionId === question.id);
    okData(await request(moderator, ClientEvent.QuestionModerate, { questionId: question.id, action: 'archive' }));
    expect((await gone).questionId).toBe(question.id);
    const restored = okData(await request(moderator, ClientEvent.QuestionModerate, { questionId: question.id, action: 'restore' }));
    expect(restored.status).toBe('approved');
  });

  it('says conflict for an action that no longer applies, and changes nothing', async () => {
    const sessionId = testServer().sessions.moderated.id;
    const moderator = await connect(testServer(), await staffToken(testServer(), 'moderator', sessionId));
    const author = await attendee(testServer());
    const question = await ask(author.socket, sessionId, 'Answer me twice?');
    okData(await request(moderator, ClientEvent.QuestionModerate, { questionId: question.id, action: 'approve' }));
    okData(await request(moderator, ClientEvent.QuestionModerate, { questionId: question.id, action: 'answer' }));
    const seq = await testServer().store.getSeq(sessionId);
    const again = await request(moderator, ClientEvent.QuestionModerate, { questionId: question.id, action: 'answer' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await testServer().store.getSeq(sessionId)).toBe(seq);
  });

  it('keeps rejected questions from attendees, including in later snapshots', async () => {
    const sessionId = testServer().sessions.moderated.id;
    const moderator = await connect(testServer(), await staffToken(testServer(), 'moderator', sessionId));
    const author = await attendee(testServer());
    const other = await attendee(testServer());
    const question = await ask(author.socket, sessionId, 'Something to reject');
    okData(await request(moderator, ClientEvent.QuestionModerate, { questionId: question.id, action: 'reject' }));
    for (const socket of [author.socket, other.socket]) {
      const snapshot = okData(await request(socket, ClientEvent.SessionJoin, { sessionId }));
      expect(snapshot.questions.map((q) => q.id)).not.toContain(question.id);
    }
    const staffView = okData(await request(moderator, ClientEvent.SessionJoin, { sessionId }));
    expect(staffView.questions.find((q) => q.id === question.id)?.status).toBe('rejected');
  });

  it('shows a reply and labels under the question to everyone', async () => {
    const sessionId = testServer().sessions.open.id;
    const moderator = await connect(testServer(), await organizerToken(testServer()));
    const author = await attendee(testServer());
    const watcher = await attendee(testServer());
    okData(await request(watcher.socket, ClientEvent.SessionJoin, { sessionId }));
    const question = await ask(author.socket, sessionId, 'Is there an Arabic translation?');
    const replied = waitForEvent(watcher.socket, ServerEvent.QuestionUpsert, (m) => m.question.reply !== undefined);
    okData(await request(moderator, ClientEvent.QuestionReply, { questionId: question.id, text: 'Yes: channel 2 on the headsets.' }));
    expect((await replied).question.reply).toBe('Yes: channel 2 on the headsets.');
    const labelled = okData(await request(moderator, ClientEvent.QuestionLabel, { questionId: question.id, labels: ['ترجمة', 'Logistics', 'logistics'] }));
    expect(labelled.labels).toEqual(['ترجمة', 'Logistics']);
    const cleared = okData(await request(moderator, ClientEvent.QuestionReply, { questionId: question.id, text: '' }));
    expect(cleared).not.toHaveProperty('reply');
  });
});

describe('authors edit and delete their own questions', () => {
  it('edits while unanswered; others see the edit; a moderated edit goes back to the queue', async () => {
    const sessionId = testServer().sessions.open.id;
    const author = await attendee(testServer());
    const watcher = await attendee(testServer());
    okData(await request(watcher.socket, ClientEvent.SessionJoin, { sessionId }));
    const question = await ask(author.socket, sessionId, 'Typo in my questoin');
    const seen = waitForEvent(watcher.socket, ServerEvent.QuestionUpsert, (m) => m.question.editedAt !== undefined);
    const edited = okData(await request(author.socket, ClientEvent.QuestionEdit, { questionId: question.id, text: 'Typo in my question' }));
    expect(edited).toMatchObject({ text: 'Typo in my question', status: 'approved' });
    expect((await seen).question.text).toBe('Typo in my question');

    const moderator = await connect(testServer(), await staffToken(testServer(), 'moderator', testServer().sessions.moderated.id));
    const queued = await ask(author.socket, testServer().sessions.moderated.id, 'Approved then edited');
    okData(await request(moderator, ClientEvent.QuestionModerate, { questionId: queued.id, action: 'approve' }));
    const back = okData(await request(author.socket, ClientEvent.QuestionEdit, { questionId: queued.id, text: 'Now something else' }));
    expect(back.status).toBe('pending');
  });

  it("forbids editing or deleting someone else's question, and an answered one", async () => {
    const sessionId = testServer().sessions.open.id;
    const author = await attendee(testServer());
    const intruder = await attendee(testServer());
    const question = await ask(author.socket, sessionId, 'Mine');
    expect(await request(intruder.socket, ClientEvent.QuestionEdit, { questionId: question.id, text: 'Hijacked' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await request(intruder.socket, ClientEvent.QuestionDelete, { questionId: question.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const moderator = await connect(testServer(), await organizerToken(testServer()));
    okData(await request(moderator, ClientEvent.QuestionModerate, { questionId: question.id, action: 'answer' }));
    expect(await request(author.socket, ClientEvent.QuestionEdit, { questionId: question.id, text: 'Too late' })).toMatchObject({
      ok: false,
      error: { code: 'closed' },
    });
    expect((await testServer().store.getQuestion(question.id))?.text).toBe('Mine');
  });

  it('deletes, and every viewer hears the removal', async () => {
    const sessionId = testServer().sessions.open.id;
    const author = await attendee(testServer());
    const watcher = await attendee(testServer());
    okData(await request(watcher.socket, ClientEvent.SessionJoin, { sessionId }));
    const question = await ask(author.socket, sessionId, 'Never mind');
    const removed = waitForEvent(watcher.socket, ServerEvent.QuestionRemove, (m) => m.questionId === question.id);
    okData(await request(author.socket, ClientEvent.QuestionDelete, { questionId: question.id }));
    await removed;
    expect(await testServer().store.getQuestion(question.id)).toBeNull();
  });
});

describe('limits and filters', () => {
  it('holds a question with a listed word for review instead of publishing it', async () => {
    const sessionId = testServer().sessions.open.id;
    const author = await attendee(testServer());
    const watcher = await attendee(testServer());
    okData(await request(watcher.socket, ClientEvent.SessionJoin, { sessionId }));
    const upserts = collect(watcher.socket, ServerEvent.QuestionUpsert);
    const held = await ask(author.socket, sessionId, 'Quel SALAUD ce ministre');
    expect(held).toMatchObject({ status: 'pending', held: true });
    // A word from the Arabic list, written with a tatweel: folding must still catch it.
    const listed = arabicList[1] ?? '';
    const heldArabic = await ask(author.socket, sessionId, `كلمة ${listed.slice(0, 1)}ـ${listed.slice(1)} هنا`);
    expect(heldArabic.status).toBe('pending');
    await sleep(150);
    expect(upserts).toHaveLength(0);
  });

  it('answers rate_limited past five questions a minute, but never refuses a retry', async () => {
    const sessionId = testServer().sessions.open.id;
    const { socket } = await attendee(testServer());
    const clientIds = Array.from({ length: 6 }, () => randomUUID());
    const acks = [];
    for (const clientId of clientIds) {
      acks.push(await request(socket, ClientEvent.QuestionAsk, { sessionId, text: `Question ${clientId}`, anonymous: false, clientId }));
    }
    expect(acks.slice(0, 5).every((ack) => ack.ok)).toBe(true);
    expect(acks[5]).toMatchObject({ ok: false, error: { code: 'rate_limited', details: { retryAfterSeconds: expect.any(Number) } } });
    const wait = acks[5]?.ok === false ? acks[5].error.details?.retryAfterSeconds : undefined;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    const retry = await request(socket, ClientEvent.QuestionAsk, {
      sessionId,
      text: `Question ${clientIds[0]}`,
      anonymous: false,
      clientId: clientIds[0] ?? '',
    });
    expect(retry.ok).toBe(true);
  });

  it('counts 200 concurrent upvotes on one question as exactly 200', async () => {
    const sessionId = testServer().sessions.open.id;
    const author = await attendee(testServer());
    const question = await ask(author.socket, sessionId, 'The most popular question');
    const voters = await Promise.all(Array.from({ length: 200 }, () => attendee(testServer())));
    const acks = await Promise.all(
      voters.map(({ socket }) => request(socket, ClientEvent.QuestionVote, { questionId: question.id, vote: true })),
    );
    expect(acks.filter((ack) => ack.ok)).toHaveLength(200);
    expect((await testServer().store.getQuestion(question.id))?.votes).toBe(200);
  });
});

describe('session settings', () => {
  it('lets a moderator close Q&A; the whole event hears it and asks are refused', async () => {
    const sessionId = testServer().sessions.named.id;
    const moderator = await connect(testServer(), await staffToken(testServer(), 'moderator'));
    const viewer = await attendee(testServer());
    okData(await request(viewer.socket, ClientEvent.SessionJoin, { sessionId }));
    const heard = waitForEvent(viewer.socket, ServerEvent.AgendaUpdate, (m) => m.session.id === sessionId);
    const session = okData(await request(moderator, ClientEvent.SessionSettings, { sessionId, qa: { open: false } }));
    expect(session.qa).toEqual({ open: false, moderated: false, anonymousAllowed: false });
    expect((await heard).session.qa.open).toBe(false);
    expect(await request(viewer.socket, ClientEvent.QuestionAsk, { sessionId, text: 'late', anonymous: false, clientId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'closed' },
    });
    okData(await request(moderator, ClientEvent.SessionSettings, { sessionId, qa: { open: true } }));
  });
});
