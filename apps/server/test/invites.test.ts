import type { ApiError } from '@jisr/protocol/errors';
import type { InviteAcceptResponse, StaffMe } from '@jisr/protocol/http';
import { ClientEvent } from '@jisr/protocol/events';
import { describe, expect, it } from 'vitest';
import {
  attendee,
  connect,
  createInvite,
  okData,
  organizerToken,
  postJson,
  request,
  sleep,
  useTestServer,
} from './harness.js';

const testServer = useTestServer();

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('invites', () => {
  it('turns a link into a staff token for that role, event and session', async () => {
    const invite = await createInvite(testServer(), 'speaker', testServer().sessions.open.id);
    expect(invite.url).toMatch(/\/invite#[\w-]{20,}$/);
    const response = await postJson(`${testServer().url}/api/invites/accept`, { token: invite.token, name: 'Dr. Haddou' });
    expect(response.status).toBe(200);
    const accepted = (await response.json()) as InviteAcceptResponse;
    expect(accepted).toMatchObject({ role: 'speaker', sessionId: testServer().sessions.open.id, event: { id: testServer().event.id } });
    const me = (await (await fetch(`${testServer().url}/api/me`, { headers: bearer(accepted.token) })).json()) as StaffMe;
    expect(me).toMatchObject({ role: 'speaker', name: 'Dr. Haddou', sessionId: testServer().sessions.open.id });
    const socket = await connect(testServer(), accepted.token);
    expect(okData(await request(socket, ClientEvent.SessionJoin, { sessionId: testServer().sessions.open.id })).role).toBe('speaker');
  });

  it('is created by the event organizer only', async () => {
    const { join } = await attendee(testServer());
    const asAttendee = await postJson(`${testServer().url}/api/events/${testServer().event.id}/invites`, { role: 'moderator' }, bearer(join.token));
    expect(asAttendee.status).toBe(403);
    const anonymous = await postJson(`${testServer().url}/api/events/${testServer().event.id}/invites`, { role: 'moderator' });
    expect(anonymous.status).toBe(401);
    const badRole = await postJson(
      `${testServer().url}/api/events/${testServer().event.id}/invites`,
      { role: 'organizer' },
      bearer(await organizerToken(testServer())),
    );
    expect(((await badRole.json()) as { error: ApiError }).error).toMatchObject({ code: 'invalid_input', field: 'role' });
  });

  it('when revoked, refuses the link and disconnects everyone who came in through it', async () => {
    const invite = await createInvite(testServer(), 'moderator');
    const accepted = (await (await postJson(`${testServer().url}/api/invites/accept`, { token: invite.token, name: 'Mod' })).json()) as InviteAcceptResponse;
    const socket = await connect(testServer(), accepted.token);
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    const revoke = await fetch(`${testServer().url}/api/invites/${invite.inviteId}`, {
      method: 'DELETE',
      headers: bearer(await organizerToken(testServer())),
    });
    expect(revoke.status).toBe(200);
    await disconnected;
    expect((await postJson(`${testServer().url}/api/invites/accept`, { token: invite.token, name: 'Mod' })).status).toBe(404);
    await expect(connect(testServer(), accepted.token)).rejects.toThrow('unauthorized');
    expect((await fetch(`${testServer().url}/api/me`, { headers: bearer(accepted.token) })).status).toBe(401);
  });

  it('lists the event invites for the organizer, with use counts and no secrets', async () => {
    const invite = await createInvite(testServer(), 'screen');
    await postJson(`${testServer().url}/api/invites/accept`, { token: invite.token, name: 'Projector A' });
    await postJson(`${testServer().url}/api/invites/accept`, { token: invite.token, name: 'Projector B' });
    const response = await fetch(`${testServer().url}/api/events/${testServer().event.id}/invites`, { headers: bearer(await organizerToken(testServer())) });
    const { invites } = (await response.json()) as { invites: { id: string; uses: number }[] };
    expect(invites.find((item) => item.id === invite.inviteId)?.uses).toBe(2);
    expect(JSON.stringify(invites)).not.toContain(invite.token);
    expect(JSON.stringify(invites)).not.toContain('tokenHash');
  });
});

describe('questions.csv', () => {
  it('exports Arabic text as UTF-8 with a BOM, formula-safe, for staff only', async () => {
    const sessionId = testServer().sessions.open.id;
    const author = await attendee(testServer(), 'Amina');
    const arabic = 'ما هي خطط المؤسسة لدعم الشباب المغاربة في الخارج؟';
    for (const text of [arabic, '=HYPERLINK("http://example.invalid","x")', 'Line one, "quoted"\nline two']) {
      okData(await request(author.socket, ClientEvent.QuestionAsk, { sessionId, text, anonymous: false, clientId: crypto.randomUUID() }));
    }
    await sleep(10);
    const response = await fetch(`${testServer().url}/api/sessions/${sessionId}/questions.csv`, { headers: bearer(await organizerToken(testServer())) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(csv).toContain(arabic);
    expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"",""x"")"`);
    expect(csv).toContain('"Line one, ""quoted""\nline two"');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFid,asked_at,status,votes,pinned,language,author,question,reply,labels,answered_at');

    const { join } = await attendee(testServer());
    const forbidden = await fetch(`${testServer().url}/api/sessions/${sessionId}/questions.csv`, { headers: bearer(join.token) });
    expect(forbidden.status).toBe(403);
  });
});
