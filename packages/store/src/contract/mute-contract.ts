import { describe, expect, it } from 'vitest';
import type { NewMute } from '../mutes.js';
import { StoreNotFound } from '../store.js';
import { ID_PATTERN, newEvent, newSession, seedSession, type StoreUnderTest } from './fixtures.js';

function newMute(eventId: string, sessionId: string, overrides: Partial<NewMute> = {}): NewMute {
  return {
    eventId,
    sessionId,
    scope: 'session',
    participantId: 'pa_author',
    questionId: 'q_1',
    excerpt: 'Pourquoi ?',
    createdAt: '2026-12-05T09:00:00.000Z',
    ...overrides,
  };
}

/** Mutes: made against a participant, listed oldest first, lifted once, gone with their event. */
export function muteContract(store: StoreUnderTest): void {
  describe('mutes', () => {
    it('createMute stores it as given; getMute and listMutes find it, oldest first', async () => {
      const { event, session } = await seedSession(store());
      const first = await store().createMute(newMute(event.id, session.id));
      expect(first).toStrictEqual({ ...newMute(event.id, session.id), id: expect.stringMatching(ID_PATTERN) });
      const second = await store().createMute(newMute(event.id, session.id, { scope: 'event', until: '2026-12-05T09:30:00.000Z', participantId: 'pa_2' }));
      expect(second.until).toBe('2026-12-05T09:30:00.000Z');
      expect(await store().getMute(first.id)).toStrictEqual(first);
      expect(await store().listMutes(event.id)).toStrictEqual([first, second]);
      expect(await store().getMute('mu_unknown')).toBeNull();
    });

    it('fails with StoreNotFound for an unknown event', async () => {
      const { session } = await seedSession(store());
      await expect(store().createMute(newMute('ev_unknown', session.id))).rejects.toBeInstanceOf(StoreNotFound);
    });

    it('deleteMute lifts it once: a second lift is StoreNotFound, and it is no longer listed', async () => {
      const { event, session } = await seedSession(store());
      const mute = await store().createMute(newMute(event.id, session.id));
      const kept = await store().createMute(newMute(event.id, session.id, { participantId: 'pa_other' }));
      const lifts = await Promise.allSettled([store().deleteMute(mute.id), store().deleteMute(mute.id)]);
      expect(lifts.filter((lift) => lift.status === 'fulfilled').map((lift) => lift.value)).toStrictEqual([mute]);
      expect(lifts.filter((lift) => lift.status === 'rejected').map((lift) => lift.reason)).toStrictEqual([expect.any(StoreNotFound)]);
      expect(await store().getMute(mute.id)).toBeNull();
      expect(await store().listMutes(event.id)).toStrictEqual([kept]);
      await expect(store().deleteMute('mu_unknown')).rejects.toBeInstanceOf(StoreNotFound);
    });

    it('mutes go with their event', async () => {
      const { event, session } = await seedSession(store());
      const mute = await store().createMute(newMute(event.id, session.id));
      await store().deleteEvent(event.id);
      expect(await store().listMutes(event.id)).toStrictEqual([]);
      expect(await store().getMute(mute.id)).toBeNull();
    });

    it('a reset of one session lifts the mutes made there (event-wide ones too), and keeps the others; a reset of the event lifts all', async () => {
      const { event, room, session } = await seedSession(store());
      const other = await store().createSession(newSession(event.id, room.id));
      const here = await store().createMute(newMute(event.id, session.id));
      const wide = await store().createMute(newMute(event.id, session.id, { scope: 'event', participantId: 'pa_2' }));
      const there = await store().createMute(newMute(event.id, other.id, { participantId: 'pa_3' }));
      await store().resetLiveData(event.id, session.id);
      expect(await store().listMutes(event.id)).toStrictEqual([there]);
      expect(await store().getMute(here.id)).toBeNull();
      expect(await store().getMute(wide.id)).toBeNull();
      await expect(store().deleteMute(here.id)).rejects.toBeInstanceOf(StoreNotFound);
      await store().resetLiveData(event.id);
      expect(await store().listMutes(event.id)).toStrictEqual([]);
      expect(await store().getMute(there.id)).toBeNull();
    });

    it('a purge of attendee data lifts every mute of the event (they name participants), and only of that event', async () => {
      const { user, event, room, session } = await seedSession(store());
      const keptEvent = await store().createEvent(newEvent(user.id, { code: 'OTHER' }));
      const keptRoom = await store().createRoom({ eventId: keptEvent.id, name: room.name, position: 0 });
      const keptSession = await store().createSession(newSession(keptEvent.id, keptRoom.id));
      const mute = await store().createMute(newMute(event.id, session.id));
      const elsewhere = await store().createMute(newMute(keptEvent.id, keptSession.id));
      await store().purgeAttendeeData(event.id, '2026-12-20T00:00:00.000Z');
      expect(await store().listMutes(event.id)).toStrictEqual([]);
      expect(await store().getMute(mute.id)).toBeNull();
      expect(await store().listMutes(keptEvent.id)).toStrictEqual([elsewhere]);
    });
  });
}
