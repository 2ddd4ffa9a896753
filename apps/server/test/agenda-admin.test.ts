import type { EventResponse, RoomResponse, SessionResponse, SpeakerResponse } from '@jisr/protocol/admin';
import type { StaffMe } from '@jisr/protocol/http';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import { agendaFixture, agendaOf, api, brussels, errorOf, staffOf, uniqueCode } from './agenda-helpers.js';
import { ServerEvent } from '@jisr/protocol/events';
import { connect, joinEvent, postJson, useTestServer, waitForEvent } from './harness.js';

const testServer = useTestServer();

const EVENT = {
  title: { fr: 'Rencontre', ar: 'لقاء' },
  timeZone: 'Africa/Casablanca',
  languages: ['ar', 'fr'],
  startDate: '2026-03-21',
  endDate: '2026-03-22',
};

describe('events (organizer)', () => {
  it('creates an event with its defaults, owned by the caller and listed in /api/me', async () => {
    const { token } = await agendaFixture(testServer());
    const code = uniqueCode();
    const reply = await api<EventResponse>(testServer(), 'POST', '/events', {
      token,
      body: { ...EVENT, code: code.toLowerCase(), color: '#0B6E4F', logoUrl: 'https://example.org/logo.svg' },
    });
    expect(reply.status).toBe(201);
    const { event } = reply.body;
    expect(event).toMatchObject({ code, defaultLang: 'ar', timeZone: 'Africa/Casablanca', color: '#0B6E4F' });
    expect(event).not.toHaveProperty('ownerId');
    expect((await agendaOf(testServer(), code)).event).toStrictEqual(event);
    const me = await api<StaffMe>(testServer(), 'GET', '/me', { token });
    expect(me.body.events.map((e) => e.id)).toContain(event.id);
  });

  it('makes the join code when none is given: 6 characters or more, without look-alikes (issue 19.4)', async () => {
    const { token } = await agendaFixture(testServer());
    const codes = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const reply = await api<EventResponse>(testServer(), 'POST', '/events', { token, body: EVENT });
      expect(reply.status).toBe(201);
      expect(reply.body.event.code).toMatch(/^[2-9A-HJKMNP-Z]{6,}$/);
      codes.add(reply.body.event.code);
      expect((await agendaOf(testServer(), reply.body.event.code)).event.id).toBe(reply.body.event.id);
    }
    expect(codes.size).toBe(3);
  });

  it('refuses bad input naming the field, a taken code as conflict, and creates nothing', async () => {
    const { token, event } = await agendaFixture(testServer());
    const before = (await testServer().store.listEvents()).length;
    const attempts: [Record<string, unknown>, string, string][] = [
      [{ timeZone: 'Mars/Olympus' }, 'invalid_input', 'timeZone'],
      [{ endDate: '2026-03-20' }, 'invalid_input', 'endDate'],
      [{ defaultLang: 'en' }, 'invalid_input', 'defaultLang'],
      [{ languages: ['fr', 'fr'] }, 'invalid_input', 'languages'],
      [{ color: 'red' }, 'invalid_input', 'color'],
      [{ logoUrl: 'javascript:alert(1)' }, 'invalid_input', 'logoUrl'],
      [{ title: { fr: '  ' } }, 'invalid_input', 'title'],
      [{ code: event.code.toLowerCase() }, 'conflict', 'code'],
    ];
    for (const [change, code, field] of attempts) {
      const reply = await api(testServer(), 'POST', '/events', { token, body: { ...EVENT, code: uniqueCode(), ...change } });
      expect(errorOf(reply), JSON.stringify(change)).toMatchObject({ code, field });
    }
    expect((await testServer().store.listEvents()).length).toBe(before);
  });

  it('only a signed-in organizer creates events', async () => {
    const fixture = await agendaFixture(testServer());
    const attendee = await joinEvent(testServer(), 'Amina', fixture.event.code);
    const moderator = await staffOf(testServer(), fixture, 'moderator');
    const body = { ...EVENT, code: uniqueCode() };
    expect((await api(testServer(), 'POST', '/events', { body })).status).toBe(401);
    expect(errorOf(await api(testServer(), 'POST', '/events', { body, token: attendee.token })).code).toBe('forbidden');
    expect(errorOf(await api(testServer(), 'POST', '/events', { body, token: moderator })).code).toBe('forbidden');
  });

  it('edits an event: fields given change, null clears, sessions left outside new dates are a conflict', async () => {
    const { token, event, b } = await agendaFixture(testServer());
    const edited = await api<EventResponse>(testServer(), 'PATCH', `/events/${event.id}`, {
      token,
      body: { title: { fr: 'Forum 2026' }, color: '#112233', defaults: { qa: { open: false, moderated: true, anonymousAllowed: false }, poll: { results: 'hidden', allowChange: true, anonymous: true } } },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.event).toMatchObject({ title: { fr: 'Forum 2026' }, color: '#112233', code: event.code });
    const cleared = await api<EventResponse>(testServer(), 'PATCH', `/events/${event.id}`, { token, body: { color: null } });
    expect(cleared.body.event).not.toHaveProperty('color');

    const outside = await api(testServer(), 'PATCH', `/events/${event.id}`, { token, body: { startDate: '2026-12-06' } });
    expect(errorOf(outside)).toMatchObject({ code: 'conflict', details: { sessionIds: expect.arrayContaining([b.id]) } });
    const zone = await api(testServer(), 'PATCH', `/events/${event.id}`, { token, body: { timeZone: 'Nowhere/Land' } });
    expect(errorOf(zone)).toMatchObject({ code: 'invalid_input', field: 'timeZone' });
    expect((await agendaOf(testServer(), event.code)).event).toStrictEqual(cleared.body.event);

    // New sessions take the event's Q&A defaults.
    const session = await api<SessionResponse>(testServer(), 'POST', `/events/${event.id}/sessions`, {
      token,
      body: { roomId: b.roomId, title: { fr: 'Tard' }, startsAt: brussels('18:00'), endsAt: brussels('19:00') },
    });
    expect(session.body.session.qa).toStrictEqual({ open: false, moderated: true, anonymousAllowed: false });
  });

  it('a break starts with Q&A closed unless the request says otherwise (issue 25)', async () => {
    const { token, event, roomB } = await agendaFixture(testServer());
    const post = (title: string, start: string, end: string, extra: Record<string, unknown>) =>
      api<SessionResponse>(testServer(), 'POST', `/events/${event.id}/sessions`, {
        token,
        body: { roomId: roomB.id, title: { fr: title }, startsAt: brussels(start), endsAt: brussels(end), ...extra },
      });
    expect((await post('Pause café', '10:30', '11:00', { kind: 'break' })).body.session.qa.open).toBe(false);
    expect((await post('Atelier', '11:00', '12:00', { kind: 'workshop' })).body.session.qa.open).toBe(true);
    const asked = await post('Déjeuner', '12:00', '13:00', { kind: 'break', qa: { open: true, moderated: false, anonymousAllowed: true } });
    expect(asked.body.session.qa.open).toBe(true);
  });

  it("another organizer can't touch the event; deleting it removes everything and frees its code", async () => {
    const { token, event, a } = await agendaFixture(testServer());
    await testServer().store.createUser({ email: 'other@example.org', name: 'Other', passwordHash: await hashPassword('another password') });
    const login = await postJson(`${testServer().url}/api/auth/login`, { email: 'other@example.org', password: 'another password' });
    const other = ((await login.json()) as { token: string }).token;
    expect(errorOf(await api(testServer(), 'PATCH', `/events/${event.id}`, { token: other, body: { title: { fr: 'X' } } })).code).toBe('forbidden');
    expect(errorOf(await api(testServer(), 'DELETE', `/events/${event.id}`, { token: other })).code).toBe('forbidden');

    const attendee = await joinEvent(testServer(), 'Amina', event.code);
    const phone = await connect(testServer(), attendee.token);
    const admin = await connect(testServer(), token);
    const closed = new Promise<string>((resolve) => phone.once('disconnect', (reason) => resolve(reason)));
    expect((await api(testServer(), 'DELETE', `/events/${event.id}`, { token })).status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    // The organizer's own socket stays, and follows the events they create from now on.
    expect(admin.connected).toBe(true);
    await expect(connect(testServer(), attendee.token)).rejects.toThrow('unauthorized');
    expect((await api(testServer(), 'GET', `/events/${event.code}`)).status).toBe(404);
    expect(await testServer().store.getSession(a.id)).toBeNull();
    expect(await testServer().store.getParticipant(attendee.participant.id)).toBeNull();
    const again = await api<EventResponse>(testServer(), 'POST', '/events', { token, body: { ...EVENT, code: event.code } });
    expect(again.status).toBe(201);
    const room = await api<RoomResponse>(testServer(), 'POST', `/events/${again.body.event.id}/rooms`, { token, body: { name: { fr: 'Atlas' } } });
    const heard = waitForEvent(admin, ServerEvent.AgendaUpdate);
    await api(testServer(), 'POST', `/events/${again.body.event.id}/sessions`, {
      token,
      body: { roomId: room.body.room.id, title: { fr: 'Première' }, startsAt: '2026-03-21T09:00:00Z', endsAt: '2026-03-21T10:00:00Z' },
    });
    expect(await heard).toMatchObject({ session: { eventId: again.body.event.id }, change: { kind: 'created' } });
    expect(admin.connected).toBe(true);
  });
});

describe('rooms and speakers (organizer)', () => {
  it('creates, renames and deletes rooms; a room with sessions is a conflict naming them', async () => {
    const { token, event, roomA, a, b, c } = await agendaFixture(testServer());
    const renamed = await api<RoomResponse>(testServer(), 'PATCH', `/events/${event.id}/rooms/${roomA.id}`, {
      token,
      body: { name: { fr: 'Grande salle', ar: 'القاعة الكبرى' } },
    });
    expect(renamed.body.room).toStrictEqual({ ...roomA, name: { fr: 'Grande salle', ar: 'القاعة الكبرى' } });
    const busy = await api(testServer(), 'DELETE', `/events/${event.id}/rooms/${roomA.id}`, { token });
    expect(errorOf(busy)).toMatchObject({ code: 'conflict' });
    expect(errorOf(busy).details?.sessionIds?.sort()).toEqual([a.id, b.id, c.id].sort());
    const spare = await api<RoomResponse>(testServer(), 'POST', `/events/${event.id}/rooms`, { token, body: { name: { en: 'Spare' } } });
    expect(spare.body.room.position).toBe(2);
    expect((await api(testServer(), 'DELETE', `/events/${event.id}/rooms/${spare.body.room.id}`, { token })).status).toBe(204);
    expect(errorOf(await api(testServer(), 'POST', `/events/${event.id}/rooms`, { token, body: { name: {} } }))).toMatchObject({
      code: 'invalid_input',
      field: 'name',
    });
    expect((await agendaOf(testServer(), event.code)).rooms.map((room) => room.id)).toHaveLength(2);
  });

  it('edits speakers (null clears), refuses deleting one still on a session', async () => {
    const { token, event, a, speaker } = await agendaFixture(testServer());
    const edited = await api<SpeakerResponse>(testServer(), 'PATCH', `/events/${event.id}/speakers/${speaker.id}`, {
      token,
      body: { bio: { fr: 'Juriste', ar: 'قانونية' }, affiliation: null, photoUrl: 'https://example.org/n.jpg', country: 'MA' },
    });
    expect(edited.body.speaker).toStrictEqual({ id: speaker.id, eventId: event.id, name: 'Nadia Benali', bio: { fr: 'Juriste', ar: 'قانونية' }, photoUrl: 'https://example.org/n.jpg', country: 'MA' });
    await api(testServer(), 'PATCH', `/sessions/${a.id}`, { token, body: { speakerIds: [speaker.id] } });
    const busy = await api(testServer(), 'DELETE', `/events/${event.id}/speakers/${speaker.id}`, { token });
    expect(errorOf(busy)).toMatchObject({ code: 'conflict', details: { sessionIds: [a.id] } });
    await api(testServer(), 'PATCH', `/sessions/${a.id}`, { token, body: { speakerIds: [] } });
    expect((await api(testServer(), 'DELETE', `/events/${event.id}/speakers/${speaker.id}`, { token })).status).toBe(204);
    expect((await agendaOf(testServer(), event.code)).speakers).toStrictEqual([]);
  });
});

describe('sessions (organizer)', () => {
  it('refuses bad times, unknown rooms and speakers, and overlaps, naming the other session; nothing changes', async () => {
    const { token, event, roomA, b } = await agendaFixture(testServer());
    const before = await agendaOf(testServer(), event.code);
    const post = (body: Record<string, unknown>) =>
      api(testServer(), 'POST', `/events/${event.id}/sessions`, {
        token,
        body: { roomId: roomA.id, title: { fr: 'Nouveau' }, startsAt: brussels('13:00'), endsAt: brussels('14:00'), ...body },
      });
    // A broken time rule is named too, so the form can say which in the organizer's language.
    expect(errorOf(await post({ endsAt: brussels('12:30') }))).toMatchObject({ code: 'invalid_input', field: 'endsAt', details: { times: { code: 'end_before_start' } } });
    expect(errorOf(await post({ startsAt: brussels('09:00', '2026-12-04'), endsAt: brussels('10:00', '2026-12-04') }))).toMatchObject({
      code: 'invalid_input',
      field: 'startsAt',
      details: { times: { code: 'before_event', day: event.startDate } },
    });
    expect(errorOf(await post({ startsAt: 'tomorrow' }))).toMatchObject({ code: 'invalid_input', field: 'startsAt' });
    expect(errorOf(await post({ roomId: 'rm_nowhere' }))).toMatchObject({ code: 'invalid_input', field: 'roomId' });
    expect(errorOf(await post({ speakerIds: ['sp_nobody'] }))).toMatchObject({ code: 'invalid_input', field: 'speakerIds' });
    expect(errorOf(await post({ kind: 'party' }))).toMatchObject({ code: 'invalid_input', field: 'kind' });
    const overlap = errorOf(await post({ startsAt: brussels('10:30'), endsAt: brussels('11:15') }));
    expect(overlap.code).toBe('conflict');
    expect(overlap.message).toContain('Panel');
    expect(overlap.details?.conflicts).toEqual([
      { sessionId: b.id, title: { fr: 'Panel' }, roomId: roomA.id, startsAt: b.startsAt, endsAt: b.endsAt },
    ]);
    expect(await agendaOf(testServer(), event.code)).toStrictEqual(before);
  });

  it('edits a session (organizer) and deletes it unless it holds questions', async () => {
    const { token, event, c, x, speaker } = await agendaFixture(testServer());
    const edited = await api<{ session: { title: unknown; kind: string; speakerIds: string[] } }>(testServer(), 'PATCH', `/sessions/${c.id}`, {
      token,
      body: { title: { fr: 'Atelier pratique', en: 'Workshop' }, kind: 'workshop', speakerIds: [speaker.id, speaker.id] },
    });
    expect(edited.body.session).toMatchObject({ title: { fr: 'Atelier pratique', en: 'Workshop' }, kind: 'workshop', speakerIds: [speaker.id] });
    await testServer().store.askQuestion({
      sessionId: x.id,
      authorKey: 'p:someone',
      text: 'Une question',
      lang: 'fr',
      anonymous: true,
      status: 'approved',
      clientId: 'client-0001',
      createdAt: new Date().toISOString(),
    });
    expect(errorOf(await api(testServer(), 'DELETE', `/sessions/${x.id}`, { token })).code).toBe('conflict');
    expect((await api(testServer(), 'DELETE', `/sessions/${c.id}`, { token })).status).toBe(204);
    expect((await agendaOf(testServer(), event.code)).sessions.map((s) => s.id)).not.toContain(c.id);
  });

  it('refuses attendees, speakers, screens and moderators the organizer API (forbidden)', async () => {
    const fixture = await agendaFixture(testServer());
    const { event, roomA, a } = fixture;
    const attendee = (await joinEvent(testServer(), 'Amina', event.code)).token;
    const tokens = [attendee, await staffOf(testServer(), fixture, 'speaker'), await staffOf(testServer(), fixture, 'screen'), await staffOf(testServer(), fixture, 'moderator')];
    const before = await agendaOf(testServer(), event.code);
    for (const token of tokens) {
      const calls = [
        api(testServer(), 'PATCH', `/events/${event.id}`, { token, body: { title: { fr: 'X' } } }),
        api(testServer(), 'POST', `/events/${event.id}/rooms`, { token, body: { name: { fr: 'X' } } }),
        api(testServer(), 'POST', `/events/${event.id}/speakers`, { token, body: { name: 'X' } }),
        api(testServer(), 'POST', `/events/${event.id}/sessions`, { token, body: { roomId: roomA.id, title: { fr: 'X' }, startsAt: brussels('15:00'), endsAt: brussels('16:00') } }),
        api(testServer(), 'PATCH', `/sessions/${a.id}`, { token, body: { title: { fr: 'X' } } }),
        api(testServer(), 'DELETE', `/sessions/${a.id}`, { token }),
        api(testServer(), 'DELETE', `/events/${event.id}`, { token }),
        api(testServer(), 'GET', `/events/${event.id}/agenda.csv`, { token }),
      ];
      for (const reply of await Promise.all(calls)) expect(errorOf(reply).code).toBe('forbidden');
    }
    expect(await agendaOf(testServer(), event.code)).toStrictEqual(before);
  });
});
