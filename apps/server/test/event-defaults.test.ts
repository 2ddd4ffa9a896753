import type { EventResponse, SessionResponse } from '@jisr/protocol/admin';
import type { EventDefaults } from '@jisr/protocol/event';
import { ClientEvent } from '@jisr/protocol/events';
import { describe, expect, it } from 'vitest';
import { agendaFixture, api, brussels } from './agenda-helpers.js';
import { connect, okData, request, useTestServer } from './harness.js';

/** An event's defaults are what its new sessions' Q&A and its new polls start with. */

const testServer = useTestServer();

/** Unlike the fallback on every count: Q&A closed, moderated, named; polls hidden, changeable, named. */
const DEFAULTS: EventDefaults = {
  qa: { open: false, moderated: true, anonymousAllowed: false },
  poll: { results: 'hidden', allowChange: true, anonymous: false },
};

async function eventWithDefaults() {
  const fixture = await agendaFixture(testServer());
  const patched = await api<EventResponse>(testServer(), 'PATCH', `/events/${fixture.event.id}`, { token: fixture.token, body: { defaults: DEFAULTS } });
  expect(patched.body.event.defaults).toEqual(DEFAULTS);
  return fixture;
}

describe('event defaults', () => {
  it('a session created without Q&A settings takes the event Q&A defaults; given ones win', async () => {
    const { token, event, roomB } = await eventWithDefaults();
    const post = (body: Record<string, unknown>) =>
      api<SessionResponse>(testServer(), 'POST', `/events/${event.id}/sessions`, {
        token,
        body: { roomId: roomB.id, title: { fr: 'Nouveau' }, ...body },
      });
    const plain = await post({ startsAt: brussels('13:00'), endsAt: brussels('14:00') });
    expect(plain.status).toBe(201);
    expect(plain.body.session.qa).toEqual(DEFAULTS.qa);
    const explicit = await post({ startsAt: brussels('14:00'), endsAt: brussels('15:00'), qa: { open: true, moderated: false, anonymousAllowed: true } });
    expect(explicit.body.session.qa).toEqual({ open: true, moderated: false, anonymousAllowed: true });
  });

  it('poll:create without settings takes the event poll defaults; settings given win, field by field', async () => {
    const { token, a } = await eventWithDefaults();
    const organizer = await connect(testServer(), token);
    try {
      const plain = okData(await request(organizer, ClientEvent.PollCreate, { sessionId: a.id, kind: 'single', prompt: 'Café ou thé ?', options: ['Café', 'Thé'] }));
      expect(plain.settings).toEqual(DEFAULTS.poll);
      const partial = okData(
        await request(organizer, ClientEvent.PollCreate, { sessionId: a.id, kind: 'single', prompt: 'Matin ou soir ?', options: ['Matin', 'Soir'], settings: { results: 'live', timerSeconds: 30 } }),
      );
      expect(partial.settings).toEqual({ results: 'live', allowChange: true, anonymous: false, timerSeconds: 30 });
    } finally {
      organizer.disconnect();
    }
  });

  it('an event without stored defaults keeps the fallback: Q&A open, polls live and anonymous', async () => {
    const { token, a } = await agendaFixture(testServer());
    expect(a.qa).toEqual({ open: true, moderated: false, anonymousAllowed: true });
    const organizer = await connect(testServer(), token);
    try {
      const poll = okData(await request(organizer, ClientEvent.PollCreate, { sessionId: a.id, kind: 'rating', prompt: 'Votre avis ?' }));
      expect(poll.settings).toMatchObject({ results: 'live', allowChange: false, anonymous: true });
    } finally {
      organizer.disconnect();
    }
  });
});
