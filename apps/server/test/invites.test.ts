import type { ApiError } from '@jisr/protocol/errors';
import type { InviteAcceptResponse, StaffMe } from '@jisr/protocol/http';
import { ClientEvent } from '@jisr/protocol/events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  attendee,
  connect,
  createInvite,
  disconnectAll,
  okData,
  organizerToken,
  postJson,
  request,
  sleep,
  startServer,
  type TestServer,
} from './harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterEach(() => {
  disconnectAll();
});
afterAll(async () => {
  await server.stop();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('invites', () => {
  it('turns a link into a staff token for that role, event and session', async () => {
    const invite = await createInvite(server, 'speaker', server.sessions.open.id);
    expect(invite.url).toMatch(/\/invite#[\w-]{20,}$/);
    const response = await postJson(`${server.url}/api/invites/accept`, { token: invite.token, name: 'Dr. Haddou' });
    expect(response.status).toBe(200);
    const accepted = (await response.json()) as InviteAcceptResponse;
    expect(accepted).toMatchObject({ role: 'speaker', sessionId: server.sessions.open.id, event: { id: server.event.id } });
    const me = (await (await fetch(`${server.url}/api/me`, { headers: bearer(accepted.token) })).json()) as StaffMe;
    expect(me).toMatchObject({ role: 'speaker', name: 'Dr. Haddou', sessionId: server.sessions.open.id });
    const socket = await connect(server, accepted.token);
    expect(okData(await request(socket, ClientEvent.SessionJoin, { sessionId: server.sessions.open.id })).role).toBe('speaker');
  });

  it('is created by the event organizer only', async () => {
    const { join } = await attendee(server);
    const asAttendee = await postJson(`${server.url}/api/events/${server.event.id}/invites`, { role: 'moderator' }, bearer(join.token));
    expect(asAttendee.status).toBe(403);
    const anonymous = await postJson(`${server.url}/api/events/${server.event.id}/invites`, { role: 'moderator' });
    expect(anonymous.status).toBe(401);
    const badRole = await postJson(
      `${server.url}/api/events/${server.event.id}/invites`,
      { role: 'organizer' },
      bearer(await organizerToken(server)),
    );
    expect(((await badRole.json()) as { error: ApiError }).error).toMatchObject({ code: 'invalid_input', field: 'role' });
  });

  it('when revoked, refuses the link and disconnects everyone who came in through it', async () => {
    const invite = await createInvite(server, 'moderator');
    const accepted = (await (await postJson(`${server.url}/api/invites/accept`, { token: invite.token, name: 'Mod' })).json()) as InviteAcceptResponse;
    const socket = await connect(server, accepted.token);
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    const revoke = await fetch(`${server.url}/api/invites/${invite.inviteId}`, {
      method: 'DELETE',
      headers: bearer(await organizerToken(server)),
    });
    expect(revoke.status).toBe(200);
    await disconnected;
    expect((await postJson(`${server.url}/api/invites/accept`, { token: invite.token, name: 'Mod' })).status).toBe(404);
    await expect(connect(server, accepted.token)).rejects.toThrow('unauthorized');
    expect((await fetch(`${server.url}/api/me`, { headers: bearer(accepted.token) })).status).toBe(401);
  });

  it('lists the event invites for the organizer, with use counts and no secrets', async () => {
    const invite = await createInvite(server, 'screen');
    await postJson(`${server.url}/api/invites/accept`, { token: invite.token, name: 'Projector A' });
    await postJson(`${server.url}/api/invites/accept`, { token: invite.token, name: 'Projector B' });
    const response = await fetch(`${server.url}/api/events/${server.event.id}/invites`, { headers: bearer(await organizerToken(server)) });
    const { invites } = (await response.json()) as { invites: { id: string; uses: number }[] };
    expect(invites.find((item) => item.id === invite.inviteId)?.uses).toBe(2);
    expect(JSON.stringify(invites)).not.toContain(invite.token);
    expect(JSON.stringify(invites)).not.toContain('tokenHash');
  });
});

describe('questions.csv', () => {
  it('exports Arabic text as UTF-8 with a BOM, formula-safe, for staff only', async () => {
    const sessionId = server.sessions.open.id;
    const author = await attendee(server, 'Amina');
    const arabic = 'ما هي خطط المؤسسة لدعم الشباب المغاربة في الخارج؟';
    for (const text of [arabic, '=HYPERLINK("http://example.invalid","x")', 'Line one, "quoted"\nline two']) {
      okData(await request(author.socket, ClientEvent.QuestionAsk, { sessionId, text, anonymous: false, clientId: crypto.randomUUID() }));
    }
    await sleep(10);
    const response = await fetch(`${server.url}/api/sessions/${sessionId}/questions.csv`, { headers: bearer(await organizerToken(server)) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(csv).toContain(arabic);
    expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"",""x"")"`);
    expect(csv).toContain('"Line one, ""quoted""\nline two"');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFid,asked_at,status,votes,pinned,language,author,question,reply,labels,answered_at');

    const { join } = await attendee(server);
    const forbidden = await fetch(`${server.url}/api/sessions/${sessionId}/questions.csv`, { headers: bearer(join.token) });
    expect(forbidden.status).toBe(403);
  });
});
