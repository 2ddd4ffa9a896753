import { describe, expect, it } from 'vitest';
import { StoreConflict, StoreNotFound } from '../store.js';
import { askOne, ID_PATTERN, newEvent, newInvite, newSession, newUser, openPoll, seedSession, type StoreUnderTest } from './fixtures.js';

const DEFAULTS = {
  qa: { open: false, moderated: true, anonymousAllowed: false },
  poll: { results: 'after_close', allowChange: true, anonymous: false },
} as const;

/** The organizer's administration: events edited and deleted, rooms, speakers, sessions, announcements. */
export function adminContract(store: StoreUnderTest): void {
  describe('updateEvent', () => {
    it('round-trips logo, colour and defaults at creation, and changes only the fields given', async () => {
      const owner = await store().createUser(newUser());
      const input = newEvent(owner.id, { logoUrl: 'https://example.org/logo.png', color: '#0b6e4f', defaults: DEFAULTS });
      const created = await store().createEvent(input);
      expect(created).toStrictEqual({ id: expect.stringMatching(ID_PATTERN), ...input, organizerIds: [] });
      const updated = await store().updateEvent(created.id, { title: { fr: 'Nouveau' }, timeZone: 'Africa/Casablanca', endDate: '2026-12-07' });
      expect(updated).toStrictEqual({ ...created, title: { fr: 'Nouveau' }, timeZone: 'Africa/Casablanca', endDate: '2026-12-07' });
      expect(await store().getEvent(created.id)).toStrictEqual(updated);
    });

    it('null clears logo and colour; an event without them has them absent', async () => {
      const owner = await store().createUser(newUser());
      const created = await store().createEvent(newEvent(owner.id, { logoUrl: 'https://example.org/l.png', color: '#112233' }));
      const cleared = await store().updateEvent(created.id, { logoUrl: null, color: null });
      expect(cleared).not.toHaveProperty('logoUrl');
      expect(cleared).not.toHaveProperty('color');
      expect(await store().getEvent(created.id)).toStrictEqual(cleared);
      const plain = await store().createEvent(newEvent(owner.id, { code: 'PLAIN' }));
      expect(plain).not.toHaveProperty('defaults');
    });

    it('round-trips the fallback order: set at creation, changed, kept by other changes, cleared by null', async () => {
      const owner = await store().createUser(newUser());
      const created = await store().createEvent(newEvent(owner.id, { fallbackLangs: ['en', 'ar'] }));
      expect(created.fallbackLangs).toEqual(['en', 'ar']);
      expect(await store().getEvent(created.id)).toStrictEqual(created);
      const reordered = await store().updateEvent(created.id, { fallbackLangs: ['ar', 'fr', 'en'] });
      expect(reordered).toStrictEqual({ ...created, fallbackLangs: ['ar', 'fr', 'en'] });
      // Left out, it stays.
      const retitled = await store().updateEvent(created.id, { title: { fr: 'Autre' } });
      expect(retitled.fallbackLangs).toEqual(['ar', 'fr', 'en']);
      const cleared = await store().updateEvent(created.id, { fallbackLangs: null });
      expect(cleared).not.toHaveProperty('fallbackLangs');
      expect(await store().getEvent(created.id)).toStrictEqual(cleared);
      expect(await store().getEventByCode(created.code)).toStrictEqual(cleared);
      const plain = await store().createEvent(newEvent(owner.id, { code: 'NOORDER' }));
      expect(plain).not.toHaveProperty('fallbackLangs');
    });

    it('a new join code (upper-cased) finds the event and frees the old one', async () => {
      const owner = await store().createUser(newUser());
      const created = await store().createEvent(newEvent(owner.id, { code: 'OLD1' }));
      const updated = await store().updateEvent(created.id, { code: 'new1' });
      expect(updated.code).toBe('NEW1');
      expect(await store().getEventByCode('new1')).toStrictEqual(updated);
      expect(await store().getEventByCode('OLD1')).toBeNull();
      // The old code can be taken by another event now.
      await store().createEvent(newEvent(owner.id, { code: 'OLD1' }));
    });

    it("refuses another event's join code with StoreConflict and changes nothing", async () => {
      const owner = await store().createUser(newUser());
      const first = await store().createEvent(newEvent(owner.id, { code: 'FIRST' }));
      const second = await store().createEvent(newEvent(owner.id, { code: 'SECOND' }));
      await expect(store().updateEvent(second.id, { code: 'first', title: { fr: 'X' } })).rejects.toBeInstanceOf(StoreConflict);
      expect(await store().getEvent(second.id)).toStrictEqual(second);
      expect(await store().getEventByCode('FIRST')).toStrictEqual(first);
      // Keeping one's own code is no conflict.
      expect((await store().updateEvent(second.id, { code: 'second' })).code).toBe('SECOND');
    });

    it('fails with StoreNotFound for an unknown event', async () => {
      await expect(store().updateEvent('ev_unknown', { title: { fr: 'X' } })).rejects.toBeInstanceOf(StoreNotFound);
    });
  });

  describe('deleteEvent', () => {
    it('removes the event and everything in it, frees its code, and leaves other events alone', async () => {
      const { user, event, room, session } = await seedSession(store());
      const speaker = await store().createSpeaker({ eventId: event.id, name: 'Hicham', bio: {} });
      const participant = await store().createParticipant({ eventId: event.id, lang: 'ar' });
      const question = await askOne(store(), session.id);
      const poll = await openPoll(store(), session.id);
      const invite = await store().createInvite(newInvite(event.id, user.id, { sessionId: session.id }));
      await store().addAnnouncement({ eventId: event.id, text: 'Bienvenue', at: '2026-12-05T08:00:00.000Z' }, 5);
      const other = await store().createEvent(newEvent(user.id, { code: 'OTHER' }));
      const otherRoom = await store().createRoom({ eventId: other.id, name: { fr: 'Ailleurs' }, position: 0 });
      const otherSession = await store().createSession(newSession(other.id, otherRoom.id));

      await store().deleteEvent(event.id);

      expect(await store().getEvent(event.id)).toBeNull();
      expect(await store().getEventByCode(event.code)).toBeNull();
      expect(await store().listEvents()).toStrictEqual([other]);
      expect(await store().listRooms(event.id)).toStrictEqual([]);
      expect(await store().listSpeakers(event.id)).toStrictEqual([]);
      expect(await store().listSessions(event.id)).toStrictEqual([]);
      expect(await store().getSession(session.id)).toBeNull();
      expect(await store().getParticipant(participant.id)).toBeNull();
      expect(await store().getQuestion(question.id)).toBeNull();
      expect(await store().getPoll(poll.id)).toBeNull();
      expect(await store().getInvite(invite.id)).toBeNull();
      expect(await store().getInviteByTokenHash(invite.tokenHash)).toBeNull();
      expect(await store().listAnnouncements(event.id)).toStrictEqual([]);
      expect(await store().getSession(otherSession.id)).toStrictEqual(otherSession);
      expect(room.id).not.toBe(otherRoom.id);
      expect(speaker.eventId).toBe(event.id);
      // The code is free again, and the token hash too.
      const again = await store().createEvent(newEvent(user.id, { code: event.code }));
      await store().createInvite(newInvite(again.id, user.id));
    });

    it('fails with StoreNotFound for an unknown event', async () => {
      await expect(store().deleteEvent('ev_unknown')).rejects.toBeInstanceOf(StoreNotFound);
    });
  });

  describe('rooms', () => {
    it('updateRoom changes the fields given and reorders listRooms', async () => {
      const { event, room } = await seedSession(store());
      const second = await store().createRoom({ eventId: event.id, name: { fr: 'Salle B' }, position: 1 });
      const moved = await store().updateRoom(event.id, room.id, { position: 5 });
      expect(moved).toStrictEqual({ ...room, position: 5 });
      const renamed = await store().updateRoom(event.id, second.id, { name: { ar: 'القاعة ب' } });
      expect(renamed).toStrictEqual({ ...second, name: { ar: 'القاعة ب' } });
      expect(await store().listRooms(event.id)).toStrictEqual([renamed, moved]);
    });

    it("updateRoom and deleteRoom don't reach a room of another event", async () => {
      const { user, room } = await seedSession(store());
      const other = await store().createEvent(newEvent(user.id, { code: 'OTHER' }));
      await expect(store().updateRoom(other.id, room.id, { position: 3 })).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().deleteRoom(other.id, room.id)).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().updateRoom(other.id, 'rm_unknown', {})).rejects.toBeInstanceOf(StoreNotFound);
    });

    it('deleteRoom refuses while a session is in the room, and removes an empty one', async () => {
      const { event, room } = await seedSession(store());
      await expect(store().deleteRoom(event.id, room.id)).rejects.toBeInstanceOf(StoreConflict);
      expect(await store().listRooms(event.id)).toStrictEqual([room]);
      const empty = await store().createRoom({ eventId: event.id, name: { fr: 'Vide' }, position: 1 });
      expect(await store().deleteRoom(event.id, empty.id)).toStrictEqual(empty);
      expect(await store().listRooms(event.id)).toStrictEqual([room]);
    });
  });

  describe('speakers', () => {
    it('updateSpeaker sets, keeps and clears (null) fields', async () => {
      const { event } = await seedSession(store());
      const speaker = await store().createSpeaker({
        eventId: event.id,
        name: 'Zineb',
        bio: { fr: 'Juriste' },
        affiliation: 'ULB',
        country: 'BE',
        photoUrl: 'https://example.org/z.jpg',
      });
      const updated = await store().updateSpeaker(event.id, speaker.id, { name: 'Zineb E.', photoUrl: null, country: null, bio: { ar: 'قانونية' } });
      expect(updated).toStrictEqual({ id: speaker.id, eventId: event.id, name: 'Zineb E.', bio: { ar: 'قانونية' }, affiliation: 'ULB' });
      expect(await store().listSpeakers(event.id)).toStrictEqual([updated]);
    });

    it('deleteSpeaker refuses while a session lists them, and removes them otherwise', async () => {
      const { event, room } = await seedSession(store());
      const busy = await store().createSpeaker({ eventId: event.id, name: 'Busy', bio: {} });
      const free = await store().createSpeaker({ eventId: event.id, name: 'Free', bio: {} });
      await store().createSession(newSession(event.id, room.id, { speakerIds: [busy.id] }));
      await expect(store().deleteSpeaker(event.id, busy.id)).rejects.toBeInstanceOf(StoreConflict);
      expect(await store().deleteSpeaker(event.id, free.id)).toStrictEqual(free);
      expect(await store().listSpeakers(event.id)).toStrictEqual([busy]);
      await expect(store().deleteSpeaker(event.id, free.id)).rejects.toBeInstanceOf(StoreNotFound);
    });
  });

  describe('session edits', () => {
    it('updateSession changes kind, title, description and speakers', async () => {
      const { event, session } = await seedSession(store());
      const speaker = await store().createSpeaker({ eventId: event.id, name: 'Lotfi', bio: {} });
      const change = { kind: 'ceremony' as const, title: { fr: 'Clôture' }, description: {}, speakerIds: [speaker.id] };
      const { value, seq } = await store().updateSession(session.id, change);
      expect(value).toStrictEqual({ ...session, ...change });
      expect(seq).toBe(1);
      expect(await store().getSession(session.id)).toStrictEqual(value);
    });

    it('updateSessions changes several sessions at once, each with its own seq, in the order given', async () => {
      const { event, room, session } = await seedSession(store());
      const next = await store().createSession(newSession(event.id, room.id, { startsAt: '2026-12-05T10:30:00.000Z', endsAt: '2026-12-05T11:30:00.000Z' }));
      await askOne(store(), next.id);
      const results = await store().updateSessions(event.id, [
        { sessionId: session.id, change: { delayMinutes: 20 } },
        { sessionId: next.id, change: { delayMinutes: 20, status: 'scheduled' } },
      ]);
      expect(results).toStrictEqual([
        { value: { ...session, delayMinutes: 20 }, seq: 1 },
        { value: { ...next, delayMinutes: 20, status: 'scheduled' }, seq: 2 },
      ]);
      expect(await store().getSession(next.id)).toStrictEqual(results[1]?.value);
    });

    it('updateSessions changes nothing when one session or room is unknown or of another event', async () => {
      const { user, event, room, session } = await seedSession(store());
      const next = await store().createSession(newSession(event.id, room.id));
      const other = await store().createEvent(newEvent(user.id, { code: 'OTHER' }));
      const otherRoom = await store().createRoom({ eventId: other.id, name: {}, position: 0 });
      const foreign = await store().createSession(newSession(other.id, otherRoom.id));
      const attempts = [
        [{ sessionId: session.id, change: { delayMinutes: 5 } }, { sessionId: 'se_unknown', change: { delayMinutes: 5 } }],
        [{ sessionId: session.id, change: { delayMinutes: 5 } }, { sessionId: next.id, change: { roomId: otherRoom.id } }],
        [{ sessionId: session.id, change: { delayMinutes: 5 } }, { sessionId: foreign.id, change: { delayMinutes: 5 } }],
      ];
      for (const changes of attempts) {
        await expect(store().updateSessions(event.id, changes)).rejects.toBeInstanceOf(StoreNotFound);
      }
      expect(await store().getSession(session.id)).toStrictEqual(session);
      expect(await store().getSession(next.id)).toStrictEqual(next);
      expect(await store().getSession(foreign.id)).toStrictEqual(foreign);
      expect(await store().getSeq(session.id)).toBe(0);
    });
  });

  describe('updateSessions with expectations', () => {
    it('applies when every session still has the values expected, and changes nothing when one does not', async () => {
      const { event, room, session } = await seedSession(store());
      const next = await store().createSession(newSession(event.id, room.id, { startsAt: '2026-12-05T10:30:00.000Z', endsAt: '2026-12-05T11:30:00.000Z' }));
      const expected = (s: typeof session) => ({ status: s.status, delayMinutes: s.delayMinutes, roomId: s.roomId, startsAt: s.startsAt, endsAt: s.endsAt });
      const [first] = await store().updateSessions(event.id, [{ sessionId: session.id, change: { delayMinutes: 10 }, expected: expected(session) }]);
      expect(first?.value.delayMinutes).toBe(10);
      // Planned on the session as it was before that change: stale.
      const stale = [
        { sessionId: next.id, change: { delayMinutes: 10 }, expected: expected(next) },
        { sessionId: session.id, change: { delayMinutes: 20 }, expected: expected(session) },
      ];
      await expect(store().updateSessions(event.id, stale)).rejects.toBeInstanceOf(StoreConflict);
      expect(await store().getSession(next.id)).toStrictEqual(next);
      expect((await store().getSession(session.id))?.delayMinutes).toBe(10);
      expect(await store().getSeq(next.id)).toBe(0);
      for (const field of ['status', 'roomId', 'startsAt', 'endsAt'] as const) {
        const wrong = { ...expected(next), [field]: field === 'status' ? 'ended' : 'x' };
        await expect(store().updateSessions(event.id, [{ sessionId: next.id, change: {}, expected: wrong }])).rejects.toBeInstanceOf(StoreConflict);
      }
      expect(await store().getSeq(next.id)).toBe(0);
    });
  });

  describe('deleteSession', () => {
    it('removes a session without questions or polls, with its invites', async () => {
      const { user, event, room, session } = await seedSession(store());
      const spare = await store().createSession(newSession(event.id, room.id, { startsAt: '2026-12-05T12:00:00.000Z', endsAt: '2026-12-05T13:00:00.000Z' }));
      const invite = await store().createInvite(newInvite(event.id, user.id, { sessionId: spare.id }));
      expect(await store().deleteSession(spare.id)).toStrictEqual(spare);
      expect(await store().getSession(spare.id)).toBeNull();
      expect(await store().listSessions(event.id)).toStrictEqual([session]);
      expect(await store().getInvite(invite.id)).toBeNull();
      expect(await store().getInviteByTokenHash(invite.tokenHash)).toBeNull();
      expect(await store().listInvites(event.id)).toStrictEqual([]);
      await expect(store().deleteSession(spare.id)).rejects.toBeInstanceOf(StoreNotFound);
    });

    it('refuses while the session has questions or polls, removing nothing', async () => {
      const { event, room, session } = await seedSession(store());
      await askOne(store(), session.id);
      await expect(store().deleteSession(session.id)).rejects.toBeInstanceOf(StoreConflict);
      const polled = await store().createSession(newSession(event.id, room.id));
      await openPoll(store(), polled.id);
      await expect(store().deleteSession(polled.id)).rejects.toBeInstanceOf(StoreConflict);
      expect(await store().listSessions(event.id)).toHaveLength(2);
    });
  });

  describe('announcements', () => {
    it('keeps the newest few, lists them newest first, and deletes one', async () => {
      const { event } = await seedSession(store());
      const added = [];
      for (const text of ['un', 'deux', 'ثلاثة', 'quatre']) {
        added.push(await store().addAnnouncement({ eventId: event.id, text, at: '2026-12-05T09:00:00.000Z', expiresAt: '2026-12-05T10:00:00.000Z' }, 3));
      }
      expect(added[0]).toStrictEqual({ id: expect.stringMatching(ID_PATTERN), eventId: event.id, text: 'un', at: '2026-12-05T09:00:00.000Z', expiresAt: '2026-12-05T10:00:00.000Z' });
      expect(await store().listAnnouncements(event.id)).toStrictEqual([added[3], added[2], added[1]]);
      const gone = added[2];
      if (!gone) throw new Error('no announcement');
      expect(await store().deleteAnnouncement(event.id, gone.id)).toStrictEqual(gone);
      expect(await store().listAnnouncements(event.id)).toStrictEqual([added[3], added[1]]);
      await expect(store().deleteAnnouncement(event.id, gone.id)).rejects.toBeInstanceOf(StoreNotFound);
    });

    it('keeps the text per language beside the plain text, and a plain one without texts', async () => {
      const { event } = await seedSession(store());
      const texts = { fr: 'Le déjeuner est servi', ar: 'الغداء جاهز في القاعة', nl: 'De lunch staat klaar' };
      const written = await store().addAnnouncement({ eventId: event.id, text: texts.fr, texts, at: '2026-12-05T09:00:00.000Z' }, 5);
      const plain = await store().addAnnouncement({ eventId: event.id, text: 'Pause', at: '2026-12-05T09:05:00.000Z' }, 5);
      expect(written.texts).toStrictEqual(texts);
      expect(plain).not.toHaveProperty('texts');
      expect(await store().listAnnouncements(event.id)).toStrictEqual([plain, written]);
    });

    it('keeps machine translations beside the written texts, replaced whole, and refuses a withdrawn announcement', async () => {
      const { event } = await seedSession(store());
      const written = await store().addAnnouncement({ eventId: event.id, text: 'Lunch is served', texts: { en: 'Lunch is served' }, at: '2026-12-05T09:00:00.000Z' }, 5);
      const translations = {
        es: { text: 'El almuerzo está servido', by: 'machine' as const, engine: 'apertium' },
        fr: { text: 'Le déjeuner est servi', by: 'machine' as const, engine: 'apertium', pivot: 'es' as const },
      };
      const translated = await store().setAnnouncementTranslations(event.id, written.id, translations);
      expect(translated).toStrictEqual({ ...written, translations });
      expect(await store().listAnnouncements(event.id)).toStrictEqual([translated]);
      const none = await store().setAnnouncementTranslations(event.id, written.id, {});
      expect(none).toStrictEqual(written);
      expect(await store().listAnnouncements(event.id)).toStrictEqual([written]);
      await store().deleteAnnouncement(event.id, written.id);
      await expect(store().setAnnouncementTranslations(event.id, written.id, translations)).rejects.toBeInstanceOf(StoreNotFound);
    });

    it('keeps events apart and refuses an unknown event', async () => {
      const { user, event } = await seedSession(store());
      const other = await store().createEvent(newEvent(user.id, { code: 'OTHER' }));
      const mine = await store().addAnnouncement({ eventId: event.id, text: 'ici', at: '2026-12-05T09:00:00.000Z' }, 5);
      expect(mine).not.toHaveProperty('expiresAt');
      expect(await store().listAnnouncements(other.id)).toStrictEqual([]);
      await expect(store().deleteAnnouncement(other.id, mine.id)).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().addAnnouncement({ eventId: 'ev_unknown', text: 'x', at: '2026-12-05T09:00:00.000Z' }, 5)).rejects.toBeInstanceOf(StoreNotFound);
    });
  });
}
