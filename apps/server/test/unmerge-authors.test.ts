import { randomUUID } from 'node:crypto';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAskLimiter } from '../src/qa/ask-limiter.js';
import { attendee, connect, disconnectAll, okData, request, staffToken, startServer, waitForEvent, type ClientSocket, type TestServer } from './harness.js';
import { BACKENDS } from './store-backends.js';

/**
 * Issue 20, "both authors keep their own view of my question": through a merge and an
 * unmerge, each author's snapshot names their own question, on both stores.
 */
describe.each(BACKENDS)('my question through a merge and an unmerge on the %s store', (_name, backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ backend, askLimiter: createAskLimiter(10_000) });
  });
  afterEach(() => disconnectAll());
  afterAll(async () => {
    await server.stop();
  });

  const join = async (socket: ClientSocket) => okData(await request(socket, ClientEvent.SessionJoin, { sessionId: server.sessions.open.id }));
  const ask = async (socket: ClientSocket, text: string) =>
    okData(await request(socket, ClientEvent.QuestionAsk, { sessionId: server.sessions.open.id, text, anonymous: false, clientId: randomUUID() }));

  it('the merged author follows the kept question, knows theirs was merged, and has it back alone after the unmerge', async () => {
    const amina = (await attendee(server, 'Amina')).socket;
    const lucas = (await attendee(server, 'Lucas')).socket;
    const kept = await ask(amina, 'Will the slides be shared after the session?');
    const merged = await ask(lucas, 'Les diapositives seront-elles partagées après la séance ?');
    const moderator = await connect(server, await staffToken(server, 'moderator', server.sessions.open.id));
    await join(moderator);
    okData(await request(moderator, ClientEvent.QuestionMerge, { questionId: merged.id, intoId: kept.id }));

    const lucasMerged = await join(lucas);
    expect(lucasMerged.myQuestionIds).toEqual([kept.id]);
    expect(lucasMerged.myMergedQuestionIds).toEqual([merged.id]);
    const aminaMerged = await join(amina);
    expect(aminaMerged.myQuestionIds).toEqual([kept.id]);
    expect(aminaMerged.myMergedQuestionIds).toEqual([]);

    // Lucas's phone hears his question come back (its cue to take a fresh snapshot).
    const back = waitForEvent(lucas, ServerEvent.QuestionUpsert, (message) => message.question.id === merged.id);
    const restored = okData(await request(moderator, ClientEvent.QuestionUnmerge, { questionId: kept.id, variantIndex: 0 }));
    expect(restored.variants ?? []).toEqual([]);
    expect((await back).question.text).toBe(merged.text);

    const lucasAfter = await join(lucas);
    expect(lucasAfter.myQuestionIds).toEqual([merged.id]);
    expect(lucasAfter.myMergedQuestionIds).toEqual([]);
    expect(lucasAfter.questions.map((question) => question.id)).toEqual(expect.arrayContaining([kept.id, merged.id]));
    const aminaAfter = await join(amina);
    expect(aminaAfter.myQuestionIds).toEqual([kept.id]);
  });
});
