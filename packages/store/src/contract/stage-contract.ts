import type { Stage } from '@jisr/protocol/stage';
import { describe, expect, it } from 'vitest';
import { StoreConflict, StoreNotFound, type NewPoll } from '../store.js';
import { newBallot, openPoll, seedSession, type StoreUnderTest } from './fixtures.js';

const AUTO = { stage: { kind: 'auto' } };
const TEXT_POLL: Partial<NewPoll> = { kind: 'text', options: [], settings: { results: 'live', allowChange: true, anonymous: true } };

/** The stage of a session (DESIGN 4b) and the moderators' open-text answers wall. */
export function stageContract(store: StoreUnderTest): void {
  describe('getStage and setStage', () => {
    it('a session never directed, and an unknown one, are on auto', async () => {
      const { session } = await seedSession(store());
      expect(await store().getStage(session.id)).toStrictEqual(AUTO);
      expect(await store().getStage('se_missing')).toStrictEqual(AUTO);
    });

    it('stores the stage, bumps seq once and returns { value, seq }; a reload reads the same', async () => {
      const { session } = await seedSession(store());
      const stage: Stage = { kind: 'poll', pollId: 'po_1', show: 'results' };
      expect(await store().setStage(session.id, { stage })).toStrictEqual({ value: { stage }, seq: 1 });
      expect(await store().getStage(session.id)).toStrictEqual({ stage });
      expect(await store().getSeq(session.id)).toBe(1);
      const blank = await store().setStage(session.id, { stage: { kind: 'blank' } });
      expect(blank).toStrictEqual({ value: { stage: { kind: 'blank' } }, seq: 2 });
      expect(await store().getStage(session.id)).toStrictEqual({ stage: { kind: 'blank' } });
    });

    it('keeps the texts of an answers stage, and drops them with the next stage', async () => {
      const { session } = await seedSession(store());
      const stage: Stage = { kind: 'answers', pollId: 'po_1', answerIds: ['a2', 'a1'] };
      const answers = [
        { id: 'a2', text: 'نريد جلسة عن ريادة الأعمال' },
        { id: 'a1', text: 'Des sous-titres "en direct" ? <b>oui</b>' },
      ];
      expect((await store().setStage(session.id, { stage, answers })).value).toStrictEqual({ stage, answers });
      expect(await store().getStage(session.id)).toStrictEqual({ stage, answers });
      // Answers given with another kind of stage are not kept.
      await store().setStage(session.id, { stage: { kind: 'questions' }, answers });
      expect(await store().getStage(session.id)).toStrictEqual({ stage: { kind: 'questions' } });
    });

    it('with `expected`: applies while the stage is still that one (keys in any order), else StoreConflict and nothing changes', async () => {
      const { session } = await seedSession(store());
      // Never directed: auto is what is expected.
      await store().setStage(session.id, { stage: { kind: 'question', questionId: 'q_1' } }, { kind: 'auto' });
      const onStage = { questionId: 'q_1', kind: 'question' } as unknown as Stage;
      const moved = await store().setStage(session.id, { stage: { kind: 'questions' } }, onStage);
      expect(moved).toStrictEqual({ value: { stage: { kind: 'questions' } }, seq: 2 });
      await expect(store().setStage(session.id, { stage: { kind: 'auto' } }, { kind: 'question', questionId: 'q_1' })).rejects.toBeInstanceOf(
        StoreConflict,
      );
      expect(await store().getStage(session.id)).toStrictEqual({ stage: { kind: 'questions' } });
      expect(await store().getSeq(session.id)).toBe(2);
    });

    it('StoreNotFound for an unknown session', async () => {
      await expect(store().setStage('se_missing', { stage: { kind: 'join' } })).rejects.toBeInstanceOf(StoreNotFound);
    });
  });

  describe('open-text answers: ids and the hidden flag', () => {
    it('castBallot gives each text answer an id; a changed answer gets a new one that says what it replaces', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, TEXT_POLL);
      const first = await store().castBallot(newBallot(poll, 'p:pa_1', { text: 'Rabat' }));
      expect(first.answer).toStrictEqual({ id: 'a1', hidden: false });
      const second = await store().castBallot(newBallot(poll, 'p:pa_2', { text: 'Tunis' }));
      expect(second.answer).toStrictEqual({ id: 'a2', hidden: false });
      const changed = await store().castBallot(newBallot(poll, 'p:pa_1', { text: 'Fès' }, { clientId: 'client-changed' }));
      expect(changed).toStrictEqual({ outcome: 'changed', ballot: { text: 'Fès' }, answer: { id: 'a3', hidden: false, replaces: 'a1' } });
      // A repeat stores nothing: no answer.
      expect((await store().castBallot(newBallot(poll, 'p:pa_2', { text: 'Tunis' }))).answer).toBeUndefined();
      expect((await store().listTextAnswers(poll.id)).map((answer) => answer.id)).toStrictEqual(['a2', 'a3']);
    });

    it('ballots without a text carry no answer', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id);
      expect((await store().castBallot(newBallot(poll, 'p:pa_1', { optionId: 'opt_oui' }))).answer).toBeUndefined();
    });

    it('setTextAnswerHidden hides and shows again, without a seq; the voter\'s next answer stays hidden', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, TEXT_POLL);
      await store().castBallot(newBallot(poll, 'p:pa_1', { text: 'Rabat' }, { castAt: '2026-12-05T10:00:01.000Z' }));
      await store().castBallot(newBallot(poll, 'p:pa_2', { text: 'Tunis' }, { castAt: '2026-12-05T10:00:02.000Z' }));
      const seq = await store().getSeq(session.id);
      const hidden = await store().setTextAnswerHidden(poll.id, 'a2', true);
      expect(hidden).toStrictEqual({ id: 'a2', text: 'Tunis', castAt: '2026-12-05T10:00:02.000Z', hidden: true });
      expect(await store().getSeq(session.id)).toBe(seq);
      expect((await store().listTextAnswers(poll.id)).map((answer) => answer.hidden)).toStrictEqual([false, true]);
      const again = await store().castBallot(newBallot(poll, 'p:pa_2', { text: 'Tunis, encore' }, { clientId: 'client-again' }));
      expect(again.answer).toStrictEqual({ id: 'a3', hidden: true, replaces: 'a2' });
      expect(await store().setTextAnswerHidden(poll.id, 'a3', false)).toMatchObject({ id: 'a3', text: 'Tunis, encore', hidden: false });
      expect((await store().listTextAnswers(poll.id)).map((answer) => answer.hidden)).toStrictEqual([false, false]);
    });

    it('StoreNotFound for an unknown poll, an id that is no current answer, or a ballot without a text', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, TEXT_POLL);
      const choice = await openPoll(store(), session.id);
      await store().castBallot(newBallot(poll, 'p:pa_1', { text: 'Rabat' }));
      await store().castBallot(newBallot(poll, 'p:pa_1', { text: 'Fès' }, { clientId: 'client-changed' }));
      await store().castBallot(newBallot(choice, 'p:pa_1', { optionId: 'opt_oui' }));
      await expect(store().setTextAnswerHidden('po_missing', 'a1', true)).rejects.toBeInstanceOf(StoreNotFound);
      // a1 was replaced by a2.
      await expect(store().setTextAnswerHidden(poll.id, 'a1', true)).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().setTextAnswerHidden(poll.id, 'a9', true)).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().setTextAnswerHidden(poll.id, 'nonsense', true)).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().setTextAnswerHidden(choice.id, 'a1', true)).rejects.toBeInstanceOf(StoreNotFound);
      expect((await store().listTextAnswers(poll.id)).map((answer) => answer.hidden)).toStrictEqual([false]);
    });

    it('resetting a poll forgets its hidden answers', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, TEXT_POLL);
      await store().castBallot(newBallot(poll, 'p:pa_1', { text: 'Rabat' }));
      await store().setTextAnswerHidden(poll.id, 'a1', true);
      await store().resetPoll(poll.id);
      await store().updatePoll(poll.id, { state: 'open' });
      const again = await store().castBallot(newBallot(poll, 'p:pa_1', { text: 'Rabat' }, { clientId: 'client-after-reset' }));
      expect(again.answer).toStrictEqual({ id: 'a1', hidden: false });
    });
  });

  describe('wipes', () => {
    const staged = async () => {
      const { event, session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, TEXT_POLL);
      await store().castBallot(newBallot(poll, 'p:pa_1', { text: 'Rabat' }));
      await store().setTextAnswerHidden(poll.id, 'a1', true);
      await store().setStage(session.id, { stage: { kind: 'answers', pollId: poll.id, answerIds: ['a1'] }, answers: [{ id: 'a1', text: 'Rabat' }] });
      return { event, session, poll };
    };

    it('a rehearsal reset puts the stage back to auto and forgets hidden answers', async () => {
      const { event, session, poll } = await staged();
      await store().resetLiveData(event.id, session.id);
      expect(await store().getStage(session.id)).toStrictEqual(AUTO);
      await store().updatePoll(poll.id, { state: 'open' });
      expect((await store().castBallot(newBallot(poll, 'p:pa_1', { text: 'Fès' }, { clientId: 'client-after-reset' }))).answer).toStrictEqual({ id: 'a1', hidden: false });
    });

    it('the retention purge leaves no answer text on stage', async () => {
      const { event, session } = await staged();
      await store().purgeAttendeeData(event.id, '2027-01-05T00:00:00.000Z');
      expect(await store().getStage(session.id)).toStrictEqual(AUTO);
    });
  });
}
