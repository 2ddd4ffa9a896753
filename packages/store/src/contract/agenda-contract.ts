import { describe, expect, it } from 'vitest';
import { StoreConflict, StoreNotFound } from '../store.js';
import { ID_PATTERN, newEvent, newSession, newUser, seedSession, type StoreUnderTest } from './fixtures.js';

/** Events and their agenda: rooms, speakers, sessions. */
export function agendaContract(store: StoreUnderTest): void {
  describe('events', () => {
    it('createEvent round-trips every field, localized texts in ar/fr/en included', async () => {
      const owner = await store().createUser(newUser());
      const created = await store().createEvent(newEvent(owner.id));
      expect(created).toStrictEqual({ id: expect.stringMatching(ID_PATTERN), ...newEvent(owner.id), organizerIds: [] });
      expect(await store().getEvent(created.id)).toStrictEqual(created);
    });

    it('stores the join code upper case and finds it in any case', async () => {
      const owner = await store().createUser(newUser());
      const created = await store().createEvent(newEvent(owner.id, { code: 'demo' }));
      expect(created.code).toBe('DEMO');
      expect(await store().getEventByCode('DEMO')).toStrictEqual(created);
      expect(await store().getEventByCode('demo')).toStrictEqual(created);
      expect(await store().getEventByCode('DeMo')).toStrictEqual(created);
    });

    it('createEvent refuses a join code taken in any case with StoreConflict', async () => {
      const owner = await store().createUser(newUser());
      await store().createEvent(newEvent(owner.id, { code: 'DEMO' }));
      await expect(store().createEvent(newEvent(owner.id, { code: 'demo' }))).rejects.toBeInstanceOf(StoreConflict);
      expect(await store().listEvents()).toHaveLength(1);
    });

    it('createEvent for an unknown owner fails with StoreNotFound', async () => {
      await expect(store().createEvent(newEvent('us_unknown'))).rejects.toBeInstanceOf(StoreNotFound);
    });

    it('getEvent and getEventByCode return null for an unknown event', async () => {
      expect(await store().getEvent('ev_unknown')).toBeNull();
      expect(await store().getEventByCode('NOPE')).toBeNull();
    });

    it('listEvents returns every event in creation order, [] when there is none', async () => {
      expect(await store().listEvents()).toStrictEqual([]);
      const owner = await store().createUser(newUser());
      const created = [];
      for (const code of ['CCC', 'AAA', 'BBB']) created.push(await store().createEvent(newEvent(owner.id, { code })));
      expect(await store().listEvents()).toStrictEqual(created);
    });
  });

  describe('rooms', () => {
    it('createRoom round-trips; listRooms orders an event\'s rooms by position', async () => {
      const { event, room: first } = await seedSession(store());
      const input = { eventId: event.id, name: { fr: 'Salle C', ar: 'القاعة ج' }, position: 2 };
      const third = await store().createRoom(input);
      const second = await store().createRoom({ eventId: event.id, name: { en: 'Room B' }, position: 1 });
      expect(third).toStrictEqual({ id: expect.stringMatching(ID_PATTERN), ...input });
      expect(await store().listRooms(event.id)).toStrictEqual([first, second, third]);
    });

    it('listRooms keeps events apart and returns [] for an event without rooms', async () => {
      const { user, event, room } = await seedSession(store());
      const other = await store().createEvent(newEvent(user.id, { code: 'OTHER' }));
      expect(await store().listRooms(other.id)).toStrictEqual([]);
      await store().createRoom({ eventId: other.id, name: { fr: 'Ailleurs' }, position: 0 });
      expect(await store().listRooms(event.id)).toStrictEqual([room]);
    });

    it('createRoom in an unknown event fails with StoreNotFound', async () => {
      const room = store().createRoom({ eventId: 'ev_unknown', name: {}, position: 0 });
      await expect(room).rejects.toBeInstanceOf(StoreNotFound);
    });
  });

  describe('speakers', () => {
    it('createSpeaker round-trips every optional field when given', async () => {
      const { event } = await seedSession(store());
      const input = {
        eventId: event.id,
        name: 'Mustapha El Idrissi',
        affiliation: 'Université de Liège',
        country: 'BE',
        bio: { ar: 'باحث في علم الاجتماع', fr: 'Sociologue', en: 'Sociologist' },
        photoUrl: 'https://example.org/photos/mustapha.jpg',
      };
      const created = await store().createSpeaker(input);
      expect(created).toStrictEqual({ id: expect.stringMatching(ID_PATTERN), ...input });
      expect(await store().listSpeakers(event.id)).toStrictEqual([created]);
    });

    it('leaves affiliation, country and photoUrl absent when not given', async () => {
      const { event } = await seedSession(store());
      const created = await store().createSpeaker({ eventId: event.id, name: 'Sofia', bio: {} });
      const id = expect.stringMatching(ID_PATTERN);
      expect(created).toStrictEqual({ id, eventId: event.id, name: 'Sofia', bio: {} });
      expect(await store().listSpeakers(event.id)).toStrictEqual([created]);
    });

    it('listSpeakers returns an event\'s speakers in creation order, and only its own', async () => {
      const { user, event } = await seedSession(store());
      const other = await store().createEvent(newEvent(user.id, { code: 'OTHER' }));
      const created = [];
      for (const name of ['Zineb', 'Amine', 'Lotfi']) {
        created.push(await store().createSpeaker({ eventId: event.id, name, bio: {} }));
      }
      await store().createSpeaker({ eventId: other.id, name: 'Elsewhere', bio: {} });
      expect(await store().listSpeakers(event.id)).toStrictEqual(created);
    });

    it('createSpeaker in an unknown event fails with StoreNotFound', async () => {
      const speaker = store().createSpeaker({ eventId: 'ev_unknown', name: 'X', bio: {} });
      await expect(speaker).rejects.toBeInstanceOf(StoreNotFound);
    });
  });

  describe('sessions', () => {
    it('createSession round-trips every field; getSession returns the same', async () => {
      const { event, room } = await seedSession(store());
      const speaker = await store().createSpeaker({ eventId: event.id, name: 'Hicham', bio: {} });
      const input = newSession(event.id, room.id, {
        kind: 'talk',
        status: 'scheduled',
        delayMinutes: 15,
        speakerIds: [speaker.id],
        qa: { open: false, moderated: true, anonymousAllowed: false },
      });
      const created = await store().createSession(input);
      expect(created).toStrictEqual({ id: expect.stringMatching(ID_PATTERN), ...input });
      expect(await store().getSession(created.id)).toStrictEqual(created);
    });

    it('listSessions orders by startsAt as an instant, whatever its precision, and keeps events apart', async () => {
      const { user, event, room, session: at0930 } = await seedSession(store());
      const startingAt = (startsAt: string) => store().createSession(newSession(event.id, room.id, { startsAt }));
      const at1000 = await startingAt('2026-12-05T10:00:00Z');
      // As text '...T09:00:00Z' sorts after '...T09:00:00.500Z'; as instants it comes first.
      const at0900half = await startingAt('2026-12-05T09:00:00.500Z');
      const at0900 = await startingAt('2026-12-05T09:00:00Z');
      const other = await store().createEvent(newEvent(user.id, { code: 'OTHER' }));
      const otherRoom = await store().createRoom({ eventId: other.id, name: {}, position: 0 });
      await store().createSession(newSession(other.id, otherRoom.id, { startsAt: '2026-12-05T08:00:00.000Z' }));
      expect(await store().listSessions(event.id)).toStrictEqual([at0900, at0900half, at0930, at1000]);
      expect(await store().listSessions('ev_unknown')).toStrictEqual([]);
    });

    it('getSession returns null for an unknown id', async () => {
      expect(await store().getSession('se_unknown')).toBeNull();
    });

    it('createSession fails with StoreNotFound for an unknown event or room, or a room of another event', async () => {
      const { user, event, room } = await seedSession(store());
      const other = await store().createEvent(newEvent(user.id, { code: 'OTHER' }));
      const otherRoom = await store().createRoom({ eventId: other.id, name: {}, position: 0 });
      await expect(store().createSession(newSession('ev_unknown', room.id))).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().createSession(newSession(event.id, 'rm_unknown'))).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().createSession(newSession(event.id, otherRoom.id))).rejects.toBeInstanceOf(StoreNotFound);
      expect(await store().listSessions(event.id)).toHaveLength(1);
    });

    it('a new session has seq 0, no questions, no votes and no polls', async () => {
      const { session } = await seedSession(store());
      expect(await store().getSeq(session.id)).toBe(0);
      expect(await store().listQuestions(session.id)).toStrictEqual([]);
      expect(await store().listVotes(session.id, 'p:pa_someone')).toStrictEqual([]);
      expect(await store().listPolls(session.id)).toStrictEqual([]);
    });

    it('reads about an unknown session come back empty: seq 0, no questions, votes or polls', async () => {
      expect(await store().getSeq('se_unknown')).toBe(0);
      expect(await store().listQuestions('se_unknown')).toStrictEqual([]);
      expect(await store().listVotes('se_unknown', 'p:pa_someone')).toStrictEqual([]);
      expect(await store().listPolls('se_unknown')).toStrictEqual([]);
    });
  });
}
