import { randomUUID } from 'node:crypto';
import type { AuditPage } from '@jisr/protocol/audit';
import { ClientEvent } from '@jisr/protocol/events';
import { describe, expect, it } from 'vitest';
import { attendee, connect, createInvite, okData, organizerToken, request, staffToken, useTestServer } from './harness.js';

const testServer = useTestServer();

async function audit(token: string, query = ''): Promise<AuditPage> {
  const server = testServer();
  const response = await fetch(`${server.url}/api/events/${server.event.id}/audit${query}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as AuditPage;
}

describe('issue 9: the audit log of staff actions', () => {
  it('records socket and admin actions after they succeed, newest first, with who did them and no question text', async () => {
    const server = testServer();
    const sessionId = server.sessions.moderated.id;
    const orgToken = await organizerToken(server);
    const modToken = await staffToken(server, 'moderator', sessionId, 'Amina');
    const invite = await createInvite(server, 'screen');
    const mod = await connect(server, modToken);
    const org = await connect(server, orgToken);
    const asker = await attendee(server, 'Karim');

    const text = 'Une question très personnelle ?';
    const question = okData(await request(asker.socket, ClientEvent.QuestionAsk, { sessionId, text, anonymous: false, clientId: randomUUID() }));
    okData(await request(mod, ClientEvent.QuestionModerate, { questionId: question.id, action: 'approve' }));
    // A refused action is not recorded (a speaker-less attendee may not moderate).
    const refused = await request(asker.socket, ClientEvent.QuestionModerate, { questionId: question.id, action: 'reject' });
    expect(refused.ok).toBe(false);
    const poll = okData(await request(mod, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'Tea or coffee?', options: ['Tea', 'Coffee'] }));
    okData(await request(mod, ClientEvent.PollDelete, { pollId: poll.id }));
    okData(await request(org, ClientEvent.AgendaUpdate, { sessionId, status: 'live' }));
    const revoke = await fetch(`${server.url}/api/invites/${invite.inviteId}`, { method: 'DELETE', headers: { authorization: `Bearer ${orgToken}` } });
    expect(revoke.ok).toBe(true);

    const page = await audit(orgToken);
    const org_ = { role: 'organizer', name: 'Org', key: expect.stringMatching(/^user:/) as unknown };
    const amina = { role: 'moderator', name: 'Amina', key: expect.stringMatching(/^invite:/) as unknown };
    expect(page.entries.map(({ actor, action, sessionId: s, target }) => ({ actor, action, sessionId: s, target }))).toEqual([
      { actor: org_, action: 'DELETE /api/invites/:id', sessionId: undefined, target: invite.inviteId },
      { actor: org_, action: 'agenda:update', sessionId, target: sessionId },
      { actor: amina, action: 'poll:delete', sessionId, target: poll.id },
      { actor: amina, action: 'poll:create', sessionId, target: poll.id },
      { actor: amina, action: 'question:moderate', sessionId, target: question.id },
      // The harness's invites: the screen's, then the moderator's (each made by the organizer).
      { actor: org_, action: 'POST /api/events/:id/invites', sessionId: undefined, target: undefined },
      { actor: org_, action: 'POST /api/events/:id/invites', sessionId: undefined, target: undefined },
    ]);
    expect(page.entries.every((entry) => entry.eventId === server.event.id && !Number.isNaN(Date.parse(entry.at)))).toBe(true);
    const raw = JSON.stringify(page);
    expect(raw).not.toContain(text);
    expect(raw).not.toContain('Karim');
    expect(raw).not.toContain(orgToken);
    expect(raw).not.toContain(modToken);

    // Paged with "older".
    const first = await audit(orgToken, '?limit=3');
    expect(first.entries).toHaveLength(3);
    expect(first.next).toBeDefined();
    const older = await audit(orgToken, `?limit=3&before=${first.next ?? ''}`);
    expect(older.entries.map((entry) => entry.action)).toEqual(['poll:create', 'question:moderate', 'POST /api/events/:id/invites']);
  });

  it('is read by the event organizer only', async () => {
    const server = testServer();
    const modToken = await staffToken(server, 'moderator');
    const response = await fetch(`${server.url}/api/events/${server.event.id}/audit`, { headers: { authorization: `Bearer ${modToken}` } });
    expect(response.status).toBe(403);
    const bad = await fetch(`${server.url}/api/events/${server.event.id}/audit?limit=0`, {
      headers: { authorization: `Bearer ${await organizerToken(server)}` },
    });
    expect(bad.status).toBe(400);
  });
});
