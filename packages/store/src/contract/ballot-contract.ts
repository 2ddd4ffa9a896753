import { ballotContributions, buildTally, quizPoints, type Contribution } from '@jisr/core/poll-ballots';
import type { Ballot, Poll } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import { StoreNotFound } from '../store.js';
import { newBallot, newPoll, newSession, openPoll, seedSession, type StoreUnderTest } from './fixtures.js';

/** A hall voting in the same second on one poll. */
const VOTERS = 500;
/** One impatient phone sending different answers before the first ack comes back. */
const RESENDS = 20;

const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index);

/** The counts a store should hold for these contributions: summed per key, zeros left out. */
function summed(...contributions: Contribution[][]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { key, weight } of contributions.flat()) counts[key] = (counts[key] ?? 0) + weight;
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => count !== 0));
}

const FOUR_OPTIONS = [
  { id: 'opt_rabat', label: 'الرباط' },
  { id: 'opt_bruxelles', label: 'Bruxelles' },
  { id: 'opt_madrid', label: 'Madrid' },
  { id: 'opt_montreal', label: 'Montréal' },
];

/** Every order of the options (24 for four): distinct rankings for the races. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

/** Ballots: the one-ballot rule, the running counts, and what is read back from them. */
export function ballotContract(store: StoreUnderTest): void {
  describe('castBallot', () => {
    it('casts a first ballot: counted, listed for the voter, seq unchanged', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id);
      const seq = await store().getSeq(session.id);
      const input = newBallot(poll, 'p:pa_1', { optionId: 'opt_oui' });
      expect(await store().castBallot(input)).toStrictEqual({ outcome: 'cast', ballot: { optionId: 'opt_oui' } });
      expect(await store().getTallyCounts(poll.id)).toStrictEqual({ total: 1, counts: { opt_oui: 1 } });
      expect(await store().listBallots(session.id, 'p:pa_1')).toStrictEqual({ [poll.id]: { optionId: 'opt_oui' } });
      expect(await store().getSeq(session.id)).toBe(seq);
    });

    it('repeat: the same voter and clientId again is counted once and gets the stored ballot', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, {
        settings: { results: 'live', allowChange: true, anonymous: true },
      });
      const input = newBallot(poll, 'p:pa_1', { optionId: 'opt_non' });
      await store().castBallot(input);
      expect(await store().castBallot(input)).toStrictEqual({ outcome: 'repeat', ballot: { optionId: 'opt_non' } });
      // A retry is recognized by its clientId, even where changing is allowed and the body differs.
      const retried = newBallot(poll, 'p:pa_1', { optionId: 'opt_oui' }, { clientId: input.clientId });
      expect(await store().castBallot(retried)).toStrictEqual({ outcome: 'repeat', ballot: { optionId: 'opt_non' } });
      expect(await store().getTallyCounts(poll.id)).toStrictEqual({ total: 1, counts: { opt_non: 1 } });
      expect(await store().listBallots(session.id, 'p:pa_1')).toStrictEqual({ [poll.id]: { optionId: 'opt_non' } });
    });

    it('locked: another ballot of the voter, when changes are not allowed, is refused with the stored one', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id);
      await store().castBallot(newBallot(poll, 'p:pa_1', { optionId: 'opt_non' }));
      const second = newBallot(poll, 'p:pa_1', { optionId: 'opt_oui' }, { clientId: 'client-second-try' });
      expect(await store().castBallot(second)).toStrictEqual({ outcome: 'locked', ballot: { optionId: 'opt_non' } });
      expect(await store().getTallyCounts(poll.id)).toStrictEqual({ total: 1, counts: { opt_non: 1 } });
      expect(await store().listBallots(session.id, 'p:pa_1')).toStrictEqual({ [poll.id]: { optionId: 'opt_non' } });
    });

    it('changed: the count moves from the old option to the new one, the total stays', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, {
        settings: { results: 'live', allowChange: true, anonymous: true },
      });
      await store().castBallot(newBallot(poll, 'p:pa_1', { optionId: 'opt_non' }));
      await store().castBallot(newBallot(poll, 'p:pa_2', { optionId: 'opt_non' }));
      const change = newBallot(poll, 'p:pa_1', { optionId: 'opt_oui' }, { clientId: 'client-changed-mind' });
      expect(await store().castBallot(change)).toStrictEqual({ outcome: 'changed', ballot: { optionId: 'opt_oui' } });
      expect(await store().getTallyCounts(poll.id)).toStrictEqual({ total: 2, counts: { opt_non: 1, opt_oui: 1 } });
      expect(await store().listBallots(session.id, 'p:pa_1')).toStrictEqual({ [poll.id]: { optionId: 'opt_oui' } });
      // The changed ballot's clientId is now the one a retry repeats.
      expect((await store().castBallot(change)).outcome).toBe('repeat');

      const back = newBallot(poll, 'p:pa_1', { optionId: 'opt_non' }, { clientId: 'client-changed-back' });
      expect((await store().castBallot(back)).outcome).toBe('changed');
      // A key whose count fell to 0 is left out.
      expect(await store().getTallyCounts(poll.id)).toStrictEqual({ total: 2, counts: { opt_non: 2 } });
    });

    it('changed: a word cloud answer is taken back word by word; first labels stay with their keys', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, {
        kind: 'wordcloud',
        options: [],
        settings: { results: 'live', allowChange: true, anonymous: true },
      });
      const first = newBallot(poll, 'p:pa_1', { words: ['Couscous', 'tajine'] });
      const other = newBallot(poll, 'p:pa_2', { words: ['TAJINE', 'Harira'] });
      await store().castBallot(first);
      await store().castBallot(other);
      expect(await store().getTallyCounts(poll.id)).toStrictEqual({
        total: 2,
        counts: { couscous: 1, tajine: 2, harira: 1 },
        labels: { couscous: 'Couscous', tajine: 'tajine', harira: 'Harira' },
      });

      const change = newBallot(poll, 'p:pa_1', { words: ['الكسكس', 'Harira'] }, { clientId: 'client-other-words' });
      expect((await store().castBallot(change)).outcome).toBe('changed');
      expect(await store().getTallyCounts(poll.id)).toStrictEqual({
        total: 2,
        counts: { tajine: 1, harira: 2, كسكس: 1 },
        labels: { tajine: 'tajine', harira: 'Harira', كسكس: 'الكسكس' },
      });
      expect(await store().getTallyCounts(poll.id)).toStrictEqual({
        total: 2,
        counts: summed(other.contributions, change.contributions),
        labels: { tajine: 'tajine', harira: 'Harira', كسكس: 'الكسكس' },
      });
    });

    it('changed: a ranking\'s Borda points are taken back exactly', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, {
        kind: 'ranking',
        options: FOUR_OPTIONS,
        settings: { results: 'live', allowChange: true, anonymous: true },
      });
      const ids = FOUR_OPTIONS.map((option) => option.id);
      const first = newBallot(poll, 'p:pa_1', { order: ids });
      const other = newBallot(poll, 'p:pa_2', { order: [...ids].reverse() });
      await store().castBallot(first);
      await store().castBallot(other);
      // 3 + 0 points for everyone: every option has 3.
      expect(await store().getTallyCounts(poll.id)).toStrictEqual({
        total: 2,
        counts: { opt_rabat: 3, opt_bruxelles: 3, opt_madrid: 3, opt_montreal: 3 },
      });
      const change = newBallot(poll, 'p:pa_1', { order: ['opt_madrid', 'opt_rabat', 'opt_montreal', 'opt_bruxelles'] }, {
        clientId: 'client-reranked',
      });
      expect((await store().castBallot(change)).outcome).toBe('changed');
      const expected = { opt_madrid: 5, opt_rabat: 2, opt_montreal: 4, opt_bruxelles: 1 };
      expect(await store().getTallyCounts(poll.id)).toStrictEqual({ total: 2, counts: expected });
      expect(summed(other.contributions, change.contributions)).toStrictEqual(expected);
    });

    it('changed: the voter\'s name, score and answer time are replaced too', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, {
        kind: 'text',
        options: [],
        settings: { results: 'live', allowChange: true, anonymous: false },
      });
      await store().castBallot(newBallot(poll, 'p:pa_1', { text: 'Première idée' }, { voterName: 'Nadia' }));
      await store().castBallot(newBallot(poll, 'p:pa_2', { text: 'Autre idée' }, { castAt: '2026-12-05T10:00:05.000Z' }));
      const change = newBallot(poll, 'p:pa_1', { text: 'Meilleure idée' }, {
        clientId: 'client-better-idea',
        castAt: '2026-12-05T10:00:09.000Z',
      });
      expect(await store().castBallot(change)).toStrictEqual({
        outcome: 'changed',
        ballot: { text: 'Meilleure idée' },
        answer: { id: 'a3', hidden: false, replaces: 'a1' },
      });
      expect(await store().listTextAnswers(poll.id)).toStrictEqual([
        { id: 'a2', text: 'Autre idée', castAt: '2026-12-05T10:00:05.000Z', hidden: false },
        { id: 'a3', text: 'Meilleure idée', castAt: '2026-12-05T10:00:09.000Z', hidden: false },
      ]);
      expect(await store().getTallyCounts(poll.id)).toStrictEqual({ total: 2, counts: {} });
    });

    it('closed: a draft or closed poll stores nothing', async () => {
      const { session } = await seedSession(store());
      const { value: draft } = await store().createPoll(newPoll(session.id));
      const closed = await openPoll(store(), session.id, { state: 'closed' });
      for (const poll of [draft, closed]) {
        const result = await store().castBallot(newBallot(poll, 'p:pa_1', { optionId: 'opt_oui' }));
        expect(result).toStrictEqual({ outcome: 'closed' });
        expect(await store().getTallyCounts(poll.id)).toStrictEqual({ total: 0, counts: {} });
      }
      expect(await store().listBallots(session.id, 'p:pa_1')).toStrictEqual({});
    });

    it('closed: after the poll closes, a known voter is refused as closed too, and the count stays', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id);
      const input = newBallot(poll, 'p:pa_1', { optionId: 'opt_oui' });
      await store().castBallot(input);
      await store().updatePoll(poll.id, { state: 'closed' });
      expect(await store().castBallot(input)).toStrictEqual({ outcome: 'closed' });
      expect(await store().castBallot(newBallot(poll, 'p:pa_2', { optionId: 'opt_non' }))).toStrictEqual({
        outcome: 'closed',
      });
      expect(await store().getTallyCounts(poll.id)).toStrictEqual({ total: 1, counts: { opt_oui: 1 } });
    });

    it('fails with StoreNotFound for an unknown poll', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id);
      const input = { ...newBallot(poll, 'p:pa_1', { optionId: 'opt_oui' }), pollId: 'po_missing' };
      await expect(store().castBallot(input)).rejects.toBeInstanceOf(StoreNotFound);
      expect(await store().listBallots(session.id, 'p:pa_1')).toStrictEqual({});
    });
  });

  describe('getTallyCounts', () => {
    /** Casts each ballot as its own voter, checks the counts, and returns the Tally core builds from them. */
    async function tallied(poll: Poll, ballots: Ballot[]) {
      for (const [index, ballot] of ballots.entries()) {
        expect((await store().castBallot(newBallot(poll, `p:pa_${index}`, ballot))).outcome).toBe('cast');
      }
      const counts = await store().getTallyCounts(poll.id);
      expect(counts.total).toBe(ballots.length);
      expect(counts.counts).toStrictEqual(summed(...ballots.map((ballot) => ballotContributions(poll, ballot))));
      return { counts, tally: buildTally(poll, counts) };
    }

    it('single choice', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id);
      const { counts, tally } = await tallied(poll, [{ optionId: 'opt_oui' }, { optionId: 'opt_oui' }, { optionId: 'opt_nsp' }]);
      expect(counts).toStrictEqual({ total: 3, counts: { opt_oui: 2, opt_nsp: 1 } });
      expect(tally.counts).toStrictEqual({ opt_oui: 2, opt_non: 0, opt_nsp: 1 });
    });

    it('multiple choice', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, { kind: 'multiple', options: FOUR_OPTIONS });
      const ballots = [
        { optionIds: ['opt_rabat', 'opt_madrid'] },
        { optionIds: ['opt_madrid', 'opt_montreal', 'opt_rabat'] },
        { optionIds: ['opt_madrid'] },
      ];
      const { counts, tally } = await tallied(poll, ballots);
      expect(counts).toStrictEqual({ total: 3, counts: { opt_rabat: 2, opt_madrid: 3, opt_montreal: 1 } });
      expect(tally).toStrictEqual({
        pollId: poll.id,
        sessionId: session.id,
        total: 3,
        counts: { opt_rabat: 2, opt_bruxelles: 0, opt_madrid: 3, opt_montreal: 1 },
      });
    });

    it('rating: counts per value, and the average core derives from them', async () => {
      const { session } = await seedSession(store());
      const settings = { results: 'live', allowChange: false, anonymous: true, scaleMax: 10 } as const;
      const poll = await openPoll(store(), session.id, { kind: 'rating', options: [], settings });
      const { counts, tally } = await tallied(poll, [{ value: 9 }, { value: 10 }, { value: 9 }, { value: 4 }]);
      expect(counts).toStrictEqual({ total: 4, counts: { '9': 2, '10': 1, '4': 1 } });
      expect(tally.average).toBe(8);
      expect(tally.counts['9']).toBe(2);
      expect(tally.counts['1']).toBe(0);
    });

    it('word cloud: folded keys, stop words out, the first label seen for each key', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, { kind: 'wordcloud', options: [] });
      const ballots = [
        { words: ['Éducation', 'emploi'] },
        { words: ['education', 'Santé'] },
        { words: ['الكسكس', 'de la santé'] },
        { words: ['كسكس'] },
        { words: ['EDUCATION'] },
      ];
      const { counts, tally } = await tallied(poll, ballots);
      expect(counts).toStrictEqual({
        total: 5,
        counts: { education: 3, emploi: 1, sante: 2, كسكس: 2 },
        labels: { education: 'Éducation', emploi: 'emploi', sante: 'Santé', كسكس: 'الكسكس' },
      });
      expect(tally.words).toStrictEqual([
        { word: 'Éducation', count: 3 },
        { word: 'Santé', count: 2 },
        { word: 'الكسكس', count: 2 },
        { word: 'emploi', count: 1 },
      ]);
    });

    it('ranking: Borda points per option, and the order core derives from them', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, { kind: 'ranking', options: FOUR_OPTIONS });
      const ballots = [
        { order: ['opt_rabat', 'opt_madrid', 'opt_bruxelles', 'opt_montreal'] },
        { order: ['opt_madrid', 'opt_rabat', 'opt_montreal', 'opt_bruxelles'] },
        { order: ['opt_rabat', 'opt_montreal', 'opt_madrid', 'opt_bruxelles'] },
      ];
      const { counts, tally } = await tallied(poll, ballots);
      expect(counts).toStrictEqual({ total: 3, counts: { opt_rabat: 8, opt_madrid: 6, opt_bruxelles: 1, opt_montreal: 3 } });
      expect(tally.ranking?.map((entry) => entry.optionId)).toStrictEqual([
        'opt_rabat',
        'opt_madrid',
        'opt_montreal',
        'opt_bruxelles',
      ]);
    });

    it('open text: a total and no counts', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, { kind: 'text', options: [] });
      const { counts } = await tallied(poll, [{ text: 'Merci !' }, { text: 'شكرا' }]);
      expect(counts).toStrictEqual({ total: 2, counts: {} });
    });

    it('keeps each poll\'s counts apart; a poll without ballots, or unknown, has none', async () => {
      const { session } = await seedSession(store());
      const first = await openPoll(store(), session.id);
      const second = await openPoll(store(), session.id);
      await store().castBallot(newBallot(first, 'p:pa_1', { optionId: 'opt_oui' }));
      await store().castBallot(newBallot(second, 'p:pa_1', { optionId: 'opt_non' }));
      await store().castBallot(newBallot(second, 'p:pa_2', { optionId: 'opt_non' }));
      expect(await store().getTallyCounts(first.id)).toStrictEqual({ total: 1, counts: { opt_oui: 1 } });
      expect(await store().getTallyCounts(second.id)).toStrictEqual({ total: 2, counts: { opt_non: 2 } });
      const empty = await openPoll(store(), session.id);
      expect(await store().getTallyCounts(empty.id)).toStrictEqual({ total: 0, counts: {} });
      expect(await store().getTallyCounts('po_missing')).toStrictEqual({ total: 0, counts: {} });
    });
  });

  describe('listBallots, listTextAnswers and quizLeaderboard', () => {
    it('listBallots: the voter\'s ballots of the session, by poll id', async () => {
      const { event, room, session } = await seedSession(store());
      const other = await store().createSession(newSession(event.id, room.id));
      const single = await openPoll(store(), session.id);
      const cloud = await openPoll(store(), session.id, { kind: 'wordcloud', options: [] });
      const unvoted = await openPoll(store(), session.id);
      const elsewhere = await openPoll(store(), other.id);
      await store().castBallot(newBallot(single, 'p:pa_1', { optionId: 'opt_nsp' }));
      await store().castBallot(newBallot(cloud, 'p:pa_1', { words: ['Jeunesse', 'الهجرة'] }));
      await store().castBallot(newBallot(elsewhere, 'p:pa_1', { optionId: 'opt_oui' }));
      await store().castBallot(newBallot(single, 'p:pa_2', { optionId: 'opt_oui' }));
      expect(await store().listBallots(session.id, 'p:pa_1')).toStrictEqual({
        [single.id]: { optionId: 'opt_nsp' },
        [cloud.id]: { words: ['Jeunesse', 'الهجرة'] },
      });
      expect(await store().listBallots(other.id, 'p:pa_1')).toStrictEqual({ [elsewhere.id]: { optionId: 'opt_oui' } });
      expect(await store().listBallots(session.id, 'p:pa_2')).toStrictEqual({ [single.id]: { optionId: 'opt_oui' } });
      expect(await store().listBallots(session.id, 'p:pa_3')).toStrictEqual({});
      expect(unvoted.id in (await store().listBallots(session.id, 'p:pa_1'))).toBe(false);
    });

    it('listTextAnswers: the poll\'s answers, oldest first, texts exactly as given', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, { kind: 'text', options: [] });
      const other = await openPoll(store(), session.id, { kind: 'text', options: [] });
      const answers = [
        { text: 'Plus de temps pour les questions', castAt: '2026-12-05T10:00:01.000Z' },
        { text: 'نريد جلسة عن ريادة الأعمال', castAt: '2026-12-05T10:00:02.5Z' },
        { text: 'Des sous-titres "en direct" ? <b>oui</b>', castAt: '2026-12-05T10:00:03Z' },
      ];
      for (const [index, { text, castAt }] of answers.entries()) {
        await store().castBallot(newBallot(poll, `p:pa_${index}`, { text }, { castAt }));
      }
      await store().castBallot(newBallot(other, 'p:pa_0', { text: 'Ailleurs' }));
      expect(await store().listTextAnswers(poll.id)).toStrictEqual(answers.map((answer, index) => ({ id: `a${index + 1}`, ...answer, hidden: false })));
      expect(await store().listTextAnswers('po_missing')).toStrictEqual([]);
    });

    it('listTextAnswers: only ballots with a text', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id);
      await store().castBallot(newBallot(poll, 'p:pa_1', { optionId: 'opt_oui' }));
      expect(await store().listTextAnswers(poll.id)).toStrictEqual([]);
    });

    it('quizLeaderboard: named voters\' points summed over the session\'s quizzes, best first, ties by name', async () => {
      const { event, room, session } = await seedSession(store());
      const quizSettings = { results: 'live', allowChange: false, anonymous: false, timerSeconds: 20, correctOption: 0 } as const;
      const quiz = { kind: 'quiz', options: FOUR_OPTIONS, settings: quizSettings } as const;
      const first = await openPoll(store(), session.id, quiz);
      const second = await openPoll(store(), session.id, quiz);
      const survey = await openPoll(store(), session.id);
      const otherSession = await store().createSession(newSession(event.id, room.id));
      const elsewhere = await openPoll(store(), otherSession.id, quiz);

      /** Answers a quiz as a voter would: right (the first option) or wrong, after `elapsed` ms. */
      const answer = async (poll: Poll, voter: string, name: string | undefined, correct: boolean, elapsed: number) => {
        const ballot = { optionId: correct ? 'opt_rabat' : 'opt_madrid' };
        const score = quizPoints(correct, elapsed, quizSettings.timerSeconds);
        const input = newBallot(poll, voter, ballot, { score, ...(name === undefined ? {} : { voterName: name }) });
        expect((await store().castBallot(input)).outcome).toBe('cast');
        return score;
      };
      const amina = (await answer(first, 'p:pa_3', 'Amina', true, 2000)) + (await answer(second, 'p:pa_3', 'Amina', true, 10000));
      const youssef = (await answer(first, 'p:pa_9', 'Youssef', true, 0)) + (await answer(second, 'p:pa_9', 'Youssef', false, 1000));
      const zineb = (await answer(first, 'p:pa_1', 'Zineb', false, 500)) + (await answer(second, 'p:pa_1', 'Zineb', true, 0));
      // Zineb and Youssef tie (Zineb's key sorts first, her name last); the anonymous voter is
      // fastest of all and is left out.
      await answer(first, 'p:pa_0', undefined, true, 0);
      await answer(second, 'p:pa_0', undefined, true, 0);
      await answer(second, 'p:pa_5', 'Karim', false, 0);
      // Points elsewhere do not count: another session's quiz, a survey's ballot.
      await answer(elsewhere, 'p:pa_5', 'Karim', true, 0);
      await store().castBallot(newBallot(survey, 'p:pa_7', { optionId: 'opt_oui' }, { voterName: 'Omar', score: 5000 }));

      expect([amina, youssef, zineb]).toStrictEqual([1700, 1000, 1000]);
      expect(await store().quizLeaderboard(session.id, 10)).toStrictEqual([
        { name: 'Amina', score: 1700 },
        { name: 'Youssef', score: 1000 },
        { name: 'Zineb', score: 1000 },
        { name: 'Karim', score: 0 },
      ]);
      expect(await store().quizLeaderboard(session.id, 2)).toStrictEqual([
        { name: 'Amina', score: 1700 },
        { name: 'Youssef', score: 1000 },
      ]);
      expect(await store().quizLeaderboard(otherSession.id, 10)).toStrictEqual([{ name: 'Karim', score: 1000 }]);
      expect(await store().quizLeaderboard('se_missing', 10)).toStrictEqual([]);
      expect(await store().quizLeaderboard(session.id, 0)).toStrictEqual([]);
    });

    it('quizLeaderboard: a changed quiz answer replaces its points', async () => {
      const { session } = await seedSession(store());
      const settings = { results: 'live', allowChange: true, anonymous: false, correctOption: 1 } as const;
      const quiz = await openPoll(store(), session.id, { kind: 'quiz', options: FOUR_OPTIONS, settings });
      const wrong = newBallot(quiz, 'p:pa_1', { optionId: 'opt_rabat' }, { voterName: 'Salma', score: 0 });
      await store().castBallot(wrong);
      const right = { ...wrong, ballot: { optionId: 'opt_bruxelles' }, clientId: 'client-salma-2', score: 1000 };
      await store().castBallot({ ...right, contributions: ballotContributions(quiz, right.ballot) });
      expect(await store().quizLeaderboard(session.id, 10)).toStrictEqual([{ name: 'Salma', score: 1000 }]);
      expect(await store().getTallyCounts(quiz.id)).toStrictEqual({ total: 1, counts: { opt_bruxelles: 1 } });

      // Changed again, now without a name (the quiz was made anonymous): off the board.
      const { voterName: _name, ...unnamed } = { ...right, clientId: 'client-salma-3', score: 500 };
      expect((await store().castBallot(unnamed)).outcome).toBe('changed');
      expect(await store().quizLeaderboard(session.id, 10)).toStrictEqual([]);
    });

    it('quizLeaderboard: resetting or deleting a quiz takes its points off the board', async () => {
      const { session } = await seedSession(store());
      const settings = { results: 'live', allowChange: false, anonymous: false, correctOption: 0 } as const;
      const quiz = { kind: 'quiz', options: FOUR_OPTIONS, settings } as const;
      const [first, second, third] = [
        await openPoll(store(), session.id, quiz),
        await openPoll(store(), session.id, quiz),
        await openPoll(store(), session.id, quiz),
      ];
      if (!first || !second || !third) throw new Error('quizzes missing');
      const right = { optionId: 'opt_rabat' };
      await store().castBallot(newBallot(first, 'p:pa_1', right, { voterName: 'Salma', score: 900 }));
      await store().castBallot(newBallot(second, 'p:pa_1', right, { voterName: 'Salma', score: 800 }));
      await store().castBallot(newBallot(second, 'p:pa_2', right, { voterName: 'Hamza', score: 1000 }));
      await store().castBallot(newBallot(third, 'p:pa_2', right, { voterName: 'Hamza', score: 600 }));
      await store().castBallot(newBallot(third, 'p:pa_3', right, { voterName: 'Ilyas', score: 700 }));
      expect(await store().quizLeaderboard(session.id, 10)).toStrictEqual([
        { name: 'Salma', score: 1700 },
        { name: 'Hamza', score: 1600 },
        { name: 'Ilyas', score: 700 },
      ]);

      await store().resetPoll(second.id);
      expect(await store().quizLeaderboard(session.id, 10)).toStrictEqual([
        { name: 'Salma', score: 900 },
        { name: 'Ilyas', score: 700 },
        { name: 'Hamza', score: 600 },
      ]);
      await store().deletePoll(third.id);
      expect(await store().quizLeaderboard(session.id, 10)).toStrictEqual([{ name: 'Salma', score: 900 }]);

      // Played again after the reset, the quiz counts again.
      await store().updatePoll(second.id, { state: 'open' });
      await store().castBallot(newBallot(second, 'p:pa_2', right, { voterName: 'Hamza', score: 950 }));
      expect(await store().quizLeaderboard(session.id, 10)).toStrictEqual([
        { name: 'Hamza', score: 950 },
        { name: 'Salma', score: 900 },
      ]);
    });
  });

  describe('ballot races', () => {
    it(`${VOTERS} distinct voters at once on one poll: ${VOTERS} ballots, counts summing to ${VOTERS}`, async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id);
      const seq = await store().getSeq(session.id);
      const options = poll.options.map((option) => option.id);
      const inputs = range(VOTERS).map((voter) =>
        newBallot(poll, `p:pa_voter${voter}`, { optionId: options[voter % options.length] ?? 'opt_oui' }),
      );
      const results = await Promise.all(inputs.map((input) => store().castBallot(input)));
      expect(results.every((result) => result.outcome === 'cast')).toBe(true);
      const { total, counts } = await store().getTallyCounts(poll.id);
      expect(total).toBe(VOTERS);
      expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(VOTERS);
      expect(counts).toStrictEqual(summed(...inputs.map((input) => input.contributions)));
      expect(await store().getSeq(session.id)).toBe(seq);
    });

    it(`one voter sending ${RESENDS} different ballots at once, changes not allowed: exactly one counted`, async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, { kind: 'wordcloud', options: [] });
      const inputs = range(RESENDS).map((index) =>
        newBallot(poll, 'p:pa_impatient', { words: [`mot${index}`] }, { clientId: `client-resend-${index}` }),
      );
      const results = await Promise.all(inputs.map((input) => store().castBallot(input)));
      const cast = results.filter((result) => result.outcome === 'cast');
      expect(cast).toHaveLength(1);
      expect(results.filter((result) => result.outcome === 'locked')).toHaveLength(RESENDS - 1);
      // Everyone refused is shown the one ballot that counts.
      expect(results.every((result) => JSON.stringify(result.ballot) === JSON.stringify(cast[0]?.ballot))).toBe(true);
      const kept = inputs.find((input) => JSON.stringify(input.ballot) === JSON.stringify(cast[0]?.ballot));
      expect(await store().getTallyCounts(poll.id)).toStrictEqual({
        total: 1,
        counts: summed(kept?.contributions ?? []),
        labels: Object.fromEntries((kept?.contributions ?? []).map(({ key, label }) => [key, label])),
      });
      expect(await store().listBallots(session.id, 'p:pa_impatient')).toStrictEqual({ [poll.id]: kept?.ballot });
    });

    it(`one voter sending ${RESENDS} different rankings at once, changes allowed: one ballot, its points exactly`, async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, {
        kind: 'ranking',
        options: FOUR_OPTIONS,
        settings: { results: 'live', allowChange: true, anonymous: true },
      });
      const orders = permutations(FOUR_OPTIONS.map((option) => option.id)).slice(0, RESENDS);
      const inputs = orders.map((order, index) =>
        newBallot(poll, 'p:pa_impatient', { order }, { clientId: `client-rerank-${index}` }),
      );
      const results = await Promise.all(inputs.map((input) => store().castBallot(input)));
      expect(results.filter((result) => result.outcome === 'cast')).toHaveLength(1);
      expect(results.filter((result) => result.outcome === 'changed')).toHaveLength(RESENDS - 1);

      const stored = (await store().listBallots(session.id, 'p:pa_impatient'))[poll.id];
      const kept = inputs.find((input) => JSON.stringify(input.ballot) === JSON.stringify(stored));
      expect(kept).toBeDefined();
      const { total, counts } = await store().getTallyCounts(poll.id);
      expect(total).toBe(1);
      expect(counts).toStrictEqual(summed(kept?.contributions ?? []));
      // Borda for one ballot of four options: 3 + 2 + 1 (+ 0, left out).
      expect(Object.values(counts).sort()).toStrictEqual([1, 2, 3]);
    });
  });
}
