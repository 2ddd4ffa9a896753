import { describe, expect, it } from 'vitest';
import { StoreNotFound } from '../store.js';
import { askOne, newEvent, newSession, seedSession, type StoreUnderTest } from './fixtures.js';

/** A moderator's changes to a session: Q&A settings, status, timing, room. */
export function sessionChangeContract(store: StoreUnderTest): void {
  describe('updateSession', () => {
    it('merges qa field by field, keeps everything else, bumps seq and returns { value, seq }', async () => {
      const { session } = await seedSession(store());
      const updated = await store().updateSession(session.id, { qa: { moderated: true } });
      const value = { ...session, qa: { open: true, moderated: true, anonymousAllowed: true } };
      expect(updated).toStrictEqual({ value, seq: 1 });
      expect(await store().getSession(session.id)).toStrictEqual(value);

      const closed = await store().updateSession(session.id, { qa: { open: false, anonymousAllowed: false } });
      expect(closed.value.qa).toStrictEqual({ open: false, moderated: true, anonymousAllowed: false });
      expect(closed.seq).toBe(2);
      expect(await store().getSeq(session.id)).toBe(2);
    });

    it('a qa field given as undefined is left out, not cleared', async () => {
      const { session } = await seedSession(store());
      const { value } = await store().updateSession(session.id, { qa: { open: undefined, moderated: true } });
      expect(value.qa).toStrictEqual({ open: true, moderated: true, anonymousAllowed: true });
      expect(await store().getSession(session.id)).toStrictEqual(value);
    });

    it('keeps feedbackOpen once a moderator opens feedback, through later qa changes; absent until then', async () => {
      const { session } = await seedSession(store());
      expect((await store().getSession(session.id))?.qa).not.toHaveProperty('feedbackOpen');
      const opened = await store().updateSession(session.id, { qa: { feedbackOpen: true } });
      expect(opened.value.qa).toStrictEqual({ open: true, moderated: false, anonymousAllowed: true, feedbackOpen: true });
      const { value } = await store().updateSession(session.id, { qa: { moderated: true } });
      expect(value.qa).toStrictEqual({ open: true, moderated: true, anonymousAllowed: true, feedbackOpen: true });
      expect(await store().getSession(session.id)).toStrictEqual(value);
      const closed = await store().updateSession(session.id, { qa: { feedbackOpen: false } });
      expect((await store().getSession(session.id))?.qa.feedbackOpen).toBe(false);
      expect(closed.value.qa.feedbackOpen).toBe(false);
    });

    it('replaces status, delay, times and room when given', async () => {
      const { event, room, session } = await seedSession(store());
      const otherRoom = await store().createRoom({ eventId: event.id, name: { fr: 'Salle B' }, position: 1 });
      const change = {
        status: 'scheduled',
        delayMinutes: 15,
        roomId: otherRoom.id,
        startsAt: '2026-12-05T11:00:00.000Z',
        endsAt: '2026-12-05T12:00:00.000Z',
      } as const;
      const { value, seq } = await store().updateSession(session.id, change);
      expect(value).toStrictEqual({ ...session, ...change });
      expect(seq).toBe(1);
      expect(await store().getSession(session.id)).toStrictEqual(value);
      expect(room.id).not.toBe(otherRoom.id);
    });

    it('a new startsAt moves the session in listSessions (compared as instants)', async () => {
      const { event, room, session } = await seedSession(store());
      const later = await store().createSession(newSession(event.id, room.id, { startsAt: '2026-12-05T10:00:00Z' }));
      expect((await store().listSessions(event.id)).map((s) => s.id)).toStrictEqual([session.id, later.id]);
      // 10:15 with an offset is 09:15 UTC: before both, though it sorts after them as text.
      await store().updateSession(later.id, { startsAt: '2026-12-05T10:15:00+01:00' });
      expect((await store().listSessions(event.id)).map((s) => s.id)).toStrictEqual([later.id, session.id]);
    });

    it('shares the seq with the session\'s questions', async () => {
      const { session } = await seedSession(store());
      await askOne(store(), session.id);
      expect((await store().updateSession(session.id, { status: 'ended' })).seq).toBe(2);
      expect((await store().updateSession(session.id, {})).seq).toBe(3);
      expect(await store().getSeq(session.id)).toBe(3);
    });

    it('a room of another event fails with StoreNotFound and changes nothing', async () => {
      const { user, session } = await seedSession(store());
      const other = await store().createEvent(newEvent(user.id, { code: 'OTHER' }));
      const foreignRoom = await store().createRoom({ eventId: other.id, name: { fr: 'Ailleurs' }, position: 0 });
      const change = { roomId: foreignRoom.id, qa: { open: false } };
      await expect(store().updateSession(session.id, change)).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().updateSession(session.id, { roomId: 'rm_unknown' })).rejects.toBeInstanceOf(StoreNotFound);
      expect(await store().getSession(session.id)).toStrictEqual(session);
      expect(await store().getSeq(session.id)).toBe(0);
    });

    it('an unknown session fails with StoreNotFound', async () => {
      await expect(store().updateSession('se_unknown', { qa: { open: false } })).rejects.toBeInstanceOf(StoreNotFound);
      expect(await store().getSession('se_unknown')).toBeNull();
    });
  });
}
