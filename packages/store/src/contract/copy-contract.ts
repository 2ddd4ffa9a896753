import { describe, expect, it } from 'vitest';
import { StoreConflict, StoreNotFound } from '../store.js';
import { askOne, newBallot, newInvite, newUser, openPoll, seedSession, type StoreUnderTest } from './fixtures.js';

/** duplicateEvent: the programme again, elsewhere and later, without anything attendees did. */
export function copyContract(store: StoreUnderTest): void {
  describe('duplicateEvent', () => {
    async function programme() {
      const seeded = await seedSession(store());
      const { user, event, session } = seeded;
      await store().updateEvent(event.id, {
        fallbackLangs: ['en', 'fr'],
        defaults: { qa: { open: true, moderated: true, anonymousAllowed: false }, poll: { results: 'after_close', allowChange: true, anonymous: true } },
      });
      const speaker = await store().createSpeaker({ eventId: event.id, name: 'Nadia El Amrani', bio: { fr: 'Présidente' } });
      await store().updateSession(session.id, { speakerIds: [speaker.id], delayMinutes: 10 });
      const asked = await askOne(store(), session.id);
      await store().voteQuestion(asked.id, 'p:pa_voter', true);
      const poll = await openPoll(store(), session.id, { lang: 'fr', translations: { ar: { prompt: 'هل نحتاج يوما ثانيا؟', options: ['نعم', 'لا', 'لا أدري'] } } });
      await store().castBallot(newBallot(poll, 'p:pa_voter', { optionId: 'opt_oui' }));
      await store().createInvite(newInvite(event.id, user.id));
      const participant = await store().createParticipant({ eventId: event.id, lang: 'ar', name: 'Hicham' });
      return { ...seeded, speaker, poll, participant };
    }

    it('copies rooms, speakers, sessions (moved on the wall clock), polls as drafts with translations, defaults and fallbacks', async () => {
      const { user, event, room, session, speaker, poll } = await programme();
      // Brussels in winter (UTC+1) to Madrid in summer (UTC+2): 10:30 stays 10:30 local.
      const copy = await store().duplicateEvent(event.id, { code: 'mad27', startDate: '2027-06-14', timeZone: 'Europe/Madrid', ownerId: user.id, at: '2027-01-02T09:00:00.000Z' });
      expect(copy).toMatchObject({ code: 'MAD27', ownerId: user.id, organizerIds: [], timeZone: 'Europe/Madrid', startDate: '2027-06-14', endDate: '2027-06-15' });
      expect(copy.id).not.toBe(event.id);
      const source = await store().getEvent(event.id);
      expect(copy).toMatchObject({ title: source?.title, languages: source?.languages, fallbackLangs: ['en', 'fr'], defaults: source?.defaults });

      const [rooms, speakers, sessions] = await Promise.all([store().listRooms(copy.id), store().listSpeakers(copy.id), store().listSessions(copy.id)]);
      expect(rooms.map(({ name, position }) => ({ name, position }))).toStrictEqual([{ name: room.name, position: room.position }]);
      expect(speakers).toStrictEqual([{ ...speaker, id: speakers[0]?.id, eventId: copy.id }]);
      expect(speakers[0]?.id).not.toBe(speaker.id);
      expect(sessions).toHaveLength(1);
      const moved = sessions[0];
      // 09:30Z in Brussels winter is 10:30 local: 10:30 in Madrid summer is 08:30Z.
      expect(moved).toMatchObject({
        eventId: copy.id,
        roomId: rooms[0]?.id,
        speakerIds: [speakers[0]?.id],
        title: session.title,
        startsAt: '2027-06-14T08:30:00.000Z',
        endsAt: '2027-06-14T09:30:00.000Z',
        status: 'scheduled',
        delayMinutes: 0,
        qa: session.qa,
      });
      expect(await store().getSeq(moved?.id ?? '')).toBe(0);

      const polls = await store().listPolls(moved?.id ?? '');
      expect(polls).toHaveLength(1);
      expect(polls[0]).toMatchObject({ kind: poll.kind, prompt: poll.prompt, options: poll.options, lang: 'fr', translations: poll.translations, settings: poll.settings, state: 'draft', revealed: false });
      expect(polls[0]?.id).not.toBe(poll.id);
      expect(polls[0]).not.toHaveProperty('openedAt');
      expect(await store().getTallyCounts(polls[0]?.id ?? '')).toStrictEqual({ total: 0, counts: {} });
    });

    it('takes nothing attendees did, no invites, no announcements; the source is unchanged', async () => {
      const { user, event, session } = await programme();
      const copy = await store().duplicateEvent(event.id, { code: 'DUS27', startDate: '2027-03-01', ownerId: user.id, at: '2027-01-02T09:00:00.000Z' });
      const [moved] = await store().listSessions(copy.id);
      expect(await store().listQuestions(moved?.id ?? '')).toStrictEqual([]);
      expect(await store().listInvites(copy.id)).toStrictEqual([]);
      expect(await store().listAnnouncements(copy.id)).toStrictEqual([]);
      const dump = await store().exportEvent(copy.id);
      expect(dump.participants).toStrictEqual([]);
      expect(dump.polls.flatMap((poll) => poll.ballots)).toStrictEqual([]);
      expect(await store().listQuestions(session.id)).toHaveLength(1);
      expect((await store().listPolls(session.id))[0]?.state).toBe('open');
      expect(await store().listInvites(event.id)).toHaveLength(1);
    });

    it('the copy belongs to the organizer who makes it', async () => {
      const { event } = await programme();
      const karim = await store().createUser(newUser({ email: 'karim@example.org', name: 'Karim' }));
      const copy = await store().duplicateEvent(event.id, { code: 'DUS27', startDate: '2027-03-01', ownerId: karim.id, at: '2027-01-02T09:00:00.000Z' });
      expect(copy.ownerId).toBe(karim.id);
    });

    it('StoreConflict when the code is taken (nothing written), StoreNotFound for an unknown event or owner', async () => {
      const { user, event } = await programme();
      const before = (await store().listEvents()).length;
      await expect(store().duplicateEvent(event.id, { code: event.code, startDate: '2027-03-01', ownerId: user.id, at: '2027-01-02T09:00:00.000Z' })).rejects.toBeInstanceOf(StoreConflict);
      await expect(store().duplicateEvent('ev_unknown', { code: 'X27', startDate: '2027-03-01', ownerId: user.id, at: '2027-01-02T09:00:00.000Z' })).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().duplicateEvent(event.id, { code: 'Y27', startDate: '2027-03-01', ownerId: 'us_unknown', at: '2027-01-02T09:00:00.000Z' })).rejects.toBeInstanceOf(StoreNotFound);
      expect(await store().listEvents()).toHaveLength(before);
    });
  });
}
