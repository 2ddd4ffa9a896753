import type { SessionChangeResponse } from '@jisr/protocol/admin';
import type { Announcement } from '@jisr/protocol/agenda';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import { describe, expect, it } from 'vitest';
import { agendaFixture, agendaOf, api, attendeeOf, errorOf, staffOf } from './agenda-helpers.js';
import { collect, connect, rawRequest, request, sleep, useTestServer, waitForEvent } from './harness.js';

const testServer = useTestServer();

describe('live operations over the socket (agenda:update)', () => {
  it("a moderator starts a session and a second attendee's phone hears it with what changed", async () => {
    const fixture = await agendaFixture(testServer());
    const moderator = await connect(testServer(), await staffOf(testServer(), fixture, 'moderator'));
    const [phone, otherPhone] = [await attendeeOf(testServer(), fixture.event.code), await attendeeOf(testServer(), fixture.event.code, 'Hicham')];
    const heard = waitForEvent(otherPhone, ServerEvent.AgendaUpdate, (m) => m.session.id === fixture.a.id);
    const heardToo = waitForEvent(phone, ServerEvent.AgendaUpdate, (m) => m.session.id === fixture.a.id);
    const ack = await request(moderator, ClientEvent.AgendaUpdate, { sessionId: fixture.a.id, status: 'live' });
    expect(ack).toMatchObject({ ok: true, data: { id: fixture.a.id, status: 'live' } });
    const message = await heard;
    expect(message.session.status).toBe('live');
    expect(message.change).toEqual({ kind: 'started' });
    expect(message.seq).toBeGreaterThan(0);
    await heardToo;
  });

  it('a delay with cascade pushes the following sessions of the room as far as needed, each broadcast', async () => {
    const { token, event, a, b, c, x } = await agendaFixture(testServer());
    const organizer = await connect(testServer(), token);
    const phone = await attendeeOf(testServer(), event.code);
    const updates = collect(phone, ServerEvent.AgendaUpdate);
    // The last of the three: once it arrives, the two before it have (one socket keeps order).
    const last = waitForEvent(phone, ServerEvent.AgendaUpdate, (m) => m.session.id === c.id);
    const ack = await request(organizer, ClientEvent.AgendaUpdate, { sessionId: a.id, delayBy: 45, cascade: true });
    expect(ack).toMatchObject({ ok: true, data: { id: a.id, delayMinutes: 45 } });
    await last;
    expect(updates.map((m) => [m.session.id, m.session.delayMinutes, m.change])).toEqual([
      [a.id, 45, { kind: 'delayed', minutes: 45 }],
      [b.id, 45, { kind: 'delayed', minutes: 45, causedBy: a.id }],
      [c.id, 15, { kind: 'delayed', minutes: 15, causedBy: a.id }],
    ]);
    const agenda = await agendaOf(testServer(), event.code);
    const delays = Object.fromEntries(agenda.sessions.map((s) => [s.id, s.delayMinutes]));
    expect(delays).toEqual({ [a.id]: 45, [b.id]: 45, [c.id]: 15, [x.id]: 0 });
  });

  it('a delay running into the next session without cascade is a conflict naming it; nothing changes, nothing is sent', async () => {
    const fixture = await agendaFixture(testServer());
    const organizer = await connect(testServer(), fixture.token);
    const phone = await attendeeOf(testServer(), fixture.event.code);
    const updates = collect(phone, ServerEvent.AgendaUpdate);
    const before = await agendaOf(testServer(), fixture.event.code);
    const ack = await request(organizer, ClientEvent.AgendaUpdate, { sessionId: fixture.a.id, delayBy: 10 });
    expect(ack.ok).toBe(false);
    if (ack.ok) return;
    expect(ack.error.code).toBe('conflict');
    expect(ack.error.message).toContain('Panel');
    expect(ack.error.details?.conflicts?.map((conflict) => conflict.sessionId)).toEqual([fixture.b.id]);
    const moved = await request(organizer, ClientEvent.AgendaUpdate, { sessionId: fixture.a.id, roomId: fixture.roomB.id });
    expect(moved).toMatchObject({ ok: false, error: { code: 'conflict', details: { conflicts: [{ sessionId: fixture.x.id }] } } });
    expect(await rawRequest(organizer, ClientEvent.AgendaUpdate, { sessionId: fixture.a.id, delayBy: 2.5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'delayBy' },
    });
    expect(await request(organizer, ClientEvent.AgendaUpdate, { sessionId: fixture.a.id, delayBy: 5, delayMinutes: 5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'delayBy' },
    });
    expect(await request(organizer, ClientEvent.AgendaUpdate, { sessionId: fixture.a.id, roomId: 'rm_nowhere' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'roomId' },
    });
    await sleep(200);
    expect(updates).toEqual([]);
    expect(await agendaOf(testServer(), fixture.event.code)).toStrictEqual(before);
  });

  it('moves a session to a free room: the phone learns where it came from', async () => {
    const fixture = await agendaFixture(testServer());
    const organizer = await connect(testServer(), fixture.token);
    const phone = await attendeeOf(testServer(), fixture.event.code);
    const heard = waitForEvent(phone, ServerEvent.AgendaUpdate, (m) => m.session.id === fixture.c.id);
    expect(await request(organizer, ClientEvent.AgendaUpdate, { sessionId: fixture.c.id, roomId: fixture.roomB.id })).toMatchObject({ ok: true });
    const message = await heard;
    expect(message.session.roomId).toBe(fixture.roomB.id);
    expect(message.change).toEqual({ kind: 'moved', fromRoomId: fixture.roomA.id });
  });

  it('session moderators act on their session only; attendees, speakers and screens are refused', async () => {
    const fixture = await agendaFixture(testServer());
    const own = await connect(testServer(), await staffOf(testServer(), fixture, 'moderator', fixture.b.id));
    expect(await request(own, ClientEvent.AgendaUpdate, { sessionId: fixture.b.id, status: 'live' })).toMatchObject({ ok: true });
    expect(await request(own, ClientEvent.AgendaUpdate, { sessionId: fixture.a.id, status: 'live' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const refused = [
      await attendeeOf(testServer(), fixture.event.code),
      await connect(testServer(), await staffOf(testServer(), fixture, 'speaker')),
      await connect(testServer(), await staffOf(testServer(), fixture, 'screen')),
    ];
    for (const socket of refused) {
      expect(await request(socket, ClientEvent.AgendaUpdate, { sessionId: fixture.c.id, status: 'cancelled' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect((await agendaOf(testServer(), fixture.event.code)).sessions.find((s) => s.id === fixture.c.id)?.status).toBe('scheduled');
  });
});

describe('staff scoped to one session (issue 19.1)', () => {
  it('a session moderator delays their own session, but a cascade into the rest of the room is forbidden, naming what it would move', async () => {
    const fixture = await agendaFixture(testServer());
    const token = await staffOf(testServer(), fixture, 'moderator', fixture.a.id);
    const own = await connect(testServer(), token);
    const before = await agendaOf(testServer(), fixture.event.code);
    const socketTry = await request(own, ClientEvent.AgendaUpdate, { sessionId: fixture.a.id, delayBy: 720, cascade: true });
    expect(socketTry).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'cascade', details: { sessionIds: [fixture.b.id, fixture.c.id] } } });
    if (!socketTry.ok) expect(socketTry.error.message).toContain('Panel');
    const httpTry = await api(testServer(), 'PATCH', `/sessions/${fixture.a.id}`, { token, body: { delayBy: 720, cascade: true } });
    expect(httpTry.status).toBe(403);
    expect(errorOf(httpTry)).toMatchObject({ code: 'forbidden', details: { sessionIds: [fixture.b.id, fixture.c.id] } });
    expect(await agendaOf(testServer(), fixture.event.code)).toStrictEqual(before);
    // A delay that moves nothing else is theirs to make; the organizer may cascade.
    expect(await request(own, ClientEvent.AgendaUpdate, { sessionId: fixture.c.id, delayBy: 5, cascade: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const ownOnly = await connect(testServer(), await staffOf(testServer(), fixture, 'moderator', fixture.c.id));
    expect(await request(ownOnly, ClientEvent.AgendaUpdate, { sessionId: fixture.c.id, delayBy: 30, cascade: true })).toMatchObject({ ok: true, data: { delayMinutes: 30 } });
    const organizer = await connect(testServer(), fixture.token);
    expect(await request(organizer, ClientEvent.AgendaUpdate, { sessionId: fixture.a.id, delayBy: 30, cascade: true })).toMatchObject({ ok: true });
  });
});

describe('live operations over HTTP (PATCH /api/sessions/:id)', () => {
  it('cancels a session; the organizer socket and the phones hear it; a moderator may, an attendee may not', async () => {
    const fixture = await agendaFixture(testServer());
    // The organizer's own socket joins the rooms of their events on connect.
    const organizerSocket = await connect(testServer(), fixture.token);
    const phone = await attendeeOf(testServer(), fixture.event.code);
    const heardByPhone = waitForEvent(phone, ServerEvent.AgendaUpdate, (m) => m.session.id === fixture.c.id);
    const heardByOrganizer = waitForEvent(organizerSocket, ServerEvent.AgendaUpdate, (m) => m.session.id === fixture.c.id);
    const moderator = await staffOf(testServer(), fixture, 'moderator');
    const reply = await api<SessionChangeResponse>(testServer(), 'PATCH', `/sessions/${fixture.c.id}`, { token: moderator, body: { status: 'cancelled' } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ session: { id: fixture.c.id, status: 'cancelled' }, cascaded: [] });
    expect((await heardByPhone).change).toEqual({ kind: 'cancelled' });
    expect((await heardByOrganizer).session.status).toBe('cancelled');

    const attendeeToken = (await api<{ token: string }>(testServer(), 'POST', '/join', { body: { code: fixture.event.code } })).body.token;
    expect(errorOf(await api(testServer(), 'PATCH', `/sessions/${fixture.a.id}`, { token: attendeeToken, body: { status: 'live' } })).code).toBe('forbidden');
    expect((await api(testServer(), 'PATCH', `/sessions/${fixture.a.id}`, { body: { status: 'live' } })).status).toBe(401);
    expect(errorOf(await api(testServer(), 'PATCH', `/sessions/${fixture.a.id}`, { token: moderator, body: { status: 'paused' } }))).toMatchObject({
      code: 'invalid_input',
      field: 'status',
    });
  });

  it('delays with cascade over HTTP and answers with the sessions pushed back', async () => {
    const fixture = await agendaFixture(testServer());
    const reply = await api<SessionChangeResponse>(testServer(), 'PATCH', `/sessions/${fixture.b.id}`, {
      token: fixture.token,
      body: { delayBy: 40, cascade: true },
    });
    expect(reply.body.session.delayMinutes).toBe(40);
    expect(reply.body.cascaded.map((s) => [s.id, s.delayMinutes])).toEqual([[fixture.c.id, 10]]);
    const refused = await api(testServer(), 'PATCH', `/sessions/${fixture.b.id}`, { token: fixture.token, body: { endsAt: fixture.b.startsAt } });
    expect(errorOf(refused)).toMatchObject({ code: 'invalid_input', field: 'endsAt' });
  });
});

describe('announcements', () => {
  it('an organizer announces to the whole event; a page opened later still sees it; withdrawing tells everyone', async () => {
    const fixture = await agendaFixture(testServer());
    const organizer = await connect(testServer(), fixture.token);
    const phone = await attendeeOf(testServer(), fixture.event.code);
    const heard = waitForEvent(phone, ServerEvent.Announcement);
    const ack = await request(organizer, ClientEvent.Announce, { eventId: fixture.event.id, text: '  Le déjeuner est servi  ', expiresInMinutes: 30 });
    expect(ack).toMatchObject({ ok: true, data: { eventId: fixture.event.id, text: 'Le déjeuner est servi' } });
    if (!ack.ok) return;
    expect(Date.parse(ack.data.expiresAt ?? '') - Date.parse(ack.data.at)).toBe(30 * 60_000);
    expect(await heard).toStrictEqual(ack.data);
    expect((await agendaOf(testServer(), fixture.event.code)).announcements).toStrictEqual([ack.data]);

    const removed = waitForEvent(phone, ServerEvent.AnnouncementRemove);
    expect((await api(testServer(), 'DELETE', `/events/${fixture.event.id}/announcements/${ack.data.id}`, { token: fixture.token })).status).toBe(204);
    expect(await removed).toEqual({ id: ack.data.id, eventId: fixture.event.id });
    expect((await agendaOf(testServer(), fixture.event.code)).announcements).toStrictEqual([]);
  });

  it('takes the text per language; the plain text is the default language one (fr), else the first written; old plain payloads still work', async () => {
    const fixture = await agendaFixture(testServer());
    const organizer = await connect(testServer(), fixture.token);
    const phone = await attendeeOf(testServer(), fixture.event.code);
    const heard = waitForEvent(phone, ServerEvent.Announcement);
    const texts = { ar: 'الغداء جاهز في القاعة الكبرى', fr: ' Le déjeuner est servi dans la grande salle ', en: '' };
    const ack = await request(organizer, ClientEvent.Announce, { eventId: fixture.event.id, texts });
    expect(ack).toMatchObject({
      ok: true,
      data: { text: 'Le déjeuner est servi dans la grande salle', texts: { ar: texts.ar, fr: 'Le déjeuner est servi dans la grande salle' } },
    });
    if (!ack.ok) return;
    expect(ack.data.texts).not.toHaveProperty('en');
    expect(await heard).toStrictEqual(ack.data);
    const arabicOnly = await api<Announcement>(testServer(), 'POST', `/events/${fixture.event.id}/announcements`, { token: fixture.token, body: { texts: { ar: 'استراحة' } } });
    expect(arabicOnly.body).toMatchObject({ text: 'استراحة', texts: { ar: 'استراحة' } });
    const plain = await request(organizer, ClientEvent.Announce, { eventId: fixture.event.id, text: 'Pause' });
    expect(plain.ok && plain.data).not.toHaveProperty('texts');
    expect((await agendaOf(testServer(), fixture.event.code)).announcements?.map((a) => a.texts ?? a.text)).toStrictEqual([
      'Pause',
      { ar: 'استراحة' },
      ack.data.texts,
    ]);
    for (const bad of [{ texts: { fr: '   ', ar: '' } }, { texts: {} }, {}]) {
      expect(await rawRequest(organizer, ClientEvent.Announce, { eventId: fixture.event.id, ...bad })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'texts' } });
    }
    expect(await rawRequest(organizer, ClientEvent.Announce, { eventId: fixture.event.id, texts: { fr: 'x'.repeat(501) } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'texts.fr' },
    });
  });

  it('event moderators may announce (also over HTTP); session moderators, attendees and bad input may not', async () => {
    const fixture = await agendaFixture(testServer());
    const moderator = await connect(testServer(), await staffOf(testServer(), fixture, 'moderator'));
    expect(await request(moderator, ClientEvent.Announce, { eventId: fixture.event.id, text: 'Salle B fermée' })).toMatchObject({ ok: true });
    const sessionModerator = await connect(testServer(), await staffOf(testServer(), fixture, 'moderator', fixture.a.id));
    const phone = await attendeeOf(testServer(), fixture.event.code);
    for (const socket of [sessionModerator, phone]) {
      expect(await request(socket, ClientEvent.Announce, { eventId: fixture.event.id, text: 'Hello' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await request(moderator, ClientEvent.Announce, { eventId: fixture.event.id, text: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'text' },
    });
    expect(await request(moderator, ClientEvent.Announce, { eventId: fixture.event.id, text: 'x', expiresInMinutes: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'expiresInMinutes' },
    });
    const http = await api<Announcement>(testServer(), 'POST', `/events/${fixture.event.id}/announcements`, { token: fixture.token, body: { text: 'Pause café' } });
    expect(http.status).toBe(201);
    const list = await api<{ announcements: Announcement[] }>(testServer(), 'GET', `/events/${fixture.event.id}/announcements`, { token: fixture.token });
    expect(list.body.announcements.map((a) => a.text)).toEqual(['Pause café', 'Salle B fermée']);
  });
});
