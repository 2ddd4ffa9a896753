import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventResetResponse, EventSetupResponse, OrganizerInviteLookup, OrganizerInviteResponse, OrganizersResponse } from '@jisr/protocol/admin';
import type { AuditPage } from '@jisr/protocol/audit';
import type { Event } from '@jisr/protocol/event';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { JoinResponse, LoginResponse, StaffMe } from '@jisr/protocol/http';
import type { Store } from '@jisr/store/store';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type JisrApp } from '../src/app.js';
import { hashPassword } from '../src/auth/passwords.js';
import { systemClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { agendaFixture, agendaOf, api, errorOf, staffOf, uniqueCode, type AgendaFixture, type Served } from './agenda-helpers.js';
import { okData, ORGANIZER, request, waitForEvent, type ClientSocket } from './harness.js';
import { BACKENDS } from './store-backends.js';

/**
 * Issue 21, the organizer's toolbox over HTTP, on both stores: co-organizers (invite by
 * email, accept, remove; the owner stays), duplicating an event onto new dates, resetting
 * a rehearsal's live data (phones told to refetch), and the set-up checklist. Redis is the
 * real one at REDIS_URL: none there is a failure, not a skip.
 */

/** A second organizer with an account of their own, who runs none of the test's events. */
const STRANGER = { email: 'stranger@example.org', password: 'another long password' };

async function login(server: Served, who: { email: string; password: string }): Promise<string> {
  const reply = await api<LoginResponse>(server, 'POST', '/auth/login', { body: who });
  if (reply.status !== 200) throw new Error(`login of ${who.email}: ${reply.status}`);
  return reply.body.token;
}

describe.each(BACKENDS)('organizer toolbox on the %s store', (_name, makeBackend) => {
  let dataDir = '';
  const backend = makeBackend(() => dataDir);
  let store: Store;
  let app: JisrApp;
  const server: Served = { url: '' };
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-organizer-tools-'));
    store = await backend.open();
    await store.createUser({ email: ORGANIZER.email, name: 'Org', passwordHash: await hashPassword(ORGANIZER.password) });
    await store.createUser({ email: STRANGER.email, name: 'Stranger', passwordHash: await hashPassword(STRANGER.password) });
    app = createApp({
      store,
      config: parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' }, dataDir),
      logger: createLogger('silent'),
      clock: systemClock,
      secret: 'o'.repeat(48),
    });
    server.url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await app?.close();
    await store?.close();
    await backend.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function connectTo(token: string): Promise<ClientSocket> {
    const socket: ClientSocket = io(server.url, { auth: { token }, reconnection: false, forceNew: true });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  /** Invites `email` as a co-organizer of the fixture's event and returns the link's secret. */
  async function invite(fixture: AgendaFixture, email: string, token = fixture.token): Promise<OrganizerInviteResponse> {
    const reply = await api<OrganizerInviteResponse>(server, 'POST', `/events/${fixture.event.id}/organizers`, { token, body: { email } });
    expect(reply.status).toBe(201);
    return reply.body;
  }

  /** A new co-organizer of the fixture's event: invited, account made through the link. */
  async function coOrganizer(fixture: AgendaFixture, name: string): Promise<{ token: string; userId: string; email: string }> {
    const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@example.org`;
    const { token } = await invite(fixture, email);
    const accepted = await api<LoginResponse>(server, 'POST', '/organizer-invites/accept', { body: { token, name, password: 'a long new password' } });
    expect(accepted.status).toBe(200);
    return { token: accepted.body.token, userId: accepted.body.user.id, email };
  }

  describe('co-organizers', () => {
    it('invites by email, the invitee makes an account through the link, then runs the event', async () => {
      const fixture = await agendaFixture(server);
      const email = `amal-${randomUUID().slice(0, 8)}@example.org`;
      const { url, token, invite: sent } = await invite(fixture, email);
      expect(url).toMatch(/\/organize#[\w-]{20,}$/);
      expect(sent).toMatchObject({ email, revoked: false });
      expect(sent).not.toHaveProperty('tokenHash');

      const lookup = await api<OrganizerInviteLookup>(server, 'POST', '/organizer-invites/lookup', { body: { token } });
      expect(lookup.body).toMatchObject({ email, hasAccount: false, event: { id: fixture.event.id } });
      expect(lookup.body.event).not.toHaveProperty('ownerId');

      // A new account needs a name and a long enough password: refused, nothing made.
      const short = await api(server, 'POST', '/organizer-invites/accept', { body: { token, name: 'Amal', password: 'short' } });
      expect(errorOf(short)).toMatchObject({ code: 'invalid_input', field: 'password' });
      const nameless = await api(server, 'POST', '/organizer-invites/accept', { body: { token, password: 'a long new password' } });
      expect(errorOf(nameless)).toMatchObject({ code: 'invalid_input', field: 'name' });
      expect(await store.getUserByEmail(email)).toBeNull();

      const accepted = await api<LoginResponse>(server, 'POST', '/organizer-invites/accept', { body: { token, name: 'Amal', password: 'a long new password' } });
      expect(accepted.status).toBe(200);
      expect(accepted.body.user).toMatchObject({ email, name: 'Amal' });
      const amal = accepted.body.token;
      // The link is used: its page says so; the same account accepting again (a retry) adds nobody twice.
      const used = await api(server, 'POST', '/organizer-invites/lookup', { body: { token } });
      expect(errorOf(used)).toMatchObject({ code: 'closed', field: 'token' });
      const retry = await api(server, 'POST', '/organizer-invites/accept', { body: { token, password: 'a long new password' } });
      expect(retry.status).toBe(200);
      expect((await store.getEvent(fixture.event.id))?.organizerIds).toEqual([accepted.body.user.id]);

      const me = await api<StaffMe>(server, 'GET', '/me', { token: amal });
      expect(me.body.events.map((event) => event.id)).toEqual([fixture.event.id]);
      // A co-organizer edits the programme like the owner.
      const edited = await api(server, 'PATCH', `/sessions/${fixture.a.id}`, { token: amal, body: { title: { fr: 'Ouverture officielle' } } });
      expect(edited.status).toBe(200);

      const list = await api<OrganizersResponse>(server, 'GET', `/events/${fixture.event.id}/organizers`, { token: amal });
      expect(list.body.organizers.map(({ name, owner }) => ({ name, owner }))).toEqual([
        { name: 'Org', owner: true },
        { name: 'Amal', owner: false },
      ]);
      expect(list.body.invites[0]).toMatchObject({ email, acceptedBy: accepted.body.user.id });
    });

    it('an invitee with an account signs in with its password (wrong: refused) and gains the event', async () => {
      const fixture = await agendaFixture(server);
      const { token } = await invite(fixture, STRANGER.email.toUpperCase());
      const lookup = await api<OrganizerInviteLookup>(server, 'POST', '/organizer-invites/lookup', { body: { token } });
      expect(lookup.body.hasAccount).toBe(true);
      const wrong = await api(server, 'POST', '/organizer-invites/accept', { body: { token, password: 'not the password' } });
      expect(wrong.status).toBe(401);
      const right = await api<LoginResponse>(server, 'POST', '/organizer-invites/accept', { body: { token, password: STRANGER.password } });
      expect(right.status).toBe(200);
      expect((await api<StaffMe>(server, 'GET', '/me', { token: right.body.token })).body.events.map((event) => event.id)).toContain(fixture.event.id);
      await api(server, 'DELETE', `/events/${fixture.event.id}/organizers/${right.body.user.id}`, { token: fixture.token });
    });

    it('only the owner removes co-organizers; a co-organizer may leave; nobody removes the owner', async () => {
      const fixture = await agendaFixture(server);
      const amal = await coOrganizer(fixture, 'Amal');
      const karim = await coOrganizer(fixture, 'Karim');
      const owner = (await store.getEvent(fixture.event.id))?.ownerId ?? '';
      const base = `/events/${fixture.event.id}/organizers`;

      expect((await api(server, 'DELETE', `${base}/${owner}`, { token: amal.token })).status).toBe(403);
      expect((await api(server, 'DELETE', `${base}/${owner}`, { token: fixture.token })).status).toBe(403);
      expect((await api(server, 'DELETE', `${base}/${karim.userId}`, { token: amal.token })).status).toBe(403);
      // Nor may a co-organizer delete the event.
      expect((await api(server, 'DELETE', `/events/${fixture.event.id}`, { token: amal.token })).status).toBe(403);
      expect((await store.getEvent(fixture.event.id))?.organizerIds).toEqual([amal.userId, karim.userId]);

      expect((await api(server, 'DELETE', `${base}/${karim.userId}`, { token: fixture.token })).status).toBe(204);
      expect((await api(server, 'DELETE', `${base}/${karim.userId}`, { token: fixture.token })).status).toBe(404);
      expect((await api(server, 'GET', base, { token: karim.token })).status).toBe(403);
      expect((await api<StaffMe>(server, 'GET', '/me', { token: karim.token })).body.events).toEqual([]);
      expect((await api(server, 'DELETE', `${base}/${amal.userId}`, { token: amal.token })).status).toBe(204);
      expect((await store.getEvent(fixture.event.id))?.organizerIds).toEqual([]);

      const audit = await api<AuditPage>(server, 'GET', `/events/${fixture.event.id}/audit?limit=50`, { token: fixture.token });
      const actions = audit.body.entries.map((entry) => `${entry.action} ${entry.target ?? ''}`);
      expect(actions).toContain(`DELETE /api/events/:id/organizers/:id ${karim.userId}`);
      expect(actions).toContain(`POST /api/organizer-invites/accept ${amal.userId}`);
      expect(actions.filter((action) => action.startsWith('POST /api/events/:id/organizers'))).toHaveLength(2);
    });

    it('organizers of other events, staff and attendees may not see or invite; a revoked link opens nothing', async () => {
      const fixture = await agendaFixture(server);
      const stranger = await login(server, STRANGER);
      const base = `/events/${fixture.event.id}/organizers`;
      expect((await api(server, 'GET', base, { token: stranger })).status).toBe(403);
      expect((await api(server, 'POST', base, { token: stranger, body: { email: 'x@example.org' } })).status).toBe(403);
      expect((await api(server, 'POST', base)).status).toBe(401);
      const bad = await api(server, 'POST', base, { token: fixture.token, body: { email: 'not an email' } });
      expect(errorOf(bad)).toMatchObject({ code: 'invalid_input', field: 'email' });

      const { token, invite: sent } = await invite(fixture, 'late@example.org');
      expect((await api(server, 'DELETE', `/events/${fixture.event.id}/organizer-invites/${sent.id}`, { token: stranger })).status).toBe(403);
      expect((await api(server, 'DELETE', `/events/${fixture.event.id}/organizer-invites/${sent.id}`, { token: fixture.token })).status).toBe(200);
      const refused = await api(server, 'POST', '/organizer-invites/accept', { body: { token, name: 'Late', password: 'a long new password' } });
      expect(errorOf(refused)).toMatchObject({ code: 'not_found', field: 'token' });
    });
  });

  describe('duplicate', () => {
    it('copies the programme to a new city and date, the wall clock kept across a clock change', async () => {
      const fixture = await agendaFixture(server);
      const code = uniqueCode();
      // Brussels in December (UTC+1) to Madrid in June (UTC+2).
      const reply = await api<{ event: Event }>(server, 'POST', `/events/${fixture.event.id}/duplicate`, {
        token: fixture.token,
        body: { code, startDate: '2027-06-14', timeZone: 'Europe/Madrid', title: { fr: 'Forum — Madrid' } },
      });
      expect(reply.status).toBe(201);
      expect(reply.body.event).toMatchObject({ code, startDate: '2027-06-14', endDate: '2027-06-15', timeZone: 'Europe/Madrid', title: { fr: 'Forum — Madrid' } });
      expect(reply.body.event).not.toHaveProperty('ownerId');
      const copy = await agendaOf(server, code);
      const opening = copy.sessions.find((session) => session.title['fr'] === 'Ouverture');
      // 09:00 in Brussels stays 09:00 in Madrid: 07:00Z in summer.
      expect(opening).toMatchObject({ startsAt: '2027-06-14T07:00:00.000Z', endsAt: '2027-06-14T08:00:00.000Z', status: 'scheduled' });
      expect(copy.rooms).toHaveLength(2);
      expect(copy.speakers.map((speaker) => speaker.name)).toEqual(['Nadia Benali']);
      expect((await api<StaffMe>(server, 'GET', '/me', { token: fixture.token })).body.events.map((event) => event.code)).toContain(code);
      // Audited on the event that was copied: who made which copy, and when.
      const audit = await api<AuditPage>(server, 'GET', `/events/${fixture.event.id}/audit?limit=50`, { token: fixture.token });
      expect(audit.body.entries.map((entry) => entry.action)).toContain('POST /api/events/:id/duplicate');
    });

    it('another organizer may not copy an event that is not theirs; a co-organizer may, and owns the copy', async () => {
      const fixture = await agendaFixture(server);
      const stranger = await login(server, STRANGER);
      const body = { code: uniqueCode(), startDate: '2027-03-01' };
      expect((await api(server, 'POST', `/events/${fixture.event.id}/duplicate`, { token: stranger, body })).status).toBe(403);
      expect(await agendaOf(server, body.code).catch((error: unknown) => String(error))).toContain('404');
      const amal = await coOrganizer(fixture, 'Amal');
      const copied = await api<{ event: Event }>(server, 'POST', `/events/${fixture.event.id}/duplicate`, { token: amal.token, body });
      expect(copied.status).toBe(201);
      expect((await store.getEvent(copied.body.event.id))?.ownerId).toBe(amal.userId);
    });

    it('refuses a taken code and bad input, changing nothing', async () => {
      const fixture = await agendaFixture(server);
      const before = (await store.listEvents()).length;
      const taken = await api(server, 'POST', `/events/${fixture.event.id}/duplicate`, { token: fixture.token, body: { code: fixture.event.code, startDate: '2027-03-01' } });
      expect(errorOf(taken)).toMatchObject({ code: 'conflict', field: 'code' });
      const bad = await api(server, 'POST', `/events/${fixture.event.id}/duplicate`, { token: fixture.token, body: { code: uniqueCode(), startDate: '1 March' } });
      expect(errorOf(bad)).toMatchObject({ code: 'invalid_input', field: 'startDate' });
      const zone = await api(server, 'POST', `/events/${fixture.event.id}/duplicate`, { token: fixture.token, body: { code: uniqueCode(), startDate: '2027-03-01', timeZone: 'Mars/Olympus' } });
      expect(errorOf(zone)).toMatchObject({ code: 'invalid_input', field: 'timeZone' });
      expect(await store.listEvents()).toHaveLength(before);
    });
  });

  describe('reset after a rehearsal', () => {
    it('wipes a session after the join code is typed; its phones and room screen hear session:reset and rejoin to an empty session', async () => {
      const fixture = await agendaFixture(server);
      await api(server, 'PATCH', `/sessions/${fixture.a.id}`, { token: fixture.token, body: { qa: { open: true, moderated: false } } });
      const organizer = await connectTo(fixture.token);
      const join = await api<JoinResponse>(server, 'POST', '/join', { body: { code: fixture.event.code, name: 'Youssef' } });
      const phone = await connectTo(join.body.token);
      // The room's screen, signed in through its own invite: it must go blank-and-fresh too.
      const screen = await connectTo(await staffOf(server, fixture, 'screen', fixture.a.id));
      okData(await request(phone, ClientEvent.SessionJoin, { sessionId: fixture.a.id }));
      okData(await request(organizer, ClientEvent.SessionJoin, { sessionId: fixture.a.id }));
      okData(await request(screen, ClientEvent.SessionJoin, { sessionId: fixture.a.id }));
      okData(await request(phone, ClientEvent.QuestionAsk, { sessionId: fixture.a.id, text: 'Une question de répétition', anonymous: false, clientId: randomUUID() }));
      const poll = okData(await request(organizer, ClientEvent.PollCreate, { sessionId: fixture.a.id, kind: 'single', prompt: 'Test ?', options: ['Oui', 'Non'] }));
      okData(await request(organizer, ClientEvent.PollOpen, { pollId: poll.id }));
      okData(await request(phone, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionId: poll.options[0]?.id ?? '' }, clientId: randomUUID() }));
      const url = `/events/${fixture.event.id}/reset`;

      const wrong = await api(server, 'POST', url, { token: fixture.token, body: { confirm: 'NOPE', sessionId: fixture.a.id } });
      expect(errorOf(wrong)).toMatchObject({ code: 'invalid_input', field: 'confirm' });
      expect((await store.listQuestions(fixture.a.id)).length).toBe(1);
      const stranger = await login(server, STRANGER);
      expect((await api(server, 'POST', url, { token: stranger, body: { confirm: fixture.event.code } })).status).toBe(403);
      expect((await api(server, 'POST', url, { token: join.body.token, body: { confirm: fixture.event.code } })).status).toBe(403);
      const foreign = await api(server, 'POST', url, { token: fixture.token, body: { confirm: fixture.event.code, sessionId: 'se_elsewhere' } });
      expect(errorOf(foreign)).toMatchObject({ code: 'not_found', field: 'sessionId' });

      const heard = waitForEvent(phone, ServerEvent.SessionReset, (message) => message.sessionId === fixture.a.id);
      const staffHeard = waitForEvent(organizer, ServerEvent.SessionReset, (message) => message.sessionId === fixture.a.id);
      const screenHeard = waitForEvent(screen, ServerEvent.SessionReset, (message) => message.sessionId === fixture.a.id);
      const reset = await api<EventResetResponse>(server, 'POST', url, { token: fixture.token, body: { confirm: fixture.event.code.toLowerCase(), sessionId: fixture.a.id } });
      expect(reset.body).toEqual({ sessionIds: [fixture.a.id], polls: 1 });
      const message = await heard;
      await staffHeard;
      expect((await screenHeard).seq).toBe(message.seq);
      const screenView = okData(await request(screen, ClientEvent.SessionJoin, { sessionId: fixture.a.id }));
      expect(screenView.questions).toEqual([]);
      const snapshot = okData(await request(phone, ClientEvent.SessionJoin, { sessionId: fixture.a.id }));
      expect(snapshot.questions).toEqual([]);
      expect(snapshot.polls).toEqual([]);
      expect(snapshot.seq).toBe(message.seq);
      const staffView = okData(await request(organizer, ClientEvent.SessionJoin, { sessionId: fixture.a.id }));
      expect(staffView.polls.map((p) => p.state)).toEqual(['draft']);
      expect(await store.getTallyCounts(poll.id)).toEqual({ total: 0, counts: {} });

      const audit = await api<AuditPage>(server, 'GET', `/events/${fixture.event.id}/audit?limit=50`, { token: fixture.token });
      expect(audit.body.entries.find((entry) => entry.action === 'POST /api/events/:id/reset')).toMatchObject({ sessionId: fixture.a.id });
    });

    it('a co-organizer resets the whole event: every session wiped', async () => {
      const fixture = await agendaFixture(server);
      const amal = await coOrganizer(fixture, 'Amal');
      const join = await api<JoinResponse>(server, 'POST', '/join', { body: { code: fixture.event.code } });
      const phone = await connectTo(join.body.token);
      for (const session of [fixture.a, fixture.x]) {
        okData(await request(phone, ClientEvent.QuestionAsk, { sessionId: session.id, text: 'Répétition', anonymous: true, clientId: randomUUID() }));
      }
      const reset = await api<EventResetResponse>(server, 'POST', `/events/${fixture.event.id}/reset`, { token: amal.token, body: { confirm: fixture.event.code } });
      expect(reset.body.sessionIds.sort()).toEqual([fixture.a.id, fixture.b.id, fixture.c.id, fixture.x.id].sort());
      for (const session of [fixture.a, fixture.x]) expect(await store.listQuestions(session.id)).toEqual([]);
    });
  });

  describe('set-up checklist', () => {
    it('warns about sessions without a screen or a speaker link, and a poll missing a language, until they are handed out', async () => {
      const fixture = await agendaFixture(server);
      await api(server, 'PATCH', `/sessions/${fixture.a.id}`, { token: fixture.token, body: { speakerIds: [fixture.speaker.id] } });
      const organizer = await connectTo(fixture.token);
      const poll = okData(await request(organizer, ClientEvent.PollCreate, { sessionId: fixture.a.id, kind: 'single', prompt: 'Où ?', options: ['Ici', 'Là'], lang: 'fr' }));
      const url = `/events/${fixture.event.id}/setup`;
      const first = await api<EventSetupResponse>(server, 'GET', url, { token: fixture.token });
      expect(first.body.warnings).toContainEqual({ kind: 'speaker_without_link', sessionId: fixture.a.id });
      expect(first.body.warnings).toContainEqual({ kind: 'no_screen', sessionId: fixture.x.id });
      expect(first.body.warnings).toContainEqual({ kind: 'poll_untranslated', sessionId: fixture.a.id, pollId: poll.id, prompt: 'Où ?', langs: ['ar', 'en'] });
      expect(first.body.sessions.find((session) => session.sessionId === fixture.a.id)?.polls).toEqual({ total: 1, drafts: 1, draftsTranslated: 0 });

      await api(server, 'POST', `/events/${fixture.event.id}/invites`, { token: fixture.token, body: { role: 'screen' } });
      await api(server, 'POST', `/events/${fixture.event.id}/invites`, { token: fixture.token, body: { role: 'speaker', sessionId: fixture.a.id } });
      const later = await api<EventSetupResponse>(server, 'GET', url, { token: fixture.token });
      expect(later.body.warnings.filter((warning) => warning.kind !== 'poll_untranslated')).toEqual([]);
      expect(later.body.invites.screen).toEqual({ count: 1, uses: 0 });
      expect(later.body.sessions.find((session) => session.sessionId === fixture.a.id)?.invites.speaker).toEqual({ count: 1, uses: 0 });
      expect((await api(server, 'GET', url, { token: await login(server, STRANGER) })).status).toBe(403);
    });
  });
});
