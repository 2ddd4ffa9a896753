import { randomUUID } from 'node:crypto';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { EventAgenda, JoinResponse } from '@jisr/protocol/http';
import type { Question } from '@jisr/protocol/question';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApertium, type ApertiumProcess } from '../support/apertium.js';
import { startApp, type AppProcess } from '../support/app-process.js';
import { startCluster, type Cluster } from '../support/cluster.js';
import { connectSocket, okData, request, waitForEvent, type ClientSocket } from '../support/cluster-clients.js';
import { SHARED_REDIS_URL } from '../support/redis-server.js';
import { ADMIN, staffToken } from '../support/staff.js';

/**
 * Issue 20 with a real apertium-apy: translations reach phones as question:upsert, the
 * `by` field survives both stores, and killing the engine mid-session changes nothing but
 * the translations, which resume when it returns. SQLite (one node) and Redis (two nodes:
 * the question asked on one, the Spanish phone on the other).
 */
let apy: ApertiumProcess;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  apy = await startApertium();
});
afterAll(async () => {
  await apy?.stop();
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

async function phone(url: string, lang: 'en' | 'es', name: string): Promise<ClientSocket> {
  const response = await fetch(`${url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'DEMO', name, lang }),
  });
  if (response.status !== 201) throw new Error(`join failed: ${response.status} ${await response.text()}`);
  const { token } = (await response.json()) as JoinResponse;
  const socket = await connectSocket(url, token);
  sockets.push(socket);
  return socket;
}

async function liveSession(url: string): Promise<{ eventId: string; sessionId: string }> {
  const agenda = (await (await fetch(`${url}/api/events/DEMO`)).json()) as EventAgenda;
  const session = agenda.sessions.find((item) => item.status === 'live' && item.qa.open && !item.qa.moderated);
  if (!session) throw new Error('the demo has no live session with open Q&A');
  return { eventId: agenda.event.id, sessionId: session.id };
}

function ask(socket: ClientSocket, sessionId: string, text: string): Promise<Question> {
  return request(socket, ClientEvent.QuestionAsk, { sessionId, text, anonymous: false, clientId: randomUUID() }).then(okData);
}

const spanishOf = (id: string) => (message: { question: Question }) => message.question.id === id && message.question.translations?.es !== undefined;

async function scenario(askUrl: string, readUrl: string): Promise<void> {
  const { eventId, sessionId } = await liveSession(askUrl);
  const english = await phone(askUrl, 'en', 'Emma');
  const spanish = await phone(readUrl, 'es', 'Lucía');
  const screen = await connectSocket(readUrl, await staffToken(readUrl, eventId, 'screen', sessionId, 'Sala A'));
  sockets.push(screen);
  for (const socket of [english, spanish, screen]) okData(await request(socket, ClientEvent.SessionJoin, { sessionId }));

  // 1. An English question reaches the Spanish phone with a Spanish machine translation, after
  // the ack; French comes through Spanish (APy has no eng-fra) and says so. Each language is
  // its own upsert: the last one carries both.
  const arrives = waitForEvent(spanish, ServerEvent.QuestionUpsert, (message) => !!message.question.translations?.es && !!message.question.translations.fr, 20_000);
  const asked = await ask(english, sessionId, 'When does the second phase of the project start?');
  expect(asked.detectedLang).toBe('en');
  expect(asked.translations).toBeUndefined();
  const { question } = await arrives;
  expect(question.id).toBe(asked.id);
  expect(question.translations?.es).toMatchObject({ by: 'machine', engine: 'apertium' });
  expect(question.translations?.es?.text.toLowerCase()).toContain('proyecto');
  expect(question.translations?.fr).toMatchObject({ by: 'machine', engine: 'apertium', pivot: 'es' });

  // 2. The store kept `by`: a fresh snapshot (read from the store) says machine.
  const snapshot = okData(await request(spanish, ClientEvent.SessionJoin, { sessionId }));
  expect(snapshot.questions.find((q) => q.id === asked.id)?.translations?.es?.by).toBe('machine');

  // 3. The engine dies mid-session: asking, voting and the screen go on; /readyz stays ready.
  await apy.kill();
  const onScreen = waitForEvent(screen, ServerEvent.QuestionUpsert, (message) => message.question.text.startsWith('Is the budget'), 5000);
  const started = Date.now();
  const during = await ask(english, sessionId, 'Is the budget for the project already approved?');
  expect(Date.now() - started).toBeLessThan(1000);
  await onScreen;
  const vote = okData(await request(spanish, ClientEvent.QuestionVote, { questionId: during.id, vote: true }));
  expect(vote.votes).toBe(1);
  expect((await fetch(`${askUrl}/readyz`)).status).toBe(200);
  expect((await fetch(`${readUrl}/readyz`)).status).toBe(200);

  // 4. It comes back: the question asked meanwhile is translated without anyone asking again.
  const resumed = waitForEvent(spanish, ServerEvent.QuestionUpsert, spanishOf(during.id), 30_000);
  await apy.restart();
  const late = await resumed;
  expect(late.question.translations?.es).toMatchObject({ by: 'machine', engine: 'apertium' });
  expect(late.question.votes).toBe(1);
}

describe('SQLite, one node', () => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startApp({ TRANSLATE_URL: apy.url, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('translates, survives the engine’s death and resumes', async () => {
    await scenario(app.url, app.url);
  }, 90_000);
});

describe('Redis, two nodes', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ count: 2, redisUrl: SHARED_REDIS_URL, name: 'bridge', env: { TRANSLATE_URL: apy.url } });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('the node that took the question translates it; the other node’s Spanish phone gets it', async () => {
    const [first, second] = cluster.urls;
    if (!first || !second) throw new Error('two nodes expected');
    if (!(await apyAnswers())) await apy.restart();
    await scenario(first, second);
  }, 90_000);
});

async function apyAnswers(): Promise<boolean> {
  return fetch(`${apy.url}/listPairs`).then((response) => response.ok, () => false);
}
