import type { QuestionRecord } from '@jisr/core/questions';
import { describe, expect, it } from 'vitest';
import { StoreConflict, StoreNotFound, type Store } from '../store.js';
import { askOne, newSession, seedSession, type StoreUnderTest } from './fixtures.js';

/** Three questions asking the same thing in three languages, each by its own author. */
async function askedThrice(store: Store, sessionId: string): Promise<[QuestionRecord, QuestionRecord, QuestionRecord]> {
  const kept = await askOne(store, sessionId, { authorKey: 'p:pa_amina', clientId: 'c-ar', text: 'هل ستتم مشاركة الشرائح بعد الجلسة؟', lang: 'ar' });
  const french = await askOne(store, sessionId, { authorKey: 'p:pa_lucas', clientId: 'c-fr', text: 'Allez-vous partager les diapositives ?', lang: 'fr' });
  const dutch = await askOne(store, sessionId, { authorKey: 'p:pa_noor', clientId: 'c-nl', text: 'Worden de slides gedeeld?', lang: 'nl' });
  return [kept, french, dutch];
}

async function vote(store: Store, questionId: string, ...voters: string[]): Promise<void> {
  for (const voter of voters) await store.voteQuestion(questionId, voter, true);
}

async function votesOf(store: Store, sessionId: string, voter: string): Promise<string[]> {
  return (await store.listVotes(sessionId, voter)).sort();
}

/** Merging duplicates (issue 20): pooled voters, nobody counted twice, unmerge restores, retries stay idempotent. */
export function mergeContract(store: StoreUnderTest): void {
  describe('mergeQuestion', () => {
    it('pools the voters (one who voted for both counts once), keeps the text as a variant, returns [merged, kept] with their seqs', async () => {
      const { session } = await seedSession(store());
      const [kept, french] = await askedThrice(store(), session.id);
      await vote(store(), kept.id, 'p:pa_a', 'p:pa_both');
      await vote(store(), french.id, 'p:pa_both', 'p:pa_c');
      const before = await store().getSeq(session.id);

      const [merged, grouped] = await store().mergeQuestion(french.id, kept.id);

      expect(merged?.seq).toBe(before + 1);
      expect(merged?.value).toStrictEqual({ ...french, votes: 2, mergedInto: kept.id });
      expect(grouped?.seq).toBe(before + 2);
      expect(grouped?.value).toStrictEqual({ ...kept, votes: 3, variants: [{ text: french.text, lang: 'fr' }] });
      expect(await store().getQuestion(kept.id)).toStrictEqual(grouped?.value);
      expect(await store().getQuestion(french.id)).toStrictEqual(merged?.value);
      // Still listed (its author's "my question", the record of what was said): marked merged.
      expect((await store().listQuestions(session.id)).map((question) => question.mergedInto ?? null)).toStrictEqual([null, kept.id, null]);
      // Voters follow the kept question, listed once.
      expect(await votesOf(store(), session.id, 'p:pa_both')).toStrictEqual([kept.id]);
      expect(await votesOf(store(), session.id, 'p:pa_c')).toStrictEqual([kept.id]);
      expect(await store().getSeq(session.id)).toBe(before + 2);
    });

    it('counts nobody twice after the merge: a vote on either (or again) by a voter of the group changes nothing', async () => {
      const { session } = await seedSession(store());
      const [kept, french] = await askedThrice(store(), session.id);
      await vote(store(), kept.id, 'p:pa_a');
      await vote(store(), french.id, 'p:pa_c');
      await store().mergeQuestion(french.id, kept.id);
      const seq = await store().getSeq(session.id);

      for (const [questionId, voter] of [[kept.id, 'p:pa_c'], [french.id, 'p:pa_a'], [french.id, 'p:pa_c'], [kept.id, 'p:pa_a']] as const) {
        const again = await store().voteQuestion(questionId, voter, true);
        expect(again).toStrictEqual({ value: expect.objectContaining({ id: kept.id, votes: 2 }), seq, changed: false });
      }
      // A new voter on the merged question is counted once, on the kept one.
      const fresh = await store().voteQuestion(french.id, 'p:pa_new', true);
      expect(fresh).toMatchObject({ value: { id: kept.id, votes: 3 }, seq: seq + 1, changed: true });
      expect((await store().voteQuestion(kept.id, 'p:pa_new', true)).changed).toBe(false);
      // Taking a vote back takes it from the whole group, whichever question it was cast for.
      const back = await store().voteQuestion(kept.id, 'p:pa_c', false);
      expect(back).toMatchObject({ value: { id: kept.id, votes: 2 }, changed: true });
      expect(await votesOf(store(), session.id, 'p:pa_c')).toStrictEqual([]);
      expect((await store().voteQuestion(kept.id, 'p:pa_c', false)).changed).toBe(false);
    });

    it('a merged question with its own variants brings them along: one group, variants in merge order', async () => {
      const { session } = await seedSession(store());
      const [kept, french, dutch] = await askedThrice(store(), session.id);
      await vote(store(), dutch.id, 'p:pa_d');
      await store().mergeQuestion(dutch.id, french.id);
      const [, grouped] = await store().mergeQuestion(french.id, kept.id);

      expect(grouped?.value.variants).toStrictEqual([{ text: french.text, lang: 'fr' }, { text: dutch.text, lang: 'nl' }]);
      expect(grouped?.value.votes).toBe(1);
      expect((await store().getQuestion(dutch.id))?.mergedInto).toBe(kept.id);
      expect((await store().getQuestion(french.id))?.variants).toBeUndefined();
      expect(await votesOf(store(), session.id, 'p:pa_d')).toStrictEqual([kept.id]);
    });

    it('unpins the merged question', async () => {
      const { session } = await seedSession(store());
      const [kept, french] = await askedThrice(store(), session.id);
      await store().updateQuestion(french.id, { pinned: true });
      const [merged] = await store().mergeQuestion(french.id, kept.id);
      expect(merged?.value.pinned).toBe(false);
      expect((await store().listQuestions(session.id)).filter((question) => question.pinned)).toStrictEqual([]);
    });

    it('refuses the same question, another session, and merged ones, changing nothing', async () => {
      const { event, room, session } = await seedSession(store());
      const [kept, french, dutch] = await askedThrice(store(), session.id);
      const other = await store().createSession(newSession(event.id, room.id));
      const elsewhere = await askOne(store(), other.id, { clientId: 'c-elsewhere' });
      await store().mergeQuestion(french.id, kept.id);
      const seq = await store().getSeq(session.id);
      const before = await store().listQuestions(session.id);

      await expect(store().mergeQuestion(kept.id, kept.id)).rejects.toBeInstanceOf(StoreConflict);
      await expect(store().mergeQuestion(elsewhere.id, kept.id)).rejects.toBeInstanceOf(StoreConflict);
      await expect(store().mergeQuestion(dutch.id, french.id)).rejects.toBeInstanceOf(StoreConflict);
      await expect(store().mergeQuestion(french.id, dutch.id)).rejects.toBeInstanceOf(StoreConflict);
      await expect(store().mergeQuestion('q_unknown', kept.id)).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().mergeQuestion(dutch.id, 'q_unknown')).rejects.toBeInstanceOf(StoreNotFound);

      expect(await store().getSeq(session.id)).toBe(seq);
      expect(await store().listQuestions(session.id)).toStrictEqual(before);
    });
  });

  describe('unmergeQuestion', () => {
    it('restores both exactly: texts, votes back to who voted for which, variants and count', async () => {
      const { session } = await seedSession(store());
      const [kept, french] = await askedThrice(store(), session.id);
      await vote(store(), kept.id, 'p:pa_a', 'p:pa_both');
      await vote(store(), french.id, 'p:pa_both', 'p:pa_c');
      const keptBefore = await store().getQuestion(kept.id);
      const frenchBefore = await store().getQuestion(french.id);
      await store().mergeQuestion(french.id, kept.id);
      const seq = await store().getSeq(session.id);

      const [restored, grouped] = await store().unmergeQuestion(kept.id, 0);

      expect(restored).toStrictEqual({ value: frenchBefore, seq: seq + 1 });
      expect(grouped).toStrictEqual({ value: keptBefore, seq: seq + 2 });
      expect(await store().listQuestions(session.id)).toStrictEqual([keptBefore, frenchBefore, expect.objectContaining({ lang: 'nl' })]);
      expect(await votesOf(store(), session.id, 'p:pa_both')).toStrictEqual([kept.id, french.id].sort());
      expect(await votesOf(store(), session.id, 'p:pa_c')).toStrictEqual([french.id]);
      expect(await votesOf(store(), session.id, 'p:pa_a')).toStrictEqual([kept.id]);
    });

    it('unmerges the variant at its index, leaving the others merged', async () => {
      const { session } = await seedSession(store());
      const [kept, french, dutch] = await askedThrice(store(), session.id);
      await vote(store(), dutch.id, 'p:pa_d');
      await store().mergeQuestion(french.id, kept.id);
      await store().mergeQuestion(dutch.id, kept.id);

      const [restored, grouped] = await store().unmergeQuestion(kept.id, 1);
      expect(restored?.value).toStrictEqual({ ...dutch, votes: 1 });
      expect(grouped?.value).toStrictEqual({ ...kept, variants: [{ text: french.text, lang: 'fr' }] });
      expect((await store().getQuestion(french.id))?.mergedInto).toBe(kept.id);
    });

    it('refuses an index with no variant (not found) and a question merged away (conflict), changing nothing', async () => {
      const { session } = await seedSession(store());
      const [kept, french] = await askedThrice(store(), session.id);
      await store().mergeQuestion(french.id, kept.id);
      const seq = await store().getSeq(session.id);
      await expect(store().unmergeQuestion(kept.id, 1)).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().unmergeQuestion(french.id, 0)).rejects.toBeInstanceOf(StoreConflict);
      await expect(store().unmergeQuestion('q_unknown', 0)).rejects.toBeInstanceOf(StoreNotFound);
      expect(await store().getSeq(session.id)).toBe(seq);
    });
  });

  describe('retries across a merge (the outbox resends with the same clientId)', () => {
    it('an ask resent after its question was merged gets that question back, nothing new, seq unchanged', async () => {
      const { session } = await seedSession(store());
      const [kept, french] = await askedThrice(store(), session.id);
      await store().mergeQuestion(french.id, kept.id);
      const seq = await store().getSeq(session.id);
      const again = await store().askQuestion({
        sessionId: session.id,
        authorKey: 'p:pa_lucas',
        text: french.text,
        lang: 'fr',
        anonymous: false,
        status: 'approved',
        clientId: 'c-fr',
        createdAt: french.createdAt,
      });
      expect(again).toMatchObject({ value: { id: french.id, mergedInto: kept.id }, seq, created: false });
      expect(await store().listQuestions(session.id)).toHaveLength(3);
    });

    it('a vote resent after the merge (given before it) counts once, and one taken back stays taken back', async () => {
      const { session } = await seedSession(store());
      const [kept, french] = await askedThrice(store(), session.id);
      await store().voteQuestion(french.id, 'p:pa_v', true);
      await store().mergeQuestion(french.id, kept.id);
      const resent = await store().voteQuestion(french.id, 'p:pa_v', true);
      expect(resent).toMatchObject({ value: { id: kept.id, votes: 1 }, changed: false });
      await store().voteQuestion(kept.id, 'p:pa_v', false);
      const resentBack = await store().voteQuestion(french.id, 'p:pa_v', false);
      expect(resentBack).toMatchObject({ value: { id: kept.id, votes: 0 }, changed: false });
    });
  });

  describe('similar', () => {
    it('askQuestion keeps the likely duplicates given; updateQuestion replaces them and null clears them', async () => {
      const { session } = await seedSession(store());
      const first = await askOne(store(), session.id, { clientId: 'c-1' });
      const second = await askOne(store(), session.id, { clientId: 'c-2', similar: [first.id] });
      expect(second.similar).toStrictEqual([first.id]);
      expect(await store().getQuestion(second.id)).toStrictEqual(second);
      const [replaced] = await store().updateQuestion(first.id, { similar: [second.id] });
      expect(replaced?.value.similar).toStrictEqual([second.id]);
      const [cleared] = await store().updateQuestion(first.id, { similar: null });
      expect(cleared?.value).not.toHaveProperty('similar');
      expect(await store().getQuestion(first.id)).toStrictEqual(first);
    });
  });
}
