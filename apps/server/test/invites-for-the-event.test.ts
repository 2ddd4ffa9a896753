import type { ApiError } from '@jisr/protocol/errors';
import type { EventResponse } from '@jisr/protocol/admin';
import type { Invite, InviteCreateResponse, InviteLookup, RefreshResponse } from '@jisr/protocol/http';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { organizerToken, postJson, useTestServer, type TestServer } from './harness.js';

/* Issue 25.1 and 25.7: invites made weeks ahead for a two-day event, as a team lead hands them out. */

const testServer = useTestServer();
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const HOUR_MS = 3_600_000;

/** The forum: two days in Brussels, `daysAhead` days from now. */
async function forum(server: TestServer, organizer: string, daysAhead: number): Promise<EventResponse['event']> {
  const start = new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
  const end = new Date(Date.now() + (daysAhead + 1) * 86_400_000).toISOString().slice(0, 10);
  const response = await postJson(
    `${server.url}/api/events`,
    { title: { fr: 'Forum de la jeunesse de la diaspora' }, timeZone: 'Europe/Brussels', languages: ['fr', 'ar', 'nl', 'en'], startDate: start, endDate: end },
    bearer(organizer),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as EventResponse).event;
}

async function invite(server: TestServer, organizer: string, eventId: string, body: object): Promise<Response> {
  return postJson(`${server.url}/api/events/${eventId}/invites`, body, bearer(organizer));
}

/** A staff token signed with the test secret that expired an hour ago: its holder was away. */
async function lapsed(claims: Record<string, unknown>): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('jisr')
    .setIssuedAt(now - 25 * 3600)
    .setExpirationTime(now - 3600)
    .sign(new TextEncoder().encode('x'.repeat(48)));
}

describe('invites for an event weeks away (issue 25.1)', () => {
  it('by default work until the end of the last day in the event\'s zone', async () => {
    const server = testServer();
    const organizer = await organizerToken(server);
    const event = await forum(server, organizer, 40);
    const response = await invite(server, organizer, event.id, { role: 'moderator' });
    expect(response.status).toBe(201);
    const { invite: created } = (await response.json()) as InviteCreateResponse;
    // Midnight after the last day in Brussels: 23:00 UTC in winter, 22:00 in summer.
    const endDay = new Date(Date.parse(`${event.endDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect([`${event.endDate}T23:00:00.000Z`, `${event.endDate}T22:00:00.000Z`]).toContain(created.expiresAt);
    expect(created.expiresAt < `${endDay}T00:00:00.000Z`).toBe(true);
  });

  it('may last until a week after an event 4 months away, and no longer', async () => {
    const server = testServer();
    const organizer = await organizerToken(server);
    const event = await forum(server, organizer, 120);
    const untilEnd = (Date.parse(`${event.endDate}T00:00:00Z`) + 86_400_000 - Date.now()) / HOUR_MS;
    const weekAfter = await invite(server, organizer, event.id, { role: 'speaker', expiresInHours: Math.floor(untilEnd + 6 * 24) });
    expect(weekAfter.status).toBe(201);
    const tooLong = await invite(server, organizer, event.id, { role: 'speaker', expiresInHours: Math.ceil(untilEnd + 9 * 24) });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: ApiError }).error).toMatchObject({ code: 'invalid_input', field: 'expiresInHours' });
  });

  it('a pass that lapsed while its holder was away is renewed while the invite is valid, never after revocation', async () => {
    const server = testServer();
    const organizer = await organizerToken(server);
    const event = await forum(server, organizer, 40);
    const { token, invite: created } = (await (await invite(server, organizer, event.id, { role: 'moderator' })).json()) as InviteCreateResponse;
    expect((await postJson(`${server.url}/api/invites/accept`, { token, name: 'Karim' })).status).toBe(200);
    const old = await lapsed({ kind: 'staff', role: 'moderator', eventId: event.id, name: 'Karim', inviteId: created.id });
    // The lapsed pass itself opens nothing: only renewing it does.
    expect((await fetch(`${server.url}/api/me`, { headers: bearer(old) })).status).toBe(401);
    const renewed = await postJson(`${server.url}/api/auth/refresh`, {}, bearer(old));
    expect(renewed.status).toBe(200);
    const body = (await renewed.json()) as RefreshResponse;
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now() + 23 * HOUR_MS);
    expect((await fetch(`${server.url}/api/me`, { headers: bearer(body.token) })).status).toBe(200);

    await fetch(`${server.url}/api/invites/${created.id}`, { method: 'DELETE', headers: bearer(organizer) });
    expect((await postJson(`${server.url}/api/auth/refresh`, {}, bearer(old))).status).toBe(401);
    // An organizer's lapsed token is not renewed either: they sign in again.
    const lapsedUser = await lapsed({ kind: 'user', userId: 'us_someone' });
    expect((await postJson(`${server.url}/api/auth/refresh`, {}, bearer(lapsedUser))).status).toBe(401);
  });
});

describe('invites as a team lead hands them out (issue 25.7)', () => {
  it('names who a link is for, says what it is for before acceptance, and lists who used it', async () => {
    const server = testServer();
    const organizer = await organizerToken(server);
    const roomId = (await server.store.listRooms(server.event.id))[0]?.id ?? '';
    const response = await invite(server, organizer, server.event.id, { role: 'screen', roomId, invitee: 'regie@example.org' });
    expect(response.status).toBe(201);
    const { token, invite: created } = (await response.json()) as InviteCreateResponse;
    expect(created).toMatchObject({ role: 'screen', roomId, invitee: 'regie@example.org', usedBy: [] });

    const lookup = (await (await postJson(`${server.url}/api/invites/lookup`, { token })).json()) as InviteLookup;
    expect(lookup).toMatchObject({ role: 'screen', roomId, invitee: 'regie@example.org', event: { id: server.event.id, code: 'TEST' } });
    expect(lookup).not.toHaveProperty('tokenHash');

    const accepted = (await (await postJson(`${server.url}/api/invites/accept`, { token, name: 'Écran Grande salle' })).json()) as { roomId?: string };
    expect(accepted.roomId).toBe(roomId);
    const list = (await (await fetch(`${server.url}/api/events/${server.event.id}/invites`, { headers: bearer(organizer) })).json()) as { invites: Invite[] };
    expect(list.invites.find((item) => item.id === created.id)).toMatchObject({ uses: 1, usedBy: ['Écran Grande salle'], invitee: 'regie@example.org' });
  });

  it('refuses a room for anything but a screen of a whole room, and a room of another event', async () => {
    const server = testServer();
    const organizer = await organizerToken(server);
    const roomId = (await server.store.listRooms(server.event.id))[0]?.id ?? '';
    const moderator = await invite(server, organizer, server.event.id, { role: 'moderator', roomId });
    expect(((await moderator.json()) as { error: ApiError }).error).toMatchObject({ code: 'invalid_input', field: 'roomId' });
    const elsewhere = await invite(server, organizer, server.otherEvent.id, { role: 'screen', roomId });
    expect(((await elsewhere.json()) as { error: ApiError }).error).toMatchObject({ code: 'not_found', field: 'roomId' });
    const unknown = await postJson(`${server.url}/api/invites/lookup`, { token: 'y'.repeat(32) });
    expect(unknown.status).toBe(404);
  });
});
