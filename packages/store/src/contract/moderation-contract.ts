import type { QuestionRecord } from '@jisr/core/questions';
import { describe, expect, it } from 'vitest';
import { StoreConflict, StoreNotFound, type QuestionChange, type Store } from '../store.js';
import { askMany, askOne, newSession, seedSession, type StoreUnderTest } from './fixtures.js';

const ANSWERED_AT = '2026-12-05T10:02:00.000Z';
const EDITED_AT = '2026-12-05T09:43:30.000Z';

/** Asks `count` questions and fails the test unless it got them all. */
async function asked(store: Store, sessionId: string, count: number): Promise<QuestionRecord[]> {
  const questions = await askMany(store, sessionId, count);
  if (questions.length !== count) throw new Error(`asked ${count} questions, got ${questions.length}`);
  return questions;
}

/** Ids of the session's pinned questions. */
async function pinnedIds(store: Store, sessionId: string): Promise<string[]> {
  return (await store.listQuestions(sessionId)).filter((question) => question.pinned).map((question) => question.id);
}

/** Moderation: changing and deleting questions under a guard, and the single pin. */
export function moderationContract(store: StoreUnderTest): void {
  describe('updateQuestion', () => {
    it('applies only the fields given, bumps seq once and returns [{ value, seq }]', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id);
      const change = { status: 'answered', answeredAt: ANSWERED_AT, reply: 'Answered in the chat' } as const;
      const changes = await store().updateQuestion(question.id, change);
      const value = { ...question, ...change };
      expect(changes).toStrictEqual([{ value, seq: 2 }]);
      expect(await store().getQuestion(question.id)).toStrictEqual(value);
      expect(await store().listQuestions(session.id)).toStrictEqual([value]);
      expect(await store().getSeq(session.id)).toBe(2);
    });

    it('null clears answeredAt and reply: the keys are absent again, not undefined', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id);
      await store().updateQuestion(question.id, { status: 'answered', answeredAt: ANSWERED_AT, reply: 'شكرا' });
      const [restored] = await store().updateQuestion(question.id, { status: 'approved', answeredAt: null, reply: null });
      expect(restored).toStrictEqual({ value: question, seq: 3 });
      expect(restored?.value).not.toHaveProperty('answeredAt');
      expect(restored?.value).not.toHaveProperty('reply');
      expect(await store().getQuestion(question.id)).toStrictEqual(question);
    });

    it('fields left out stay as they are, reply and labels included', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id);
      await store().updateQuestion(question.id, { reply: 'Voir la session de 14h', labels: ['budget'] });
      const [changed] = await store().updateQuestion(question.id, { status: 'answered', answeredAt: ANSWERED_AT });
      const value = { ...question, reply: 'Voir la session de 14h', labels: ['budget'], status: 'answered', answeredAt: ANSWERED_AT };
      expect(changed?.value).toStrictEqual(value);
    });

    it('labels round-trip exactly, Arabic and accents included, and [] clears them', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id);
      const labels = ['budget', 'الشباب والهجرة', 'pour le panel', 'é"\\ 🇲🇦'];
      const [labelled] = await store().updateQuestion(question.id, { labels });
      expect(labelled?.value.labels).toStrictEqual(labels);
      expect((await store().getQuestion(question.id))?.labels).toStrictEqual(labels);
      expect((await store().listQuestions(session.id))[0]?.labels).toStrictEqual(labels);
      const [cleared] = await store().updateQuestion(question.id, { labels: [] });
      expect(cleared?.value).toStrictEqual(question);
    });

    it('an edit sets text and editedAt; held: true holds it and held: false leaves held absent', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id);
      const edit = { text: 'Et pour les étudiants ?', editedAt: EDITED_AT, status: 'pending', held: true } as const;
      const [edited] = await store().updateQuestion(question.id, edit);
      expect(edited).toStrictEqual({ value: { ...question, ...edit }, seq: 2 });
      const [released] = await store().updateQuestion(question.id, { held: false, status: 'approved' });
      expect(released?.value).not.toHaveProperty('held');
      expect(released?.value).toStrictEqual({ ...question, text: edit.text, editedAt: EDITED_AT });
      expect(await store().getQuestion(question.id)).toStrictEqual(released?.value);
    });

    it('keeps the vote count and the votes', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id);
      await store().voteQuestion(question.id, 'p:pa_voter', true);
      const [changed] = await store().updateQuestion(question.id, { status: 'answered', answeredAt: ANSWERED_AT });
      expect(changed?.value.votes).toBe(1);
      expect(await store().listVotes(session.id, 'p:pa_voter')).toStrictEqual([question.id]);
    });

    it('a change that alters nothing still bumps seq once', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id);
      expect(await store().updateQuestion(question.id, {})).toStrictEqual([{ value: question, seq: 2 }]);
      expect(await store().updateQuestion(question.id, { status: 'approved' })).toStrictEqual([{ value: question, seq: 3 }]);
      expect(await store().getSeq(session.id)).toBe(3);
    });

    it('applies the change when the guard holds', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id, { status: 'pending' });
      const guard = { statuses: ['pending', 'approved'], authorKey: question.authorKey } as const;
      const [changed] = await store().updateQuestion(question.id, { status: 'approved' }, guard);
      expect(changed).toStrictEqual({ value: { ...question, status: 'approved' }, seq: 2 });
    });

    it('a guard that does not hold fails with StoreConflict and changes nothing: question and seq identical', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id, { status: 'answered' });
      const change: QuestionChange = { status: 'approved', text: 'changed', labels: ['x'], reply: 'y', pinned: true };
      await expect(store().updateQuestion(question.id, change, { statuses: ['pending', 'approved'] })).rejects.toBeInstanceOf(
        StoreConflict,
      );
      await expect(
        store().updateQuestion(question.id, change, { statuses: ['answered'], authorKey: 'p:pa_someone_else' }),
      ).rejects.toBeInstanceOf(StoreConflict);
      await expect(store().updateQuestion(question.id, change, { statuses: [] })).rejects.toBeInstanceOf(StoreConflict);
      expect(await store().getQuestion(question.id)).toStrictEqual(question);
      expect(await store().getSeq(session.id)).toBe(1);
    });

    it('a failed guard on a pin leaves the current pin where it is', async () => {
      const { session } = await seedSession(store());
      const [pinned, other] = await asked(store(), session.id, 2);
      if (!pinned || !other) throw new Error('questions missing');
      await store().updateQuestion(pinned.id, { pinned: true });
      const before = await store().listQuestions(session.id);
      const seq = await store().getSeq(session.id);
      const guard = { authorKey: 'p:pa_someone_else' };
      await expect(store().updateQuestion(other.id, { pinned: true }, guard)).rejects.toBeInstanceOf(StoreConflict);
      expect(await store().listQuestions(session.id)).toStrictEqual(before);
      expect(await store().getSeq(session.id)).toBe(seq);
    });

    it('an unknown question fails with StoreNotFound, guard or not', async () => {
      const { session } = await seedSession(store());
      await expect(store().updateQuestion('q_unknown', { status: 'approved' })).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().updateQuestion('q_unknown', { pinned: true }, { statuses: ['approved'] })).rejects.toBeInstanceOf(
        StoreNotFound,
      );
      expect(await store().getSeq(session.id)).toBe(0);
    });
  });

  describe('the single pin', () => {
    it('pinning moves the pin: the old one is unpinned with its own seq, returned before the target', async () => {
      const { session } = await seedSession(store());
      const [a, b, c] = await asked(store(), session.id, 3);
      if (!a || !b || !c) throw new Error('questions missing');
      expect(await store().updateQuestion(a.id, { pinned: true })).toStrictEqual([{ value: { ...a, pinned: true }, seq: 4 }]);
      expect(await pinnedIds(store(), session.id)).toStrictEqual([a.id]);

      const moved = await store().updateQuestion(b.id, { pinned: true });
      expect(moved).toStrictEqual([
        { value: a, seq: 5 },
        { value: { ...b, pinned: true }, seq: 6 },
      ]);
      expect(await pinnedIds(store(), session.id)).toStrictEqual([b.id]);
      expect(await store().getSeq(session.id)).toBe(6);

      // Pinning the pinned one again unpins nobody.
      expect(await store().updateQuestion(b.id, { pinned: true })).toStrictEqual([{ value: { ...b, pinned: true }, seq: 7 }]);
      expect(await pinnedIds(store(), session.id)).toStrictEqual([b.id]);
      expect(await store().getQuestion(c.id)).toStrictEqual(c);
    });

    it('unpinning touches only the target', async () => {
      const { session } = await seedSession(store());
      const [a, b] = await asked(store(), session.id, 2);
      if (!a || !b) throw new Error('questions missing');
      await store().updateQuestion(a.id, { pinned: true });
      expect(await store().updateQuestion(b.id, { pinned: false })).toStrictEqual([{ value: b, seq: 4 }]);
      expect(await pinnedIds(store(), session.id)).toStrictEqual([a.id]);
      expect(await store().updateQuestion(a.id, { pinned: false })).toStrictEqual([{ value: a, seq: 5 }]);
      expect(await pinnedIds(store(), session.id)).toStrictEqual([]);
    });

    it('one pin per session: pinning in another session leaves this one pinned', async () => {
      const { event, room, session } = await seedSession(store());
      const otherSession = await store().createSession(newSession(event.id, room.id));
      const here = await askOne(store(), session.id);
      const there = await askOne(store(), otherSession.id);
      await store().updateQuestion(here.id, { pinned: true });
      const seq = await store().getSeq(session.id);
      expect(await store().updateQuestion(there.id, { pinned: true })).toStrictEqual([
        { value: { ...there, pinned: true }, seq: 2 },
      ]);
      expect(await pinnedIds(store(), session.id)).toStrictEqual([here.id]);
      expect(await pinnedIds(store(), otherSession.id)).toStrictEqual([there.id]);
      expect(await store().getSeq(session.id)).toBe(seq);
    });

    it('pin and other fields change together on the target', async () => {
      const { session } = await seedSession(store());
      const [a, b] = await asked(store(), session.id, 2);
      if (!a || !b) throw new Error('questions missing');
      await store().updateQuestion(a.id, { pinned: true });
      const changes = await store().updateQuestion(b.id, { pinned: true, status: 'approved', held: false }, { statuses: ['approved'] });
      expect(changes.map((change) => change.value.id)).toStrictEqual([a.id, b.id]);
      expect(changes.map((change) => change.seq)).toStrictEqual([4, 5]);
      expect(changes.at(-1)?.value).toStrictEqual({ ...b, pinned: true });
    });
  });

  describe('deleteQuestion', () => {
    it('removes the question and its votes, bumps seq and returns the question as it was', async () => {
      const { session } = await seedSession(store());
      const [gone, kept] = await asked(store(), session.id, 2);
      if (!gone || !kept) throw new Error('questions missing');
      await store().voteQuestion(gone.id, 'p:pa_voter', true);
      await store().voteQuestion(kept.id, 'p:pa_voter', true);
      const seq = await store().getSeq(session.id);
      const deleted = await store().deleteQuestion(gone.id);
      expect(deleted).toStrictEqual({ value: { ...gone, votes: 1 }, seq: seq + 1 });
      expect(await store().getQuestion(gone.id)).toBeNull();
      expect((await store().listQuestions(session.id)).map((question) => question.id)).toStrictEqual([kept.id]);
      expect(await store().listVotes(session.id, 'p:pa_voter')).toStrictEqual([kept.id]);
      expect(await store().getSeq(session.id)).toBe(seq + 1);
    });

    it('deletes when the guard holds', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id, { status: 'pending' });
      const guard = { statuses: ['pending', 'approved'], authorKey: question.authorKey } as const;
      expect(await store().deleteQuestion(question.id, guard)).toStrictEqual({ value: question, seq: 2 });
      expect(await store().listQuestions(session.id)).toStrictEqual([]);
    });

    it('a guard that does not hold fails with StoreConflict and deletes nothing, votes included', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id, { status: 'answered' });
      const voted = (await store().voteQuestion(question.id, 'p:pa_voter', true)).value;
      await expect(store().deleteQuestion(question.id, { authorKey: 'p:pa_someone_else' })).rejects.toBeInstanceOf(
        StoreConflict,
      );
      await expect(
        store().deleteQuestion(question.id, { statuses: ['pending', 'approved'], authorKey: question.authorKey }),
      ).rejects.toBeInstanceOf(StoreConflict);
      expect(await store().getQuestion(question.id)).toStrictEqual(voted);
      expect(await store().listVotes(session.id, 'p:pa_voter')).toStrictEqual([question.id]);
      expect(await store().getSeq(session.id)).toBe(2);
    });

    it('an unknown question fails with StoreNotFound', async () => {
      const { session } = await seedSession(store());
      await expect(store().deleteQuestion('q_unknown')).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().deleteQuestion('q_unknown', { statuses: ['approved'] })).rejects.toBeInstanceOf(StoreNotFound);
      expect(await store().getSeq(session.id)).toBe(0);
    });

    it('a deleted question can be neither changed nor deleted again', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id);
      await store().deleteQuestion(question.id);
      await expect(store().deleteQuestion(question.id)).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().updateQuestion(question.id, { pinned: true })).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().voteQuestion(question.id, 'p:pa_voter', true)).rejects.toBeInstanceOf(StoreNotFound);
      expect(await store().getSeq(session.id)).toBe(2);
    });
  });
}
