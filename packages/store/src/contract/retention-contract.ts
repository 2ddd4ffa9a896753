import { describe, expect, it } from 'vitest';
import { StoreNotFound } from '../store.js';
import { askOne, newBallot, newEvent, openPoll, seedSession, type StoreUnderTest } from './fixtures.js';

/** Data retention: the purge removes what attendees left and keeps the rest (store retention.ts). */
export function retentionContract(store: StoreUnderTest): void {
  describe('data retention', () => {
    it('keeps the setting per event, null by default, and refuses an unknown event', async () => {
      const { event } = await seedSession(store());
      expect(await store().getRetention(event.id)).toEqual({ retentionDays: null });
      expect(await store().setRetention(event.id, 30)).toEqual({ retentionDays: 30 });
      expect(await store().getRetention(event.id)).toEqual({ retentionDays: 30 });
      expect(await store().setRetention(event.id, null)).toEqual({ retentionDays: null });
      await expect(store().setRetention('ev_unknown', 3)).rejects.toBeInstanceOf(StoreNotFound);
    });

    it('purges participants, questions, votes and ballots; keeps the agenda, polls, tallies, insights and audit', async () => {
      const { event, session } = await seedSession(store());
      const participant = await store().createParticipant({ eventId: event.id, name: 'Hicham', lang: 'ar' });
      const question = await askOne(store(), session.id, { authorName: 'Hicham' });
      await store().voteQuestion(question.id, `p:${participant.id}`, true);
      const poll = await openPoll(store(), session.id);
      await store().castBallot(newBallot(poll, `p:${participant.id}`, { optionId: 'opt_oui' }));
      await store().recordInsights(event.id, { add: { joins: 1 }, max: {}, set: {}, members: [] });
      await store().appendAudit({ eventId: event.id, at: '2026-12-05T10:00:00.000Z', actor: { role: 'organizer', name: 'Org', key: 'user:us_1' }, action: 'poll:open' });
      const tally = await store().getTallyCounts(poll.id);

      await store().purgeAttendeeData(event.id, '2027-01-05T00:00:00.000Z');
      await store().purgeAttendeeData(event.id, '2027-01-06T00:00:00.000Z');

      expect(await store().getParticipant(participant.id)).toBeNull();
      expect(await store().getQuestion(question.id)).toBeNull();
      expect(await store().listQuestions(session.id)).toEqual([]);
      expect(await store().listBallots(session.id, `p:${participant.id}`)).toEqual({});
      expect((await store().listSessions(event.id)).map((s) => s.id)).toEqual([session.id]);
      expect((await store().listPolls(session.id)).map((p) => p.id)).toEqual([poll.id]);
      expect(await store().getTallyCounts(poll.id)).toEqual(tally);
      expect(await store().getInsights(event.id)).toEqual({ joins: 1 });
      expect(await store().listAudit(event.id, { limit: 10 })).toHaveLength(1);
      expect(await store().getRetention(event.id)).toEqual({ retentionDays: null, purgedAt: '2027-01-05T00:00:00.000Z' });
      // A new question after the purge is fine: the session still works.
      await askOne(store(), session.id, { clientId: 'after-purge' });
      expect(await store().listQuestions(session.id)).toHaveLength(1);
    });

    it('leaves other events alone and ignores an unknown one', async () => {
      const { event, session } = await seedSession(store());
      const owner = await store().createUser({ email: 'other@example.org', name: 'O', passwordHash: 'x' });
      const other = await store().createEvent(newEvent(owner.id, { code: 'OTHER' }));
      const participant = await store().createParticipant({ eventId: event.id, lang: 'fr' });
      await askOne(store(), session.id);
      await store().purgeAttendeeData(other.id, '2027-01-05T00:00:00.000Z');
      await store().purgeAttendeeData('ev_unknown', '2027-01-05T00:00:00.000Z');
      expect(await store().getParticipant(participant.id)).not.toBeNull();
      expect(await store().listQuestions(session.id)).toHaveLength(1);
    });
  });
}
