import { randomUUID } from 'node:crypto';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { Survey, SurveyWithResults } from '@jisr/protocol/survey';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTED_MESSAGE } from '../src/audience/mute-check.js';
import { connect, disconnectAll, joinEvent, okData, organizerToken, postJson, rawRequest, request, staffToken, waitForEvent, type ClientSocket, type TestServer } from './harness.js';
import { startNodes, STORES } from './redis-nodes.js';
import { unzip } from './unzip.js';

/**
 * Issue 22.2: event surveys over real HTTP and sockets, on SQLite and on real Redis with two
 * nodes (built on one, answered on the other). Organizers (and co-organizers) build, open and
 * close them; attendees answer once, a resend counting once; bad answers are `invalid_input`
 * naming the field; an event-muted person's open text is refused; results reach the list,
 * the audit log and the export zip, never naming anyone.
 */
describe.each(STORES)('event surveys (%s)', (kind) => {
  let nodes: TestServer[] = [];
  const node = (i: number): TestServer => {
    const found = nodes[i % nodes.length];
    if (!found) throw new Error('no node');
    return found;
  };
  let token = '';

  beforeAll(async () => {
    nodes = await startNodes(kind, 2);
    token = await organizerToken(node(0));
  }, 60_000);
  afterAll(async () => {
    disconnectAll();
    await nodes[0]?.stop();
  });

  const http = async (i: number, method: string, path: string, body?: unknown, bearer = token) => {
    const response = await fetch(`${node(i).url}/api/events/${node(i).event.id}/surveys${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const draft = {
    title: { fr: 'Votre avis', ar: 'رأيكم' },
    lang: 'fr',
    questions: [
      { kind: 'rating', prompt: 'Note globale ?' },
      { kind: 'single', prompt: 'Reviendrez-vous ?', options: ['Oui', 'Non'], translations: { ar: { prompt: 'هل ستعود؟', options: ['نعم', 'لا'] } } },
      { kind: 'ranking', prompt: 'Classez', options: ['Ateliers', 'Plénières', 'Pauses'] },
      { kind: 'text', prompt: 'Un mot ?' },
    ],
  };
  async function openSurvey(): Promise<Survey> {
    const created = await http(0, 'POST', '', draft);
    expect(created.status).toBe(201);
    const opened = await http(1, 'POST', `/${String(created.body['id'])}/open`);
    expect(opened.body).toMatchObject({ state: 'open' });
    return opened.body as unknown as Survey;
  }
  const person = async (i: number): Promise<ClientSocket> => connect(node(i), (await joinEvent(node(i))).token);
  const answer = (socket: ClientSocket, surveyId: string, answers: unknown, clientId: string = randomUUID()) => rawRequest(socket, ClientEvent.SurveyAnswer, { surveyId, answers, clientId });
  const results = async (surveyId: string) => ((await http(1, 'GET', '')).body as unknown as SurveyWithResults[]).find((entry) => entry.survey.id === surveyId);

  it('answers once per person: resends (at once, on both nodes) count once, a second answer is a conflict', async () => {
    const survey = await openSurvey();
    const [rating, single] = survey.questions;
    const amal = await person(0);
    const amalElsewhere = await connect(node(1), (amal.auth as { token: string }).token);
    const clientId = randomUUID();
    const answers = [{ questionId: rating?.id, ballot: { value: 4 } }, { questionId: single?.id, ballot: { optionId: single?.options[0]?.id } }];
    const acks = await Promise.all([answer(amal, survey.id, answers, clientId), answer(amalElsewhere, survey.id, answers, clientId)]);
    const again = await answer(amal, survey.id, answers, clientId);
    const answered = [...acks, again].map((ack) => okData(ack));
    expect(new Set(answered.map((entry) => JSON.stringify(entry))).size).toBe(1);
    expect(await answer(amal, survey.id, [{ questionId: rating?.id, ballot: { value: 1 } }])).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const listed = okData(await request(amalElsewhere, ClientEvent.SurveyList, { eventId: node(1).event.id })).find((entry) => entry.id === survey.id);
    expect(listed).toMatchObject({ answered: true, state: 'open' });
    const found = await results(survey.id);
    expect(found?.results.respondents).toBe(1);
    expect(found?.results.questions[0]?.tally).toMatchObject({ total: 1, average: 4 });
  });

  it('refuses answers that do not fit as invalid_input naming the field, and stores nothing', async () => {
    const survey = await openSurvey();
    const [rating, single, ranking] = survey.questions;
    const amal = await person(1);
    const cases: [unknown, string][] = [
      [[{ questionId: rating?.id, ballot: { value: 9 } }], 'answers.0.ballot'],
      [[{ questionId: 'nope', ballot: { value: 3 } }], 'answers.0.questionId'],
      [[{ questionId: rating?.id, ballot: { value: 3 } }, { questionId: single?.id, ballot: { optionId: 'o9' } }], 'answers.1.ballot'],
      [[{ questionId: ranking?.id, ballot: { order: [ranking?.options[0]?.id] } }], 'answers.0.ballot'],
      [[], 'answers'],
    ];
    for (const [answers, field] of cases) expect(await answer(amal, survey.id, answers)).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    expect(await rawRequest(amal, ClientEvent.SurveyAnswer, { surveyId: survey.id, answers: [{ questionId: rating?.id, ballot: { value: 2 } }] })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'clientId' } });
    expect((await results(survey.id))?.results.respondents).toBe(0);
  });

  it('keeps organizer routes to organizers and answers to attendees; checks drafts and states', async () => {
    const moderator = await staffToken(node(0), 'moderator');
    const amal = await joinEvent(node(0));
    for (const bearer of [moderator, amal.token]) {
      expect((await http(0, 'POST', '', draft, bearer)).status).toBe(403);
      expect((await http(0, 'GET', '', undefined, bearer)).status).toBe(403);
    }
    expect(await http(0, 'POST', '', { ...draft, questions: [{ kind: 'single', prompt: 'Seul ?', options: ['un'] }] })).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field: 'questions.0.options' } } });
    expect(await http(0, 'POST', '', { ...draft, title: { fr: ' ' } })).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field: 'title' } } });
    const created = await http(0, 'POST', '', draft);
    const id = String(created.body['id']);
    // A co-organizer (invited by the owner, account made through the link) edits it too.
    const invited = await postJson(`${node(0).url}/api/events/${node(0).event.id}/organizers`, { email: `co-${randomUUID().slice(0, 8)}@example.org` }, { authorization: `Bearer ${token}` });
    const { token: link } = (await invited.json()) as { token: string };
    const accepted = await postJson(`${node(1).url}/api/organizer-invites/accept`, { token: link, name: 'Amal', password: 'a long new password' });
    const coOrganizer = ((await accepted.json()) as { token: string }).token;
    const edited = await http(1, 'PUT', `/${id}`, { ...draft, questions: [{ kind: 'rating', prompt: 'Note ?', settings: { scaleMax: 10 } }] }, coOrganizer);
    expect(edited.body).toMatchObject({ state: 'draft', questions: [{ kind: 'rating', settings: { scaleMax: 10 } }] });
    // A draft is nobody's to answer; staff never answer.
    const socket = await connect(node(0), amal.token);
    expect(await answer(socket, id, [{ questionId: 'i1', ballot: { value: 3 } }])).toMatchObject({ ok: false, error: { code: 'closed' } });
    const organizer = await connect(node(0), token);
    expect(await answer(organizer, id, [{ questionId: 'i1', ballot: { value: 3 } }])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(okData(await request(socket, ClientEvent.SurveyList, { eventId: node(0).event.id })).map((entry) => entry.id)).not.toContain(id);
    // Opening tells the event's pages; an open survey keeps its questions; a closed one takes no answers.
    const refreshed = waitForEvent(socket, ServerEvent.AgendaRefresh);
    expect((await http(0, 'POST', `/${id}/open`)).status).toBe(200);
    expect(await refreshed).toMatchObject({ reason: 'surveys' });
    expect(await http(0, 'PUT', `/${id}`, draft)).toMatchObject({ status: 409, body: { error: { code: 'closed' } } });
    expect((await http(0, 'POST', `/${id}/open`)).status).toBe(409);
    expect((await http(0, 'POST', `/${id}/close`)).body).toMatchObject({ state: 'closed' });
    expect(await answer(socket, id, [{ questionId: 'i1', ballot: { value: 3 } }])).toMatchObject({ ok: false, error: { code: 'closed' } });
    expect((await http(0, 'DELETE', `/${id}`)).body).toEqual({ id });
    expect((await http(0, 'DELETE', `/${id}`)).status).toBe(404);
    // Every organizer write is in the audit log.
    const audit = (await (await fetch(`${node(0).url}/api/events/${node(0).event.id}/audit`, { headers: { authorization: `Bearer ${token}` } })).json()) as { entries: { action: string; target?: string }[] };
    const actions = audit.entries.filter((entry) => entry.target === id).map((entry) => entry.action);
    expect(actions.sort()).toEqual(['DELETE', 'POST', 'POST', 'POST', 'PUT'].map((method, at) => `${method} /api/events/:id/surveys${['/:id', '', '/:id/close', '/:id/open', '/:id'][at]}`));
  });

  it('refuses open text of a person muted for the event (not for a session), holds caught words, sums up and exports without names', async () => {
    const survey = await openSurvey();
    const [rating, single, ranking, text] = survey.questions;
    const join = await joinEvent(node(0));
    const troll = await connect(node(0), join.token);
    const asked = okData(await request(troll, ClientEvent.QuestionAsk, { sessionId: node(0).sessions.open.id, text: 'Question pénible ?', anonymous: true, clientId: randomUUID() }));
    const organizer = await connect(node(0), token);
    okData(await request(organizer, ClientEvent.ParticipantMute, { questionId: asked.id, scope: 'event' }));
    const trollElsewhere = await connect(node(1), join.token);
    expect(await answer(trollElsewhere, survey.id, [{ questionId: text?.id, ballot: { text: 'Nul' } }])).toMatchObject({ ok: false, error: { code: 'muted', message: MUTED_MESSAGE } });
    okData(await answer(trollElsewhere, survey.id, [{ questionId: rating?.id, ballot: { value: 1 } }]));
    const [a, b, c] = (ranking?.options ?? []).map((option) => option.id);
    okData(await answer(await person(0), survey.id, [{ questionId: rating?.id, ballot: { value: 5 } }, { questionId: single?.id, ballot: { optionId: single?.options[1]?.id } }, { questionId: ranking?.id, ballot: { order: [a, b, c] } }, { questionId: text?.id, ballot: { text: 'quel connard ce wifi' } }]));
    okData(await answer(await person(1), survey.id, [{ questionId: ranking?.id, ballot: { order: [b, a, c] } }, { questionId: text?.id, ballot: { text: '=Merci\u200B !' } }]));
    const found = await results(survey.id);
    expect(found?.results.respondents).toBe(3);
    const [r, s, k, t] = found?.results.questions ?? [];
    expect(r?.tally).toMatchObject({ total: 2, average: 3 });
    expect(s?.tally.counts).toEqual({ [String(single?.options[0]?.id)]: 0, [String(single?.options[1]?.id)]: 1 });
    expect(k?.tally.ranking?.map((entry) => entry.score)).toEqual([3, 3, 0]);
    expect(t?.texts.map(({ text: said, held }) => [said, held ?? false])).toEqual([['quel connard ce wifi', true], ['=Merci !', false]]);
    const zip = unzip(Buffer.from(await (await fetch(`${node(1).url}/api/events/${node(1).event.id}/export.zip`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer()));
    const csv = zip.get('surveys.csv') ?? '';
    expect(csv).toContain('survey_id,survey,state,respondents,question_id,kind,question,answer,count,average,held');
    expect(csv).toContain("'=Merci !");
    expect(csv).toMatch(/quel connard ce wifi,1,,yes/);
    expect(csv).not.toMatch(/p:pa_|participant/);
    expect(zip.get('event.json')).toContain(survey.id);
  });
});
