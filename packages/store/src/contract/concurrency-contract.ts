import { describe, expect, it } from 'vitest';
import { askMany, newInvite, newQuestion, seedSession, type StoreUnderTest } from './fixtures.js';

/** How many calls each race fires at once: a hall voting in the same second. */
const VOTERS = 200;
const RETRIES = 50;
/** Moderators (or one impatient one) pinning different questions in the same second. */
const PINS = 20;
/** A speaker team opening the same invite link at once. */
const ACCEPTANCES = 50;

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, index) => from + index);

/**
 * Operations fired together with Promise.all must behave as if they ran one by one: no lost
 * vote, no doubled question, and every change its own seq. Stores whose calls really
 * interleave (Redis, several nodes) are where this bites.
 */
export function concurrencyContract(store: StoreUnderTest): void {
  describe('races', () => {
    it(`${VOTERS} distinct voters at once: ${VOTERS} votes, seq + ${VOTERS}, one seq per vote`, async () => {
      const { session } = await seedSession(store());
      const [question] = await askMany(store(), session.id, 1);
      if (!question) throw new Error('no question asked');
      const before = await store().getSeq(session.id);
      const results = await Promise.all(
        range(0, VOTERS).map((voter) => store().voteQuestion(question.id, `p:pa_voter${voter}`, true)),
      );
      expect(results.every((result) => result.changed)).toBe(true);
      expect(results.map((result) => result.seq).sort((x, y) => x - y)).toStrictEqual(range(before + 1, VOTERS));
      expect((await store().getQuestion(question.id))?.votes).toBe(VOTERS);
      expect(await store().getSeq(session.id)).toBe(before + VOTERS);
      expect(await store().listVotes(session.id, `p:pa_voter${VOTERS - 1}`)).toStrictEqual([question.id]);
    });

    it(`${RETRIES} asks at once with the same author and clientId: one question, seq + 1`, async () => {
      const { session } = await seedSession(store());
      const results = await Promise.all(range(0, RETRIES).map(() => store().askQuestion(newQuestion(session.id))));
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.value.id)).size).toBe(1);
      expect(await store().listQuestions(session.id)).toHaveLength(1);
      expect(await store().getSeq(session.id)).toBe(1);
    });

    it(`${RETRIES} upvotes at once by the same voter count once`, async () => {
      const { session } = await seedSession(store());
      const [question] = await askMany(store(), session.id, 1);
      if (!question) throw new Error('no question asked');
      const vote = () => store().voteQuestion(question.id, 'p:pa_voter', true);
      const results = await Promise.all(range(0, RETRIES).map(vote));
      expect(results.filter((result) => result.changed)).toHaveLength(1);
      expect((await store().getQuestion(question.id))?.votes).toBe(1);
      expect(await store().getSeq(session.id)).toBe(2);
    });

    it('votes given and taken back at once by different voters all count', async () => {
      const { session } = await seedSession(store());
      const [question] = await askMany(store(), session.id, 1);
      if (!question) throw new Error('no question asked');
      const half = VOTERS / 2;
      await Promise.all(range(0, half).map((voter) => store().voteQuestion(question.id, `p:pa_voter${voter}`, true)));
      const before = await store().getSeq(session.id);
      await Promise.all([
        ...range(0, half).map((voter) => store().voteQuestion(question.id, `p:pa_voter${voter}`, false)),
        ...range(half, half).map((voter) => store().voteQuestion(question.id, `p:pa_voter${voter}`, true)),
      ]);
      expect((await store().getQuestion(question.id))?.votes).toBe(half);
      expect(await store().getSeq(session.id)).toBe(before + VOTERS);
    });

    it(`${PINS} pins at once on ${PINS} questions: exactly one pinned, every change its own seq`, async () => {
      const { session } = await seedSession(store());
      const questions = await askMany(store(), session.id, PINS);
      const before = await store().getSeq(session.id);
      const results = await Promise.all(questions.map((question) => store().updateQuestion(question.id, { pinned: true })));
      const pinned = (await store().listQuestions(session.id)).filter((question) => question.pinned);
      expect(pinned).toHaveLength(1);
      // As if one by one: each pin after the first unpins the one before it.
      const changes = PINS + (PINS - 1);
      expect(await store().getSeq(session.id)).toBe(before + changes);
      const seqs = results.flatMap((result) => result.map((change) => change.seq));
      expect(seqs.sort((x, y) => x - y)).toStrictEqual(range(before + 1, changes));
      for (const [index, result] of results.entries()) {
        expect(result.at(-1)?.value.id).toBe(questions[index]?.id);
        const inOrder = result.map((change) => change.seq);
        expect(inOrder).toStrictEqual([...inOrder].sort((x, y) => x - y));
      }
      // The pin that stuck is the one applied last.
      const last = results.reduce((latest, result) => ((result.at(-1)?.seq ?? 0) > (latest.at(-1)?.seq ?? 0) ? result : latest));
      expect(pinned[0]?.id).toBe(last.at(-1)?.value.id);
    });

    it(`${ACCEPTANCES} uses of one invite at once count ${ACCEPTANCES}`, async () => {
      const { user, event } = await seedSession(store());
      const invite = await store().createInvite(newInvite(event.id, user.id));
      const results = await Promise.all(range(0, ACCEPTANCES).map((i) => store().recordInviteUse(invite.id, `n${i}`)));
      expect(results.map((result) => result.uses).sort((x, y) => x - y)).toStrictEqual(range(1, ACCEPTANCES));
      const stored = await store().getInvite(invite.id);
      expect(stored?.uses).toBe(ACCEPTANCES);
      // Each acceptance's name landed once: the kept ones are the last 20, none twice.
      expect(stored?.usedBy).toHaveLength(20);
      expect(new Set(stored?.usedBy).size).toBe(20);
    });
  });
}
