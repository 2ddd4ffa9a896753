import { describe, expect, it } from 'vitest';
import { StoreConflict, StoreNotFound } from '../store.js';
import { ID_PATTERN, newEvent, newUser, type StoreUnderTest } from './fixtures.js';

/** Users (staff accounts) and participants (attendees). */
export function peopleContract(store: StoreUnderTest): void {
  describe('users', () => {
    it('createUser makes the id and createdAt; getUser returns the same record', async () => {
      const created = await store().createUser(newUser());
      const id = expect.stringMatching(ID_PATTERN);
      expect(created).toStrictEqual({ id, ...newUser(), createdAt: expect.any(String) });
      expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
      expect(await store().getUser(created.id)).toStrictEqual(created);
    });

    it('getUserByEmail ignores case and returns the address as it was given', async () => {
      const created = await store().createUser(newUser());
      expect(await store().getUserByEmail('amina.organizer@example.org')).toStrictEqual(created);
      expect(await store().getUserByEmail('AMINA.ORGANIZER@EXAMPLE.ORG')).toStrictEqual(created);
      expect(created.email).toBe('Amina.Organizer@Example.org');
    });

    it('getUser and getUserByEmail return null for someone unknown', async () => {
      await store().createUser(newUser());
      expect(await store().getUser('us_unknown')).toBeNull();
      expect(await store().getUserByEmail('nobody@example.org')).toBeNull();
    });

    it('countUsers counts accounts, 0 in an empty store', async () => {
      expect(await store().countUsers()).toBe(0);
      await store().createUser(newUser());
      await store().createUser(newUser({ email: 'sofia@example.org' }));
      expect(await store().countUsers()).toBe(2);
    });

    it('createUser refuses an email already taken, in any case, with StoreConflict', async () => {
      await store().createUser(newUser());
      const again = store().createUser(newUser({ email: 'AMINA.organizer@example.ORG' }));
      await expect(again).rejects.toBeInstanceOf(StoreConflict);
      expect(await store().countUsers()).toBe(1);
    });

    it('gives every user a distinct id', async () => {
      const ids = new Set<string>();
      for (let index = 0; index < 20; index++) {
        ids.add((await store().createUser(newUser({ email: `u${index}@example.org` }))).id);
      }
      expect(ids.size).toBe(20);
    });
  });

  describe('participants', () => {
    it('createParticipant round-trips with a name, and without one leaves `name` absent', async () => {
      const owner = await store().createUser(newUser());
      const event = await store().createEvent(newEvent(owner.id));
      const named = await store().createParticipant({ eventId: event.id, name: 'أمينة', lang: 'ar' });
      const id = expect.stringMatching(ID_PATTERN);
      expect(named).toStrictEqual({ id, eventId: event.id, name: 'أمينة', lang: 'ar' });
      expect(await store().getParticipant(named.id)).toStrictEqual(named);

      const unnamed = await store().createParticipant({ eventId: event.id, lang: 'fr' });
      expect(unnamed).toStrictEqual({ id, eventId: event.id, lang: 'fr' });
      expect(await store().getParticipant(unnamed.id)).toStrictEqual(unnamed);
      expect(unnamed.id).not.toBe(named.id);
    });

    it('getParticipant returns null for an unknown id', async () => {
      expect(await store().getParticipant('pa_unknown')).toBeNull();
    });

    it('createParticipant in an unknown event fails with StoreNotFound', async () => {
      const participant = store().createParticipant({ eventId: 'ev_unknown', lang: 'en' });
      await expect(participant).rejects.toBeInstanceOf(StoreNotFound);
    });
  });
}
