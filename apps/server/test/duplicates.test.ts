import { randomUUID } from 'node:crypto';
import type { AuditPage } from '@jisr/protocol/audit';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { Question } from '@jisr/protocol/question';
import { describe, expect, it } from 'vitest';
import { createAskLimiter } from '../src/qa/ask-limiter.js';
import { attendee, connect, okData, organizerToken, request, staffToken, useTestServer, waitForEvent, type ClientSocket } from './harness.js';

/** Issue 20 over real sockets: duplicate hints (staff only), similar questions before asking, merge and unmerge. */
const testServer = useTestServer({ askLimiter: createAskLimiter(10_000) });

async function ask(socket: ClientSocket, sessionId: string, text: string, clientId: string = randomUUID()): Promise<Question> {
  return okData(await request(socket, ClientEvent.QuestionAsk, { sessionId, text, anonymous: false, clientId }));
}

async function joined(socket: ClientSocket, sessionId: string) {
  return okData(await request(socket, ClientEvent.SessionJoin, { sessionId }));
}

describe('"possibly the same as": the moderators’ hint', () => {
  it('comes with a duplicate to staff only: never to attendees, speakers or the screen, live or in a snapshot', async () => {
    const sessionId = testServer().sessions.open.id;
    const moderator = await connect(testServer(), await staffToken(testServer(), 'moderator', sessionId));
    const screen = await connect(testServer(), await staffToken(testServer(), 'screen', sessionId));
    const first = await attendee(testServer(), 'Amina');
    const second = await attendee(testServer(), 'Lucas');
    const watcher = await attendee(testServer(), 'Noor');
    for (const socket of [moderator, screen, watcher.socket]) await joined(socket, sessionId);

    const original = await ask(first.socket, sessionId, 'Est-ce que les diapositives seront partagées après la séance ?');
    const toStaff = waitForEvent(moderator, ServerEvent.QuestionUpsert, (m) => m.question.text.startsWith('Les diapositives'));
    const toScreen = waitForEvent(screen, ServerEvent.QuestionUpsert, (m) => m.question.text.startsWith('Les diapositives'));
    const toHall = waitForEvent(watcher.socket, ServerEvent.QuestionUpsert, (m) => m.question.text.startsWith('Les diapositives'));
    const duplicate = await ask(second.socket, sessionId, 'Les diapositives seront-elles partagées après la séance ?');

    expect(duplicate).not.toHaveProperty('similar');
    expect((await toStaff).question.similar).toEqual([original.id]);
    expect((await toScreen).question).not.toHaveProperty('similar');
    expect((await toHall).question).not.toHaveProperty('similar');
    const staffView = (await joined(moderator, sessionId)).questions.find((q) => q.id === duplicate.id);
    expect(staffView?.similar).toEqual([original.id]);
    for (const socket of [screen, watcher.socket]) {
      expect((await joined(socket, sessionId)).questions.some((q) => 'similar' in q)).toBe(false);
    }
  });
});

describe('question:similar (attendees, before asking)', () => {
  it('offers published questions like the text typed, at most 3, best first; never pending ones', async () => {
    const sessionId = testServer().sessions.moderated.id;
    const moderator = await connect(testServer(), await staffToken(testServer(), 'moderator', sessionId));
    const author = await attendee(testServer(), 'Karim');
    const typing = await attendee(testServer(), 'Sara');
    const published: Question[] = [];
    for (const text of [
      'Les présentations seront-elles disponibles après l’événement ?',
      'Bonjour, les présentations seront-elles disponibles après l’événement ?',
      'Merci ! Les présentations seront-elles disponibles après l’événement ?',
      'Les présentations seront-elles disponibles après l’événement, svp ?',
    ]) {
      const question = await ask(author.socket, sessionId, text);
      published.push(okData(await request(moderator, ClientEvent.QuestionModerate, { questionId: question.id, action: 'approve' })));
    }
    const pending = await ask(author.socket, sessionId, 'Les présentations seront-elles disponibles après l’événement ?');
    await ask(author.socket, sessionId, 'Où se trouve la salle B ?');

    const found = okData(await request(typing.socket, ClientEvent.QuestionSimilar, { sessionId, text: 'Les présentations seront-elles disponibles après l’événement ?' }));
    expect(found).toHaveLength(3);
    expect(found[0]).toEqual({ questionId: published[0]?.id, text: published[0]?.text });
    expect(found.map((match) => match.questionId)).not.toContain(pending.id);
    expect(okData(await request(typing.socket, ClientEvent.QuestionSimilar, { sessionId, text: 'Quel temps fera-t-il demain ?' }))).toEqual([]);
  });

  it('names the field it refuses, and only attendees may ask it', async () => {
    const sessionId = testServer().sessions.open.id;
    const { socket } = await attendee(testServer());
    expect(await request(socket, ClientEvent.QuestionSimilar, { sessionId, text: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'text' } });
    expect(await request(socket, ClientEvent.QuestionSimilar, { sessionId, text: '\u200B\u200D' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'text' } });
    expect(await request(socket, ClientEvent.QuestionSimilar, { sessionId, text: 'x'.repeat(501) })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'text' } });
    expect(await request(socket, ClientEvent.QuestionSimilar, { sessionId: 'se_unknown', text: 'Une question ?' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const screen = await connect(testServer(), await staffToken(testServer(), 'screen', sessionId));
    expect(await request(screen, ClientEvent.QuestionSimilar, { sessionId, text: 'Une question ?' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('question:merge and question:unmerge', () => {
  it('pools the voters once, tells everyone the merged one left (and where it went), and the screen shows one question with the summed votes', async () => {
    const sessionId = testServer().sessions.open.id;
    const moderator = await connect(testServer(), await staffToken(testServer(), 'moderator', sessionId));
    const screen = await connect(testServer(), await staffToken(testServer(), 'screen', sessionId));
    const amina = await attendee(testServer(), 'Amina');
    const lucas = await attendee(testServer(), 'Lucas');
    const both = await attendee(testServer(), 'Both');
    const only = await attendee(testServer(), 'Only');
    const kept = await ask(amina.socket, sessionId, 'هل ستتم مشاركة الشرائح بعد الجلسة؟');
    const mergedClientId = randomUUID();
    const merged = await ask(lucas.socket, sessionId, 'Allez-vous partager les diapositives ?', mergedClientId);
    for (const [socket, questionId] of [[both.socket, kept.id], [both.socket, merged.id], [only.socket, merged.id]] as const) {
      okData(await request(socket, ClientEvent.QuestionVote, { questionId, vote: true }));
    }
    await joined(screen, sessionId);
    await joined(lucas.socket, sessionId);

    const removed = waitForEvent(screen, ServerEvent.QuestionRemove, (m) => m.questionId === merged.id);
    const grown = waitForEvent(screen, ServerEvent.QuestionUpsert, (m) => m.question.id === kept.id);
    const forAuthor = waitForEvent(lucas.socket, ServerEvent.QuestionRemove, (m) => m.questionId === merged.id);
    const result = okData(await request(moderator, ClientEvent.QuestionMerge, { questionId: merged.id, intoId: kept.id }));

    expect(result).toMatchObject({ id: kept.id, votes: 2, variants: [{ text: merged.text, lang: merged.lang }] });
    expect(await removed).toMatchObject({ intoId: kept.id });
    expect(await forAuthor).toMatchObject({ intoId: kept.id });
    expect((await grown).question).toMatchObject({ votes: 2, variants: [{ text: merged.text }] });
    const onScreen = (await joined(screen, sessionId)).questions.filter((q) => q.id === kept.id || q.id === merged.id);
    expect(onScreen).toEqual([expect.objectContaining({ id: kept.id, votes: 2 })]);
    // Both authors keep "my question"; voters follow the kept one.
    expect((await joined(lucas.socket, sessionId)).myQuestionIds).toContain(kept.id);
    expect((await joined(amina.socket, sessionId)).myQuestionIds).toContain(kept.id);
    expect((await joined(only.socket, sessionId)).myVotes).toEqual([kept.id]);

    // The outbox resends after the merge: nothing counted twice, nothing refused.
    const resentAsk = okData(await request(lucas.socket, ClientEvent.QuestionAsk, { sessionId, text: merged.text, anonymous: false, clientId: mergedClientId }));
    expect(resentAsk.id).toBe(kept.id);
    const resentVote = okData(await request(only.socket, ClientEvent.QuestionVote, { questionId: merged.id, vote: true }));
    expect(resentVote).toEqual({ questionId: kept.id, votes: 2, voted: true });
    expect(okData(await request(both.socket, ClientEvent.QuestionVote, { questionId: kept.id, vote: true })).votes).toBe(2);

    // Unmerge: both as they were, votes back to who voted for which.
    const back = waitForEvent(screen, ServerEvent.QuestionUpsert, (m) => m.question.id === merged.id);
    const unmerged = okData(await request(moderator, ClientEvent.QuestionUnmerge, { questionId: kept.id, variantIndex: 0 }));
    expect(unmerged).toMatchObject({ id: kept.id, votes: 1 });
    expect(unmerged).not.toHaveProperty('variants');
    expect((await back).question).toMatchObject({ id: merged.id, votes: 2 });
    expect((await joined(both.socket, sessionId)).myVotes.sort()).toEqual([kept.id, merged.id].sort());
  });

  it('is for moderators only, names what it refuses, changes nothing then, and is audited', async () => {
    const server = testServer();
    const sessionId = server.sessions.open.id;
    const orgToken = await organizerToken(server);
    const moderator = await connect(server, await staffToken(server, 'moderator', sessionId, 'Yasmine'));
    const author = await attendee(server, 'Omar');
    const a = await ask(author.socket, sessionId, 'Première question ?');
    const b = await ask(author.socket, sessionId, 'Deuxième question ?');
    const elsewhere = await ask(author.socket, server.sessions.moderated.id, 'Ailleurs ?');

    const refusals = [
      [author.socket, ClientEvent.QuestionMerge, { questionId: b.id, intoId: a.id }, { code: 'forbidden' }],
      [author.socket, ClientEvent.QuestionUnmerge, { questionId: a.id, variantIndex: 0 }, { code: 'forbidden' }],
      [moderator, ClientEvent.QuestionMerge, { questionId: a.id, intoId: a.id }, { code: 'invalid_input', field: 'intoId' }],
      [moderator, ClientEvent.QuestionMerge, { questionId: a.id }, { code: 'invalid_input', field: 'intoId' }],
      [moderator, ClientEvent.QuestionMerge, { questionId: a.id, intoId: 'q_unknown' }, { code: 'not_found', field: 'intoId' }],
      [moderator, ClientEvent.QuestionMerge, { questionId: 'q_unknown', intoId: a.id }, { code: 'not_found', field: 'questionId' }],
      [moderator, ClientEvent.QuestionUnmerge, { questionId: a.id, variantIndex: -1 }, { code: 'invalid_input', field: 'variantIndex' }],
      [moderator, ClientEvent.QuestionUnmerge, { questionId: a.id, variantIndex: 1.5 }, { code: 'invalid_input', field: 'variantIndex' }],
      [moderator, ClientEvent.QuestionUnmerge, { questionId: a.id, variantIndex: 0 }, { code: 'not_found', field: 'variantIndex' }],
    ] as const;
    const before = await server.store.listQuestions(sessionId);
    for (const [socket, event, payload, error] of refusals) {
      expect(await request(socket, event, payload as never), `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error });
    }
    // Another session's question: the moderator of this one may not reach it at all.
    expect(await request(moderator, ClientEvent.QuestionMerge, { questionId: elsewhere.id, intoId: a.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const org = await connect(server, orgToken);
    expect(await request(org, ClientEvent.QuestionMerge, { questionId: elsewhere.id, intoId: a.id })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'intoId' } });
    expect(await server.store.listQuestions(sessionId)).toEqual(before);

    okData(await request(moderator, ClientEvent.QuestionMerge, { questionId: b.id, intoId: a.id }));
    expect(await request(moderator, ClientEvent.QuestionMerge, { questionId: b.id, intoId: a.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // The author can't edit or delete a question merged away, nor delete the one others live on in.
    expect(await request(author.socket, ClientEvent.QuestionEdit, { questionId: b.id, text: 'Changée ?' })).toMatchObject({ ok: false, error: { code: 'closed' } });
    expect(await request(author.socket, ClientEvent.QuestionDelete, { questionId: a.id })).toMatchObject({ ok: false, error: { code: 'closed' } });
    okData(await request(moderator, ClientEvent.QuestionUnmerge, { questionId: a.id, variantIndex: 0 }));

    const response = await fetch(`${server.url}/api/events/${server.event.id}/audit`, { headers: { authorization: `Bearer ${orgToken}` } });
    const page = (await response.json()) as AuditPage;
    expect(page.entries.slice(0, 2).map(({ action, target, actor }) => ({ action, target, name: actor.name }))).toEqual([
      { action: 'question:unmerge', target: a.id, name: 'Yasmine' },
      { action: 'question:merge', target: b.id, name: 'Yasmine' },
    ]);
  });
});
