import { randomUUID } from 'node:crypto';
import type { InsightsResponse, ReportResponse } from '@jisr/protocol/insights';
import { ClientEvent } from '@jisr/protocol/events';
import type { JoinResponse } from '@jisr/protocol/http';
import { describe, expect, it } from 'vitest';
import { zip } from '../src/insights/zip.js';
import { unzip } from './unzip.js';
import {
  connect,
  okData,
  organizerToken,
  postJson,
  request,
  staffToken,
  useTestServer,
  type ClientSocket,
  type TestServer,
} from './harness.js';

const testServer = useTestServer();

async function join(server: TestServer, lang: 'ar' | 'fr', name?: string): Promise<{ socket: ClientSocket; join: JoinResponse }> {
  const response = await postJson(`${server.url}/api/join`, { code: 'TEST', lang, ...(name ? { name } : {}) });
  const body = (await response.json()) as JoinResponse;
  return { socket: await connect(server, body.token), join: body };
}

async function get(path: string, token?: string): Promise<Response> {
  return fetch(`${testServer().url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

/**
 * The files of a zip as Debian's Info-ZIP `unzip` reads them: an independent reader, not the
 * writer's own library. `unzip -t` checks every file's CRC first (issue 19.13).
 */
describe('insights: a scripted session in two languages', () => {
  it('counts every join, question, approval, answer, upvote and ballot, and the live sockets, as the script did them', async () => {
    const server = testServer();
    const { open, moderated } = server.sessions;
    const orgToken = await organizerToken(server);
    const org = await connect(server, orgToken);
    okData(await request(org, ClientEvent.SessionJoin, { sessionId: moderated.id }));
    okData(await request(org, ClientEvent.SessionJoin, { sessionId: open.id }));

    // Three attendees: two in Arabic (one of them will ask anonymously), one in French.
    const amina = await join(server, 'ar', 'Amina');
    const karim = await join(server, 'ar', 'Karim');
    const claire = await join(server, 'fr', 'Claire');
    okData(await request(amina.socket, ClientEvent.SessionJoin, { sessionId: open.id }));
    okData(await request(amina.socket, ClientEvent.SessionJoin, { sessionId: open.id })); // a rejoin: 2 joins, 1 participant
    okData(await request(claire.socket, ClientEvent.SessionJoin, { sessionId: open.id }));
    okData(await request(claire.socket, ClientEvent.SessionJoin, { sessionId: moderated.id }));
    okData(await request(karim.socket, ClientEvent.SessionJoin, { sessionId: moderated.id }));

    const ask = (who: ClientSocket, sessionId: string, text: string, lang: 'ar' | 'fr', anonymous = false) =>
      request(who, ClientEvent.QuestionAsk, { sessionId, text, lang, anonymous, clientId: randomUUID() }).then(okData);
    const q1 = await ask(amina.socket, open.id, 'ما هي خطة التمويل للسنة المقبلة؟', 'ar');
    const q2 = await ask(claire.socket, open.id, 'Quel calendrier pour le rapport final ?', 'fr');
    const q3 = await ask(karim.socket, moderated.id, 'هل ستنشر العروض بعد اللقاء؟', 'ar', true);
    await ask(claire.socket, moderated.id, 'Y aura-t-il une traduction simultanée ?', 'fr');

    // Upvotes: two on q1, one on q2 taken back.
    okData(await request(claire.socket, ClientEvent.QuestionVote, { questionId: q1.id, vote: true }));
    okData(await request(karim.socket, ClientEvent.QuestionVote, { questionId: q1.id, vote: true }));
    okData(await request(amina.socket, ClientEvent.QuestionVote, { questionId: q2.id, vote: true }));
    okData(await request(amina.socket, ClientEvent.QuestionVote, { questionId: q2.id, vote: false }));

    // Moderation: q3 approved (one question left waiting in the moderated session), q1 answered.
    okData(await request(org, ClientEvent.QuestionModerate, { questionId: q3.id, action: 'approve' }));
    okData(await request(org, ClientEvent.QuestionModerate, { questionId: q1.id, action: 'answer' }));

    // A poll: two ballots, one of them resent (counted once).
    const draft = okData(await request(org, ClientEvent.PollCreate, { sessionId: open.id, kind: 'single', prompt: 'Prochaine ville ?', options: ['Rabat', 'Bruxelles'] }));
    okData(await request(org, ClientEvent.PollOpen, { pollId: draft.id }));
    const resent = randomUUID();
    okData(await request(amina.socket, ClientEvent.PollVote, { pollId: draft.id, ballot: { optionId: 'o1' }, clientId: resent }));
    okData(await request(amina.socket, ClientEvent.PollVote, { pollId: draft.id, ballot: { optionId: 'o1' }, clientId: resent }));
    okData(await request(claire.socket, ClientEvent.PollVote, { pollId: draft.id, ballot: { optionId: 'o2' }, clientId: randomUUID() }));
    okData(await request(org, ClientEvent.PollClose, { pollId: draft.id }));

    // Sample the sockets (the timer does it every 5 s), then one leaves and the next sample sees it.
    server.app.ctx.insights.sample();
    await server.app.ctx.insights.flush();
    const during = (await (await get(`/api/events/${server.event.id}/insights`, orgToken)).json()) as InsightsResponse;
    expect(during.totals.liveNow).toBe(3);
    amina.socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.app.ctx.insights.sample();
    await server.app.ctx.insights.flush();

    const response = await get(`/api/events/${server.event.id}/insights`, orgToken);
    expect(response.status).toBe(200);
    const insights = (await response.json()) as InsightsResponse;
    expect(insights.totals).toEqual({
      joins: 3,
      participants: 3,
      liveNow: 2,
      livePeak: 3,
      asked: 4,
      approved: 3, // q1 and q2 published at once (unmoderated session), q3 by a moderator
      answered: 1,
      upvotes: 2,
      ballots: 2,
      waiting: 1,
      reactions: 0, // reactions.test.ts counts them
    });
    expect(insights.participantsByLang).toEqual({ ar: 2, fr: 1 });
    expect(insights.questionsByLang).toEqual({ ar: 2, fr: 2 });
    expect(insights.timeline.reduce((sum, point) => sum + point.joins, 0)).toBe(3);
    expect(Math.max(...insights.timeline.map((point) => point.live))).toBe(3);
    const figures = (id: string) => insights.sessions.find((session) => session.sessionId === id);
    expect(figures(open.id)).toMatchObject({
      joins: 3,
      participants: 2,
      liveNow: 1,
      livePeak: 2,
      asked: 2,
      approved: 2,
      answered: 1,
      upvotes: 2,
      ballots: 2,
      waiting: 0,
      askedByLang: { ar: 1, fr: 1 },
      engagement: 6,
    });
    expect(figures(moderated.id)).toMatchObject({
      joins: 2,
      participants: 2,
      liveNow: 2,
      livePeak: 2,
      asked: 2,
      approved: 1,
      answered: 0,
      upvotes: 0,
      ballots: 0,
      waiting: 1,
      askedByLang: { ar: 1, fr: 1 },
      engagement: 2,
    });
    expect(insights.rooms).toEqual([{ roomId: open.roomId, name: { fr: 'Salle A' }, liveNow: 3 }]);

    const report = (await (await get(`/api/events/${server.event.id}/report`, orgToken)).json()) as ReportResponse;
    expect(report.insights.totals).toEqual(insights.totals);
    expect(report.byEngagement.slice(0, 2)).toEqual([open.id, moderated.id]);
    expect(report.byAttendance.slice(0, 2)).toEqual([open.id, moderated.id]); // a tie (peak 2, 2 people): agenda order
    expect(report.topQuestions[open.id]?.map((q) => [q.id, q.votes])).toEqual([
      [q1.id, 2],
      [q2.id, 0],
    ]);
    const anonymous = report.topQuestions[moderated.id]?.[0];
    expect(anonymous?.id).toBe(q3.id);
    expect(anonymous?.authorName).toBeUndefined();
    expect(report.polls).toHaveLength(1);
    expect(report.polls[0]?.tally).toMatchObject({ total: 2, counts: { o1: 1, o2: 1 } });
  });

  it('shows insights, the report and the exports to the organizers of the event only', async () => {
    const server = testServer();
    const base = `/api/events/${server.event.id}`;
    const moderatorToken = await staffToken(server, 'moderator');
    const attendeeToken = (await join(server, 'fr')).join.token;
    for (const path of ['/insights', '/report', '/export.json', '/export.zip']) {
      expect((await get(base + path)).status).toBe(401);
      for (const token of [moderatorToken, attendeeToken]) {
        const response = await get(base + path, token);
        expect(response.status).toBe(403);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden');
      }
    }
  });

  it('exports the event as JSON and as a zip of CSV files, anonymous questions without their author', async () => {
    const server = testServer();
    const orgToken = await organizerToken(server);
    const karim = await join(server, 'ar', 'Karim Secret');
    okData(await request(karim.socket, ClientEvent.QuestionAsk, { sessionId: server.sessions.open.id, text: '=سؤال بلا اسم', anonymous: true, clientId: randomUUID() }));
    await server.app.ctx.insights.flush();

    const json = await get(`/api/events/${server.event.id}/export.json`, orgToken);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toContain('jisr-TEST.json');
    const text = await json.text();
    expect(text).not.toContain('Karim Secret');
    expect(text).not.toContain(karim.join.participant.id);
    expect(text).not.toContain(karim.join.token);
    const data = JSON.parse(text) as { questions: { text: string; anonymous: boolean }[]; sessions: unknown[]; insights: InsightsResponse };
    expect(data.questions.find((q) => q.text === '=سؤال بلا اسم')?.anonymous).toBe(true);
    expect(data.sessions).toHaveLength(4);

    const archive = await get(`/api/events/${server.event.id}/export.zip`, orgToken);
    expect(archive.status).toBe(200);
    expect(archive.headers.get('content-type')).toBe('application/zip');
    const files = unzip(Buffer.from(await archive.arrayBuffer()));
    expect([...files.keys()]).toEqual(['questions.csv', 'polls.csv', 'sessions.csv', 'feedback.csv', 'surveys.csv', 'event.json']);
    const questions = files.get('questions.csv') ?? '';
    expect(questions.startsWith('\uFEFFsession_id,')).toBe(true);
    expect(questions).toContain("'=سؤال بلا اسم"); // formula-safe
    expect(questions).not.toContain('Karim Secret');
    expect(files.get('sessions.csv')?.split('\r\n').filter(Boolean)).toHaveLength(5);
  });
});

describe('the export zip (issue 19.13)', () => {
  it('is a zip Info-ZIP tests and reads without error, UTF-8 text intact', () => {
    const text = 'سؤال,1\r\n'.repeat(200);
    const files = unzip(zip([{ name: 'questions.csv', data: text }, { name: 'event.json', data: Buffer.from('{"a":"é"}') }], new Date('2026-12-05T10:00:00Z')));
    expect([...files.keys()]).toEqual(['questions.csv', 'event.json']);
    expect(files.get('questions.csv')).toBe(text);
    expect(files.get('event.json')).toBe('{"a":"é"}');
  });
});
