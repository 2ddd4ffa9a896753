import { randomUUID } from 'node:crypto';
import { ClientEvent, type ClientEventName } from '@jisr/protocol/events';
import type { Role } from '@jisr/protocol/roles';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/limits/limiters.js';
import { createAskLimiter } from '../src/qa/ask-limiter.js';
import {
  attendee,
  connect,
  createInvite,
  okData,
  ORGANIZER,
  organizerToken,
  postJson,
  rawRequest,
  request,
  staffToken,
  useTestServer,
  type ClientSocket,
  type TestServer,
} from './harness.js';

/**
 * Issue 9: every client event and every HTTP route x every role, allowed or refused,
 * written out by hand (not derived from core), so a change to the rules shows up here. A
 * new event or route without a row fails the first test of each table. Staff here are
 * invited for the session under test (moderator, speaker, screen) and the organizer owns
 * the event. "Allowed" means the answer is not a refusal of who asks (`forbidden` or
 * `unauthorized`); the action may still fail for other reasons (a conflict, a closed poll).
 */
type Who = Role;
const ROLES: readonly Who[] = ['organizer', 'moderator', 'speaker', 'screen', 'attendee'];
const row = (...allowed: Who[]): Record<Who, boolean> =>
  Object.fromEntries(ROLES.map((role) => [role, allowed.includes(role)])) as Record<Who, boolean>;
const STAFF = ['organizer', 'moderator'] as const;
const EVERYONE = ROLES;

const EVENTS: Record<ClientEventName, Record<Who, boolean>> = {
  [ClientEvent.SessionJoin]: row(...EVERYONE),
  [ClientEvent.SessionLeave]: row(...EVERYONE),
  [ClientEvent.QuestionAsk]: row('attendee'),
  [ClientEvent.QuestionVote]: row('attendee'),
  [ClientEvent.QuestionEdit]: row('attendee'),
  [ClientEvent.QuestionDelete]: row('attendee'),
  [ClientEvent.QuestionModerate]: row(...STAFF),
  [ClientEvent.QuestionReply]: row(...STAFF),
  [ClientEvent.QuestionLabel]: row(...STAFF),
  [ClientEvent.QuestionTranslate]: row(...STAFF),
  // Duplicates: whoever moderates merges; attendees look for similar questions before asking.
  [ClientEvent.QuestionMerge]: row(...STAFF),
  [ClientEvent.QuestionUnmerge]: row(...STAFF),
  [ClientEvent.QuestionSimilar]: row('attendee'),
  [ClientEvent.SessionSettings]: row(...STAFF),
  [ClientEvent.PollCreate]: row(...STAFF),
  [ClientEvent.PollOpen]: row(...STAFF),
  [ClientEvent.PollClose]: row(...STAFF),
  [ClientEvent.PollReveal]: row(...STAFF),
  [ClientEvent.PollEdit]: row(...STAFF),
  [ClientEvent.PollReset]: row(...STAFF),
  [ClientEvent.PollDuplicate]: row(...STAFF),
  [ClientEvent.PollDelete]: row(...STAFF),
  [ClientEvent.PollVote]: row('attendee'),
  [ClientEvent.PollHideWord]: row(...STAFF),
  // Open-text answers are the moderators' to read and hide: the hall sees only those on stage.
  [ClientEvent.PollAnswers]: row(...STAFF),
  [ClientEvent.PollAnswerHide]: row(...STAFF),
  [ClientEvent.AgendaUpdate]: row(...STAFF),
  // Announcements go to the whole event: only organizers and event-wide moderators.
  [ClientEvent.Announce]: row('organizer'),
  // The screen, speakers and attendees watch the stage; whoever runs the session directs it.
  [ClientEvent.StageSet]: row(...STAFF),
  [ClientEvent.SpeakerNote]: row(...STAFF),
  // Only the hall reacts: a speaker or a screen can't applaud themselves.
  [ClientEvent.ReactionSend]: row('attendee'),
  // Muting is moderation: whoever runs the session (for the session: the fixture's scope).
  [ClientEvent.ParticipantMute]: row(...STAFF),
  [ClientEvent.ParticipantUnmute]: row(...STAFF),
  // Feedback is the audience's: a speaker can't rate their own talk, nor a screen anyone's.
  [ClientEvent.FeedbackGive]: row('attendee'),
  // Event surveys are the audience's too; organizers build them over HTTP.
  [ClientEvent.SurveyList]: row('attendee'),
  [ClientEvent.SurveyAnswer]: row('attendee'),
};

/** HTTP: `anonymous` is a request without a token. */
type Caller = Who | 'anonymous';
const CALLERS: readonly Caller[] = ['anonymous', ...ROLES];
const http = (...allowed: Caller[]): Record<Caller, boolean> =>
  Object.fromEntries(CALLERS.map((caller) => [caller, allowed.includes(caller)])) as Record<Caller, boolean>;
const PUBLIC = CALLERS;

const ROUTES: Record<string, Record<Caller, boolean>> = {
  'GET /healthz': http(...PUBLIC),
  'GET /readyz': http(...PUBLIC),
  'GET /metrics': http(...PUBLIC),
  'POST /api/join': http(...PUBLIC),
  'POST /api/auth/login': http(...PUBLIC),
  'POST /api/auth/refresh': http('organizer', 'moderator', 'speaker', 'screen'),
  'POST /api/invites/accept': http(...PUBLIC),
  'POST /api/invites/lookup': http(...PUBLIC),
  'GET /api/events/:code': http(...PUBLIC),
  'GET /api/events/:code/agenda.ics': http(...PUBLIC),
  'GET /api/me': http('organizer', 'moderator', 'speaker', 'screen'),
  'POST /api/events': http('organizer'),
  'PATCH /api/events/:id': http('organizer'),
  'DELETE /api/events/:id': http('organizer'),
  'POST /api/events/:id/rooms': http('organizer'),
  'PATCH /api/events/:id/rooms/:roomId': http('organizer'),
  'DELETE /api/events/:id/rooms/:roomId': http('organizer'),
  'POST /api/events/:id/speakers': http('organizer'),
  'PATCH /api/events/:id/speakers/:speakerId': http('organizer'),
  'DELETE /api/events/:id/speakers/:speakerId': http('organizer'),
  'PUT /api/events/:id/speakers/:speakerId/photo': http('organizer'),
  'DELETE /api/events/:id/speakers/:speakerId/photo': http('organizer'),
  // Photos are public like the speaker's name: anyone who sees the agenda sees them.
  'GET /api/events/:id/speakers/:speakerId/photo/:file': http(...PUBLIC),
  'POST /api/events/:id/sessions': http('organizer'),
  'PATCH /api/sessions/:id': http('organizer', 'moderator'),
  'DELETE /api/sessions/:id': http('organizer'),
  'GET /api/events/:id/agenda.csv': http('organizer'),
  'POST /api/events/:id/agenda.csv': http('organizer'),
  'GET /api/events/:id/insights': http('organizer'),
  'GET /api/events/:id/report': http('organizer'),
  'GET /api/events/:id/export.json': http('organizer'),
  'GET /api/events/:id/export.zip': http('organizer'),
  'GET /api/events/:id/feedback.csv': http('organizer'),
  'GET /api/events/:id/audit': http('organizer'),
  'GET /api/events/:id/retention': http('organizer'),
  'PATCH /api/events/:id/retention': http('organizer'),
  'POST /api/events/:id/announcements': http('organizer'),
  'GET /api/events/:id/announcements': http('organizer'),
  'DELETE /api/events/:id/announcements/:announcementId': http('organizer'),
  'POST /api/events/:id/invites': http('organizer'),
  'GET /api/events/:id/invites': http('organizer'),
  'DELETE /api/invites/:id': http('organizer'),
  'GET /api/sessions/:id/questions.csv': http('organizer', 'moderator'),
  'GET /api/polls/:id/results.csv': http('organizer', 'moderator', 'speaker'),
  'GET /api/events/:id/organizers': http('organizer'),
  'POST /api/events/:id/organizers': http('organizer'),
  'DELETE /api/events/:id/organizers/:userId': http('organizer'),
  'DELETE /api/events/:id/organizer-invites/:inviteId': http('organizer'),
  'POST /api/organizer-invites/lookup': http(...PUBLIC),
  'POST /api/organizer-invites/accept': http(...PUBLIC),
  'POST /api/events/:id/duplicate': http('organizer'),
  'POST /api/events/:id/reset': http('organizer'),
  'GET /api/events/:id/setup': http('organizer'),
  'GET /api/events/:id/mutes': http('organizer'),
  'GET /api/events/:id/surveys': http('organizer'),
  'POST /api/events/:id/surveys': http('organizer'),
  'PUT /api/events/:id/surveys/:surveyId': http('organizer'),
  'POST /api/events/:id/surveys/:surveyId/open': http('organizer'),
  'POST /api/events/:id/surveys/:surveyId/close': http('organizer'),
  'DELETE /api/events/:id/surveys/:surveyId': http('organizer'),
};

// Many fresh questions and a few hundred events from a few sockets: this file is about roles.
const testServer = useTestServer({
  askLimiter: createAskLimiter(100_000),
  limits: { ...DEFAULT_LIMITS, eventsPerSocket: 100_000, eventsPerActor: 100_000 },
});

interface Fixture {
  server: TestServer;
  sessionId: string;
  author: ClientSocket;
  organizer: ClientSocket;
  tokens: Record<Who, string>;
}

async function fixture(): Promise<Fixture> {
  const server = testServer();
  const sessionId = server.sessions.open.id;
  const author = await attendee(server, 'Nour');
  const tokens: Record<Who, string> = {
    organizer: await organizerToken(server),
    moderator: await staffToken(server, 'moderator', sessionId),
    speaker: await staffToken(server, 'speaker', sessionId),
    screen: await staffToken(server, 'screen', sessionId),
    attendee: author.join.token,
  };
  return { server, sessionId, author: author.socket, organizer: await connect(server, tokens.organizer), tokens };
}

/** An open one-question survey of the fixture's event, made by its organizer. */
async function openSurvey(f: Fixture): Promise<{ id: string; questions: { id: string }[] }> {
  const auth = { authorization: `Bearer ${f.tokens.organizer}` };
  const created = (await (await postJson(`${f.server.url}/api/events/${f.server.event.id}/surveys`, { title: { fr: 'Avis' }, lang: 'fr', questions: [{ kind: 'rating', prompt: 'Note ?' }] }, auth)).json()) as { id: string; questions: { id: string }[] };
  await (await postJson(`${f.server.url}/api/events/${f.server.event.id}/surveys/${created.id}/open`, {}, auth)).arrayBuffer();
  return created;
}

/** A question of a fresh attendee, for a mute that leaves the fixture's author free to ask. */
async function othersQuestion(f: Fixture): Promise<string> {
  const { socket } = await attendee(f.server, 'Autre');
  const asked = okData(await request(socket, ClientEvent.QuestionAsk, { sessionId: f.sessionId, text: `q ${randomUUID()}`, anonymous: true, clientId: randomUUID() }));
  socket.disconnect();
  return asked.id;
}

/** A fresh payload for `event`, with whatever it acts on made just for this try. */
async function payloadFor(event: ClientEventName, f: Fixture): Promise<unknown> {
  const { sessionId } = f;
  const question = async () =>
    okData(await request(f.author, ClientEvent.QuestionAsk, { sessionId, text: `q ${randomUUID()}`, anonymous: false, clientId: randomUUID() })).id;
  const draft = async () => okData(await request(f.organizer, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'p', options: ['a', 'b'] }));
  const opened = async () => okData(await request(f.organizer, ClientEvent.PollOpen, { pollId: (await draft()).id }));
  switch (event) {
    case ClientEvent.SessionJoin:
    case ClientEvent.SessionLeave:
      return { sessionId };
    case ClientEvent.QuestionAsk:
      return { sessionId, text: 'by someone', anonymous: false, clientId: randomUUID() };
    case ClientEvent.QuestionVote:
      return { questionId: await question(), vote: true };
    case ClientEvent.QuestionEdit:
      return { questionId: await question(), text: 'edited' };
    case ClientEvent.QuestionDelete:
      return { questionId: await question() };
    case ClientEvent.QuestionModerate:
      return { questionId: await question(), action: 'answer' };
    case ClientEvent.QuestionReply:
      return { questionId: await question(), text: 'reply' };
    case ClientEvent.QuestionLabel:
      return { questionId: await question(), labels: ['x'] };
    case ClientEvent.QuestionTranslate:
      // The attendee's questions are in French (their language, the event's default).
      return { questionId: await question(), lang: 'ar', text: 'سؤال' };
    case ClientEvent.QuestionMerge:
      return { questionId: await question(), intoId: await question() };
    case ClientEvent.QuestionUnmerge: {
      const kept = await question();
      okData(await request(f.organizer, ClientEvent.QuestionMerge, { questionId: await question(), intoId: kept }));
      return { questionId: kept, variantIndex: 0 };
    }
    case ClientEvent.QuestionSimilar:
      return { sessionId, text: 'Will the slides be shared?' };
    case ClientEvent.SessionSettings:
      return { sessionId, qa: { open: true } };
    case ClientEvent.PollCreate:
      return { sessionId, kind: 'single', prompt: 'p', options: ['a', 'b'] };
    case ClientEvent.PollOpen:
    case ClientEvent.PollDuplicate:
    case ClientEvent.PollDelete:
      return { pollId: (await draft()).id };
    case ClientEvent.PollEdit:
      return { pollId: (await draft()).id, prompt: 'edited' };
    case ClientEvent.PollClose:
    case ClientEvent.PollReveal:
    case ClientEvent.PollReset:
      return { pollId: (await opened()).id };
    case ClientEvent.PollVote: {
      const poll = await opened();
      return { pollId: poll.id, ballot: { optionId: poll.options[0]?.id ?? '' }, clientId: randomUUID() };
    }
    case ClientEvent.PollHideWord: {
      const cloud = okData(await request(f.organizer, ClientEvent.PollCreate, { sessionId, kind: 'wordcloud', prompt: 'w' }));
      return { pollId: okData(await request(f.organizer, ClientEvent.PollOpen, { pollId: cloud.id })).id, word: 'mot' };
    }
    case ClientEvent.PollAnswers:
      return { pollId: (await draft()).id };
    case ClientEvent.PollAnswerHide: {
      const poll = okData(await request(f.organizer, ClientEvent.PollCreate, { sessionId, kind: 'text', prompt: 'Une idée ?', options: [] }));
      await request(f.organizer, ClientEvent.PollOpen, { pollId: poll.id });
      await request(f.author, ClientEvent.PollVote, { pollId: poll.id, ballot: { text: 'Plus de pauses' }, clientId: randomUUID() });
      const [answer] = okData(await request(f.organizer, ClientEvent.PollAnswers, { pollId: poll.id }));
      return { pollId: poll.id, answerId: answer?.id ?? 'a1', hidden: true };
    }
    case ClientEvent.StageSet:
      return { sessionId, stage: { kind: 'question', questionId: await question() } };
    case ClientEvent.SpeakerNote:
      return { sessionId, text: '5 minutes left' };
    case ClientEvent.AgendaUpdate:
      return { sessionId, status: 'live' };
    case ClientEvent.Announce:
      return { eventId: f.server.event.id, text: 'The coffee break is extended by 10 minutes.' };
    case ClientEvent.ReactionSend:
      return { sessionId, kind: 'clap' };
    case ClientEvent.ParticipantMute:
      // Someone else's question: a muted fixture author could ask nothing after.
      return { questionId: await othersQuestion(f), scope: 'session', minutes: 5 };
    case ClientEvent.ParticipantUnmute:
      return { muteId: okData(await request(f.organizer, ClientEvent.ParticipantMute, { questionId: await othersQuestion(f), scope: 'session' })).id };
    case ClientEvent.FeedbackGive:
      // The session is live: an attendee is told feedback is not open yet (`closed`), not refused.
      return { sessionId, rating: 4, comment: 'Clair', clientId: randomUUID() };
    case ClientEvent.SurveyList:
      return { eventId: f.server.event.id };
    case ClientEvent.SurveyAnswer: {
      // Each try its own open survey: the fixture's attendee answers each once.
      const survey = await openSurvey(f);
      return { surveyId: survey.id, answers: [{ questionId: survey.questions[0]?.id ?? '', ballot: { value: 4 } }], clientId: randomUUID() };
    }
  }
}

describe('authorization matrix: client events', () => {
  it('has a row for every client event', () => {
    expect(Object.keys(EVENTS).sort()).toEqual(Object.values(ClientEvent).sort());
  });

  it('allows and refuses each event for each role as the matrix says', async () => {
    const f = await fixture();
    const sockets = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, role === 'attendee' ? f.author : await connect(f.server, f.tokens[role])]))) as Record<
      Who,
      ClientSocket
    >;
    const wrong: string[] = [];
    for (const [event, roles] of Object.entries(EVENTS) as [ClientEventName, Record<Who, boolean>][]) {
      for (const role of ROLES) {
        const ack = await rawRequest(sockets[role], event, await payloadFor(event, f));
        const refused = !ack.ok && (ack.error.code === 'forbidden' || ack.error.code === 'unauthorized');
        if (refused === roles[role]) wrong.push(`${event} as ${role}: ${JSON.stringify(ack).slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/**
 * Issue 19: what a change spills onto. A delay with `cascade` moves the sessions after it
 * in the room: staff invited for one session may not do that to the others (they are refused
 * whole, nothing moves), whichever way they send it.
 */
const SPILLOVER: Record<string, Record<Who, boolean>> = {
  'agenda:update {delayBy, cascade} moving other sessions': row('organizer'),
  'PATCH /api/sessions/:id {delayBy, cascade} moving other sessions': row('organizer'),
};

describe('authorization matrix: changes that spill beyond the session', () => {
  it('refuses a cascade to staff scoped to the session, by socket and by HTTP, and moves nothing', async () => {
    const f = await fixture();
    const { server, sessionId } = f;
    const wrong: string[] = [];
    for (const [what, roles] of Object.entries(SPILLOVER)) {
      for (const role of ROLES) {
        const before = await server.store.listSessions(server.event.id);
        let refused: boolean;
        if (what.startsWith('agenda:update')) {
          const socket = role === 'attendee' ? f.author : await connect(server, f.tokens[role]);
          const ack = await rawRequest(socket, ClientEvent.AgendaUpdate, { sessionId, delayBy: 1, cascade: true });
          refused = !ack.ok && ack.error.code === 'forbidden';
        } else {
          const response = await fetch(`${server.url}/api/sessions/${sessionId}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${f.tokens[role]}` },
            body: JSON.stringify({ delayBy: 1, cascade: true }),
          });
          await response.arrayBuffer();
          refused = response.status === 403;
        }
        const after = await server.store.listSessions(server.event.id);
        if (refused === roles[role]) wrong.push(`${what} as ${role}`);
        if (refused && JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`${what} as ${role}: refused but moved sessions`);
        if (!refused && after.filter((session) => session.id !== sessionId).every((session, i) => session.delayMinutes === before.filter((s) => s.id !== sessionId)[i]?.delayMinutes)) {
          wrong.push(`${what} as ${role}: allowed but moved nothing else (the fixture must make the cascade spill)`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

/** The routes the app serves, as `METHOD /path`, read from the Express router. */
function servedRoutes(server: TestServer): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] }; matchers?: unknown };
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle?.stack) {
        // The API router is mounted at /api; other routers at the root.
        const mounted = layer.handle.stack.some((inner) => inner.route?.path === '/join' || inner.handle?.stack?.some((deep) => deep.route?.path === '/join'));
        walk(layer.handle.stack, mounted && prefix === '' ? '/api' : prefix);
      }
    }
  };
  walk((server.app.express as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

describe('authorization matrix: HTTP routes', () => {
  it('has a row for every route the app serves', () => {
    expect(servedRoutes(testServer()).sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('allows and refuses each route for each caller as the matrix says', async () => {
    const f = await fixture();
    const { server, sessionId } = f;
    const eventId = server.event.id;
    const invite = await createInvite(server, 'moderator', sessionId);
    const poll = okData(await request(f.organizer, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'p', options: ['a', 'b'] }));
    const room = (await server.store.listRooms(eventId))[0]?.id ?? '';
    const speakerBody = { name: 'Samira Haddou' };
    const wrong: string[] = [];

    for (const [route, callers] of Object.entries(ROUTES)) {
      for (const caller of CALLERS) {
        // Each try gets its own things to act on, so an earlier delete never hides a refusal.
        const [method = 'GET', template = '/'] = route.split(' ');
        const created = async (kind: 'rooms' | 'speakers'): Promise<string> => {
          const response = await fetch(`${server.url}/api/events/${eventId}/${kind}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${f.tokens.organizer}` },
            body: JSON.stringify(kind === 'rooms' ? { name: { fr: `Salle ${randomUUID().slice(0, 6)}` } } : speakerBody),
          });
          return ((await response.json()) as { id: string }).id;
        };
        const ids: Record<string, string> = {
          code: 'TEST',
          id: template.startsWith('/api/sessions') ? sessionId : template.startsWith('/api/polls') ? poll.id : template.startsWith('/api/invites') ? invite.inviteId : eventId,
          roomId: template.includes(':roomId') ? await created('rooms') : room,
          speakerId: template.includes(':speakerId') ? await created('speakers') : '',
          announcementId: 'an_none',
        };
        const path = template.replace(/:(\w+)/g, (_m, name: string) => ids[name] ?? name);
        const bodies: Record<string, unknown> = {
          'POST /api/join': { code: 'TEST' },
          'POST /api/auth/login': ORGANIZER,
          'POST /api/invites/accept': { token: 'x'.repeat(32), name: 'Someone' },
          'POST /api/invites/lookup': { token: 'x'.repeat(32) },
          'POST /api/events': { code: `E${randomUUID().slice(0, 5).toUpperCase()}`, title: { fr: 'Nouvelle' }, timeZone: 'Europe/Madrid', languages: ['fr'], defaultLang: 'fr', startDate: '2027-01-10', endDate: '2027-01-11' },
          'PATCH /api/events/:id': { title: { fr: 'Rencontre' } },
          'POST /api/events/:id/rooms': { name: { fr: 'Salle B' } },
          'PATCH /api/events/:id/rooms/:roomId': { name: { fr: 'Salle C' } },
          'POST /api/events/:id/speakers': speakerBody,
          'PATCH /api/events/:id/speakers/:speakerId': { affiliation: 'Fondation' },
          'POST /api/events/:id/sessions': { roomId: room, kind: 'talk', title: { fr: 'Atelier' }, startsAt: '2026-12-06T15:00:00.000Z', endsAt: '2026-12-06T15:30:00.000Z' },
          'PATCH /api/sessions/:id': { delayBy: 0 },
          'POST /api/events/:id/announcements': { text: 'Bienvenue' },
          'POST /api/events/:id/invites': { role: 'screen' },
          'POST /api/events/:id/organizers': { email: 'co@example.org' },
          'POST /api/organizer-invites/lookup': { token: 'x'.repeat(32) },
          'POST /api/organizer-invites/accept': { token: 'x'.repeat(32), password: 'a long password', name: 'Someone' },
          'POST /api/events/:id/duplicate': { code: `D${randomUUID().slice(0, 5).toUpperCase()}`, startDate: '2027-03-01' },
          // Not the join code: an allowed caller gets invalid_input, and the test's data stays.
          'POST /api/events/:id/reset': { confirm: 'NOT-THE-CODE' },
        };
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (caller !== 'anonymous') headers['authorization'] = `Bearer ${f.tokens[caller]}`;
        const body = route === 'POST /api/events/:id/agenda.csv' ? 'title,room\n' : JSON.stringify(bodies[route] ?? {});
        if (route === 'POST /api/events/:id/agenda.csv') headers['content-type'] = 'text/csv';
        // The organizer's DELETE /api/events/:id would end the test: theirs takes a second event they own.
        const target = route === 'DELETE /api/events/:id' && caller === 'organizer' ? path.replace(eventId, await throwaway(server, f.tokens.organizer)) : path;
        const response = await fetch(`${server.url}${target}${route.includes('agenda.csv') && method === 'POST' ? '?dryRun=1' : ''}`, {
          method,
          headers,
          ...(method === 'GET' || method === 'DELETE' ? {} : { body }),
        });
        const refused = response.status === 401 || response.status === 403;
        await response.arrayBuffer();
        if (refused === callers[caller]) wrong.push(`${route} as ${caller}: ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});

/** A second event owned by the organizer, for a delete that must not take the test event. */
async function throwaway(server: TestServer, token: string): Promise<string> {
  const response = await postJson(
    `${server.url}/api/events`,
    { code: `X${randomUUID().slice(0, 5).toUpperCase()}`, title: { fr: 'Jetable' }, timeZone: 'Europe/Madrid', languages: ['fr'], defaultLang: 'fr', startDate: '2027-02-01', endDate: '2027-02-01' },
    { authorization: `Bearer ${token}` },
  );
  return ((await response.json()) as { id: string }).id;
}

