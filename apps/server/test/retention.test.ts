import { ClientEvent } from '@jisr/protocol/events';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { purgeDueAt, sweepRetention } from '../src/audit/retention-sweep.js';
import { attendee, okData, organizerToken, request, useTestServer } from './harness.js';

const testServer = useTestServer();

describe('issue 9: data retention', () => {
  it('the sweep purges the attendee data of expired events only, once, and keeps the agenda', async () => {
    const server = testServer();
    const { store, event, otherEvent } = server;
    const sessionId = server.sessions.open.id;
    const asker = await attendee(server, 'Karim');
    const question = okData(await request(asker.socket, ClientEvent.QuestionAsk, { sessionId, text: 'Bonjour ?', anonymous: false, clientId: randomUUID() }));
    const otherParticipant = await store.createParticipant({ eventId: otherEvent.id, lang: 'fr' });

    const token = await organizerToken(server);
    const patch = await fetch(`${server.url}/api/events/${event.id}/retention`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ retentionDays: 30 }),
    });
    expect(patch.status).toBe(200);
    expect(await patch.json()).toEqual({ retentionDays: 30 });
    await store.setRetention(otherEvent.id, 365);

    const due = purgeDueAt(event, 30);
    const clockAt = (ms: number) => ({ now: () => new Date(ms) });
    // Not yet: an hour before, nothing goes.
    expect(await sweepRetention(store, clockAt(due - 60 * 60 * 1000))).toEqual([]);
    expect(await store.getQuestion(question.id)).not.toBeNull();

    const after = due + 1000;
    expect(await sweepRetention(store, clockAt(after))).toEqual(purgeDueAt(otherEvent, 365) <= after ? [event.id, otherEvent.id] : [event.id]);
    expect(await store.getQuestion(question.id)).toBeNull();
    expect(await store.getParticipant(asker.join.participant.id)).toBeNull();
    expect(await store.getParticipant(otherParticipant.id)).not.toBeNull();
    expect((await store.listSessions(event.id)).length).toBeGreaterThan(0);
    // Idempotent: a second sweep finds nothing left, and the first purge's time stays.
    await sweepRetention(store, clockAt(after + 60 * 60 * 1000));
    expect(await store.getRetention(event.id)).toEqual({ retentionDays: 30, purgedAt: new Date(after).toISOString() });

    const read = await fetch(`${server.url}/api/events/${event.id}/retention`, { headers: { authorization: `Bearer ${token}` } });
    expect(await read.json()).toEqual({ retentionDays: 30, purgedAt: new Date(after).toISOString() });
  });

  it('counts from the end of the event in the latest time zone, never early', () => {
    expect(new Date(purgeDueAt({ endDate: '2026-12-06' }, 1)).toISOString()).toBe('2026-12-08T14:00:00.000Z');
  });
});
