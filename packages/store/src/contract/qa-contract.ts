import { describe, expect, it } from 'vitest';
import { StoreNotFound } from '../store.js';
import { askMany, ID_PATTERN, newQuestion, newSession, seedSession, type StoreUnderTest } from './fixtures.js';

/** Questions, votes and the session seq they move. */
export function qaContract(store: StoreUnderTest): void {
  describe('askQuestion', () => {
    it('stores the question as given, with 0 votes, unpinned, no labels, and bumps seq to 1', async () => {
      const { session } = await seedSession(store());
      const input = newQuestion(session.id);
      const asked = await store().askQuestion(input);
      const { sessionId, authorKey, authorName, text, lang, anonymous, status, clientId, createdAt } = input;
      const id = expect.stringMatching(ID_PATTERN);
      const stored = { id, sessionId, text, lang, status, votes: 0, pinned: false, anonymous, authorName, createdAt };
      expect(asked).toStrictEqual({
        value: { ...stored, labels: [], authorKey, clientId },
        seq: 1,
        created: true,
      });
      // answeredAt, editedAt, reply and held are absent, not undefined: toStrictEqual tells them apart.
      expect(await store().getQuestion(asked.value.id)).toStrictEqual(asked.value);
      expect(await store().listQuestions(session.id)).toStrictEqual([asked.value]);
      expect(await store().getSeq(session.id)).toBe(1);
    });

    it('stores held: true when the filter holds the question, and leaves held absent otherwise', async () => {
      const { session } = await seedSession(store());
      const held = await store().askQuestion(newQuestion(session.id, { clientId: 'c-held', status: 'pending', held: true }));
      const clean = await store().askQuestion(newQuestion(session.id, { clientId: 'c-clean', held: false }));
      expect(held.value.held).toBe(true);
      expect(clean.value).not.toHaveProperty('held');
      expect(await store().getQuestion(held.value.id)).toStrictEqual(held.value);
      expect(await store().getQuestion(clean.value.id)).toStrictEqual(clean.value);
    });

    it('leaves authorName absent when none is given', async () => {
      const { session } = await seedSession(store());
      const { authorName: _omitted, ...input } = newQuestion(session.id, { anonymous: true });
      const { value } = await store().askQuestion(input);
      expect(value).not.toHaveProperty('authorName');
      expect(await store().getQuestion(value.id)).toStrictEqual(value);
    });

    it('keeps text exactly, hostile strings included', async () => {
      const { session } = await seedSession(store());
      const texts = [
        "' OR '1'='1",
        '<script>window.__pwned=1</script>',
        'كَيْفَ يُمْكِنُ لِلْكَفَاءَاتِ المُقِيمَةِ بِالخَارِجِ المُسَاهَمَةُ فِي التَّنْمِيَةِ؟',
        'Zalgo t̷̢̧͔̗̾͌e̸͎͛x̵̢̛t̶͔͐ 🇲🇦\nsecond line',
      ];
      for (const [index, text] of texts.entries()) {
        await store().askQuestion(newQuestion(session.id, { text, clientId: `hostile-${index}` }));
      }
      expect((await store().listQuestions(session.id)).map((question) => question.text)).toStrictEqual(texts);
    });

    it('a retry (same author, same clientId) returns the stored question, created false, seq unchanged', async () => {
      const { session } = await seedSession(store());
      const first = await store().askQuestion(newQuestion(session.id));
      const retry = await store().askQuestion(newQuestion(session.id, { text: 'edited on the client meanwhile' }));
      expect(retry).toStrictEqual({ value: first.value, seq: 1, created: false });
      expect(await store().listQuestions(session.id)).toHaveLength(1);
      expect(await store().getSeq(session.id)).toBe(1);
    });

    it('a retry comes back as the question is now, with the current seq', async () => {
      const { session } = await seedSession(store());
      const first = await store().askQuestion(newQuestion(session.id));
      await store().voteQuestion(first.value.id, 'p:pa_voter', true);
      const retry = await store().askQuestion(newQuestion(session.id));
      expect(retry).toStrictEqual({ value: { ...first.value, votes: 1 }, seq: 2, created: false });
    });

    it('the same clientId from another author, or in another session, is another question', async () => {
      const { event, room, session } = await seedSession(store());
      const otherSession = await store().createSession(newSession(event.id, room.id));
      const mine = await store().askQuestion(newQuestion(session.id));
      const theirs = await store().askQuestion(newQuestion(session.id, { authorKey: 'p:pa_other' }));
      const elsewhere = await store().askQuestion(newQuestion(otherSession.id));
      expect([mine.created, theirs.created, elsewhere.created]).toStrictEqual([true, true, true]);
      expect(new Set([mine.value.id, theirs.value.id, elsewhere.value.id]).size).toBe(3);
      expect(await store().listQuestions(session.id)).toStrictEqual([mine.value, theirs.value]);
      expect(await store().getSeq(session.id)).toBe(2);
      expect(await store().getSeq(otherSession.id)).toBe(1);
    });

    it('listQuestions returns a session\'s questions in asking order, whatever their createdAt', async () => {
      const { event, room, session } = await seedSession(store());
      const otherSession = await store().createSession(newSession(event.id, room.id));
      const times = ['2026-12-05T09:50:00.000Z', '2026-12-05T09:40:00.000Z', '2026-12-05T09:45:00.000Z'];
      const asked = [];
      for (const [index, createdAt] of times.entries()) {
        asked.push((await store().askQuestion(newQuestion(session.id, { clientId: `c-${index}`, createdAt }))).value);
      }
      await store().askQuestion(newQuestion(otherSession.id));
      expect(await store().listQuestions(session.id)).toStrictEqual(asked);
    });

    it('asking in an unknown session fails with StoreNotFound', async () => {
      await expect(store().askQuestion(newQuestion('se_unknown'))).rejects.toBeInstanceOf(StoreNotFound);
      expect(await store().listQuestions('se_unknown')).toStrictEqual([]);
    });

    it('getQuestion returns null for an unknown id', async () => {
      expect(await store().getQuestion('q_unknown')).toBeNull();
    });
  });

  describe('voteQuestion', () => {
    it('an upvote counts once, bumps seq and returns the updated question', async () => {
      const { session } = await seedSession(store());
      const [question] = await askMany(store(), session.id, 1);
      if (!question) throw new Error('no question asked');
      const voted = await store().voteQuestion(question.id, 'p:pa_voter', true);
      expect(voted).toStrictEqual({ value: { ...question, votes: 1 }, seq: 2, changed: true });
      expect(await store().getQuestion(question.id)).toStrictEqual(voted.value);
    });

    it('a second upvote by the same voter changes nothing: changed false, same count, same seq', async () => {
      const { session } = await seedSession(store());
      const [question] = await askMany(store(), session.id, 1);
      if (!question) throw new Error('no question asked');
      await store().voteQuestion(question.id, 'p:pa_voter', true);
      const again = await store().voteQuestion(question.id, 'p:pa_voter', true);
      expect(again).toStrictEqual({ value: { ...question, votes: 1 }, seq: 2, changed: false });
      expect(await store().getSeq(session.id)).toBe(2);
    });

    it('taking a vote back counts down once; taking back a vote never given changes nothing', async () => {
      const { session } = await seedSession(store());
      const [question] = await askMany(store(), session.id, 1);
      if (!question) throw new Error('no question asked');
      const never = await store().voteQuestion(question.id, 'p:pa_voter', false);
      expect(never).toStrictEqual({ value: question, seq: 1, changed: false });
      await store().voteQuestion(question.id, 'p:pa_voter', true);
      await store().voteQuestion(question.id, 'p:pa_other', true);
      const back = await store().voteQuestion(question.id, 'p:pa_voter', false);
      expect(back).toStrictEqual({ value: { ...question, votes: 1 }, seq: 4, changed: true });
      const twice = await store().voteQuestion(question.id, 'p:pa_voter', false);
      expect(twice).toStrictEqual({ value: { ...question, votes: 1 }, seq: 4, changed: false });
      const again = await store().voteQuestion(question.id, 'p:pa_voter', true);
      expect(again).toStrictEqual({ value: { ...question, votes: 2 }, seq: 5, changed: true });
    });

    it('voting for an unknown question fails with StoreNotFound, either way', async () => {
      const { session } = await seedSession(store());
      await expect(store().voteQuestion('q_unknown', 'p:pa_voter', true)).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().voteQuestion('q_unknown', 'p:pa_voter', false)).rejects.toBeInstanceOf(StoreNotFound);
      expect(await store().getSeq(session.id)).toBe(0);
    });
  });

  describe('listVotes', () => {
    it('lists the questions this voter voted for in this session, and only those', async () => {
      const { event, room, session } = await seedSession(store());
      const otherSession = await store().createSession(newSession(event.id, room.id));
      const [a, b, c] = await askMany(store(), session.id, 3);
      const [elsewhere] = await askMany(store(), otherSession.id, 1);
      if (!a || !b || !c || !elsewhere) throw new Error('questions missing');
      for (const id of [a.id, b.id, c.id, elsewhere.id]) await store().voteQuestion(id, 'p:pa_voter', true);
      await store().voteQuestion(b.id, 'p:pa_voter', false);
      await store().voteQuestion(c.id, 'p:pa_other', true);
      expect((await store().listVotes(session.id, 'p:pa_voter')).sort()).toStrictEqual([a.id, c.id].sort());
      expect(await store().listVotes(session.id, 'p:pa_other')).toStrictEqual([c.id]);
      expect(await store().listVotes(otherSession.id, 'p:pa_voter')).toStrictEqual([elsewhere.id]);
      expect(await store().listVotes(session.id, 'p:pa_nobody')).toStrictEqual([]);
    });
  });

  describe('seq', () => {
    it('grows by exactly one per change and not at all for a no-op, per session', async () => {
      const { event, room, session } = await seedSession(store());
      const quiet = await store().createSession(newSession(event.id, room.id));
      const seqs: number[] = [];
      const a = await store().askQuestion(newQuestion(session.id, { clientId: 'client-a' }));
      seqs.push(a.seq);
      seqs.push((await store().askQuestion(newQuestion(session.id, { clientId: 'client-b' }))).seq);
      seqs.push((await store().voteQuestion(a.value.id, 'p:pa_1', true)).seq);
      seqs.push((await store().voteQuestion(a.value.id, 'p:pa_1', true)).seq);
      seqs.push((await store().voteQuestion(a.value.id, 'p:pa_1', false)).seq);
      seqs.push((await store().askQuestion(newQuestion(session.id, { clientId: 'client-a' }))).seq);
      seqs.push((await store().voteQuestion(a.value.id, 'p:pa_2', false)).seq);
      expect(seqs).toStrictEqual([1, 2, 3, 3, 4, 4, 4]);
      expect(await store().getSeq(session.id)).toBe(4);
      expect(await store().getSeq(quiet.id)).toBe(0);
    });
  });
}
