import type { FeedbackRecord } from '@jisr/core/feedback';
import { describe, expect, it } from 'vitest';
import { StoreNotFound } from '../store.js';
import { newEvent, newSession, seedSession, type StoreUnderTest } from './fixtures.js';

function give(sessionId: string, overrides: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return { sessionId, authorKey: 'p:pa_amal', rating: 4, clientId: 'fb-amal-1', givenAt: '2026-12-05T10:00:00.000Z', ...overrides };
}

/** Session feedback: once per session per person, changeable, idempotent by clientId, attendee data. */
export function feedbackContract(store: StoreUnderTest): void {
  describe('feedback', () => {
    it('giveFeedback stores it as given; getFeedback and listFeedback (oldest first) find it', async () => {
      const { session } = await seedSession(store());
      const amal = give(session.id, { comment: 'Très clair', held: true });
      const karim = give(session.id, { authorKey: 'p:pa_karim', rating: 2, clientId: 'fb-karim-1', givenAt: '2026-12-05T10:01:00.000Z' });
      expect(await store().giveFeedback(amal)).toStrictEqual({ value: amal, changed: true });
      expect(await store().giveFeedback(karim)).toStrictEqual({ value: karim, changed: true });
      expect(await store().getFeedback(session.id, 'p:pa_amal')).toStrictEqual(amal);
      expect(await store().getFeedback(session.id, 'p:pa_nobody')).toBeNull();
      expect(await store().listFeedback(session.id)).toStrictEqual([amal, karim]);
      expect(await store().listFeedback('se_unknown')).toStrictEqual([]);
    });

    it('is once per session per person: a new give replaces the last, comment and hold included', async () => {
      const { session } = await seedSession(store());
      await store().giveFeedback(give(session.id, { comment: 'Bof', held: true }));
      const changed = give(session.id, { rating: 5, clientId: 'fb-amal-2', givenAt: '2026-12-05T10:05:00.000Z' });
      expect(await store().giveFeedback(changed)).toStrictEqual({ value: changed, changed: true });
      expect(await store().listFeedback(session.id)).toStrictEqual([changed]);
    });

    it('is idempotent by clientId: a resend (even at once, twice) stores one and changes nothing after it', async () => {
      const { session } = await seedSession(store());
      const first = give(session.id);
      const resends = await Promise.all([store().giveFeedback(first), store().giveFeedback({ ...first, givenAt: '2026-12-05T10:00:05.000Z' })]);
      expect(resends.filter((given) => given.changed)).toHaveLength(1);
      const [stored] = await store().listFeedback(session.id);
      expect(resends.map((given) => given.value)).toStrictEqual([stored, stored]);
      const late = await store().giveFeedback({ ...first, rating: 1, givenAt: '2026-12-05T10:09:00.000Z' });
      expect(late).toStrictEqual({ value: stored, changed: false });
      expect(await store().listFeedback(session.id)).toStrictEqual([stored]);
    });

    it('keeps sessions apart, and fails with StoreNotFound for an unknown session', async () => {
      const { event, room, session } = await seedSession(store());
      const other = await store().createSession(newSession(event.id, room.id));
      await store().giveFeedback(give(session.id));
      await store().giveFeedback(give(other.id, { rating: 1 }));
      expect((await store().listFeedback(session.id)).map((f) => f.rating)).toStrictEqual([4]);
      expect((await store().listFeedback(other.id)).map((f) => f.rating)).toStrictEqual([1]);
      await expect(store().giveFeedback(give('se_unknown'))).rejects.toBeInstanceOf(StoreNotFound);
    });

    it('goes with its session and its event', async () => {
      const { event, room, session } = await seedSession(store());
      const other = await store().createSession(newSession(event.id, room.id));
      await store().giveFeedback(give(session.id));
      await store().giveFeedback(give(other.id));
      await store().deleteSession(other.id);
      expect(await store().listFeedback(other.id)).toStrictEqual([]);
      await store().deleteEvent(event.id);
      expect(await store().listFeedback(session.id)).toStrictEqual([]);
      expect(await store().getFeedback(session.id, 'p:pa_amal')).toBeNull();
    });

    it('a purge of attendee data removes every feedback of the event, and only of that event', async () => {
      const { user, event, room, session } = await seedSession(store());
      const keptEvent = await store().createEvent(newEvent(user.id, { code: 'OTHER' }));
      const keptRoom = await store().createRoom({ eventId: keptEvent.id, name: room.name, position: 0 });
      const keptSession = await store().createSession(newSession(keptEvent.id, keptRoom.id));
      await store().giveFeedback(give(session.id, { comment: 'Merci' }));
      const elsewhere = give(keptSession.id);
      await store().giveFeedback(elsewhere);
      await store().purgeAttendeeData(event.id, '2026-12-20T00:00:00.000Z');
      expect(await store().listFeedback(session.id)).toStrictEqual([]);
      expect(await store().getFeedback(session.id, 'p:pa_amal')).toBeNull();
      expect(await store().listFeedback(keptSession.id)).toStrictEqual([elsewhere]);
    });
  });
}
