import { describe, expect, it } from 'vitest';
import { StoreNotFound } from '../store.js';
import { askOne, newBallot, newEvent, newQuestion, newSession, openPoll, seedSession, type StoreUnderTest } from './fixtures.js';

/** After a rehearsal: one session's or the whole event's live data wiped, the programme kept. */
export function rehearsalContract(store: StoreUnderTest): void {
  describe('resetLiveData', () => {
    /** A session after a dry run: questions with votes, an open poll with ballots (a quiz with points), insights. */
    async function rehearsed() {
      const seeded = await seedSession(store());
      const { event, room, session } = seeded;
      const other = await store().createSession(newSession(event.id, room.id, { startsAt: '2026-12-05T11:00:00.000Z', endsAt: '2026-12-05T12:00:00.000Z' }));
      for (const target of [session, other]) {
        const question = await askOne(store(), target.id, { clientId: `ask-${target.id}` });
        await store().voteQuestion(question.id, 'p:pa_voter', true);
        await store().updateQuestion(question.id, { pinned: true });
        const poll = await openPoll(store(), target.id);
        await store().castBallot(newBallot(poll, 'p:pa_voter', { optionId: 'opt_oui' }));
        const quiz = await openPoll(store(), target.id, {
          kind: 'quiz',
          settings: { results: 'live', allowChange: false, anonymous: false, correctOption: 0 },
        });
        await store().castBallot(newBallot(quiz, 'p:pa_voter', { optionId: 'opt_oui' }, { voterName: 'Nadia', score: 100, clientId: `quiz-${target.id}` }));
        await store().giveFeedback({ sessionId: target.id, authorKey: 'p:pa_voter', rating: 4, clientId: `fb-${target.id}`, givenAt: '2026-12-05T12:00:00.000Z' });
        await store().recordInsights(event.id, {
          add: { [`s:${target.id}:asked`]: 1, joins: 1 },
          max: {},
          set: {},
          members: [{ set: `s:${target.id}`, member: 'p:pa_voter', counters: [`s:${target.id}:participants`] }],
        });
      }
      return { ...seeded, other };
    }

    it('wipes one session: questions, votes, ballots, counts, quiz points, feedback, its insights; polls back to unrevealed drafts; seq + 1', async () => {
      const { event, session, other } = await rehearsed();
      const seqBefore = await store().getSeq(session.id);
      const reset = await store().resetLiveData(event.id, session.id);
      expect(reset.sessions).toStrictEqual([{ sessionId: session.id, seq: seqBefore + 1 }]);
      expect(await store().getSeq(session.id)).toBe(seqBefore + 1);
      expect(await store().listQuestions(session.id)).toStrictEqual([]);
      expect(await store().listVotes(session.id, 'p:pa_voter')).toStrictEqual([]);
      expect(await store().listBallots(session.id, 'p:pa_voter')).toStrictEqual({});
      expect(await store().quizLeaderboard(session.id, 10)).toStrictEqual([]);
      expect(await store().listFeedback(session.id)).toStrictEqual([]);
      expect(await store().getFeedback(session.id, 'p:pa_voter')).toBeNull();
      const polls = await store().listPolls(session.id);
      expect(polls).toHaveLength(2);
      expect(reset.polls.map((poll) => poll.id).sort()).toStrictEqual(polls.map((poll) => poll.id).sort());
      for (const poll of polls) {
        expect(poll).toMatchObject({ state: 'draft', revealed: false });
        expect(poll).not.toHaveProperty('openedAt');
        expect(await store().getTallyCounts(poll.id)).toStrictEqual({ total: 0, counts: {} });
      }
      expect(await store().listOpenPolls()).toHaveLength(2);
      const insights = await store().getInsights(event.id);
      expect(insights).not.toHaveProperty(`s:${session.id}:asked`);
      expect(insights).not.toHaveProperty(`s:${session.id}:participants`);
      expect(insights).toMatchObject({ [`s:${other.id}:asked`]: 1, joins: 2 });
      // The other session is untouched.
      expect(await store().listQuestions(other.id)).toHaveLength(1);
      expect(await store().listFeedback(other.id)).toHaveLength(1);
      expect(await store().quizLeaderboard(other.id, 10)).toStrictEqual([{ name: 'Nadia', score: 100 }]);
      // The same voter counts afresh: the session's insights set was emptied too.
      await store().recordInsights(event.id, {
        add: {},
        max: {},
        set: {},
        members: [{ set: `s:${session.id}`, member: 'p:pa_voter', counters: [`s:${session.id}:participants`] }],
      });
      expect((await store().getInsights(event.id))[`s:${session.id}:participants`]).toBe(1);
    });

    it('a wiped poll takes ballots again once reopened, from zero', async () => {
      const { event, session } = await rehearsed();
      const { polls } = await store().resetLiveData(event.id, session.id);
      const poll = polls.find((candidate) => candidate.kind === 'single');
      if (!poll) throw new Error('no single-choice poll');
      const reopened = (await store().updatePoll(poll.id, { state: 'open', openedAt: '2026-12-05T10:30:00.000Z' })).value;
      expect((await store().castBallot(newBallot(reopened, 'p:pa_voter', { optionId: 'opt_non' }))).outcome).toBe('cast');
      expect(await store().getTallyCounts(poll.id)).toMatchObject({ total: 1, counts: { opt_non: 1 } });
    });

    it('wipes every session of the event and all its insights, and leaves the agenda', async () => {
      const { event, session, other } = await rehearsed();
      const reset = await store().resetLiveData(event.id);
      expect(reset.sessions.map((entry) => entry.sessionId).sort()).toStrictEqual([session.id, other.id].sort());
      expect(reset.polls).toHaveLength(4);
      for (const id of [session.id, other.id]) {
        expect(await store().listQuestions(id)).toStrictEqual([]);
        expect(await store().quizLeaderboard(id, 10)).toStrictEqual([]);
        expect(await store().listFeedback(id)).toStrictEqual([]);
      }
      expect(await store().getInsights(event.id)).toStrictEqual({});
      expect(await store().listOpenPolls()).toStrictEqual([]);
      expect(await store().listSessions(event.id)).toHaveLength(2);
    });

    it('asking again after a reset works, with the same clientId', async () => {
      const { event, session } = await rehearsed();
      await store().resetLiveData(event.id, session.id);
      const { created } = await store().askQuestion(newQuestion(session.id, { clientId: `ask-${session.id}` }));
      expect(created).toBe(true);
      expect(await store().listQuestions(session.id)).toHaveLength(1);
    });

    it('StoreNotFound for an unknown event, or a session of another event; nothing changes', async () => {
      const { user, event, session } = await rehearsed();
      const elsewhere = await store().createEvent(newEvent(user.id, { code: 'ELSEWHERE' }));
      await expect(store().resetLiveData('ev_unknown')).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().resetLiveData(elsewhere.id, session.id)).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().resetLiveData(event.id, 'se_unknown')).rejects.toBeInstanceOf(StoreNotFound);
      expect(await store().listQuestions(session.id)).toHaveLength(1);
    });
  });
}
