import type { PollTranslations } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import { StoreNotFound } from '../store.js';
import { askOne, newPoll, seedSession, type StoreUnderTest } from './fixtures.js';

const ARABIC: PollTranslations = {
  ar: { prompt: 'هل نحتاج يومًا ثانيًا في 2027؟', options: ['نعم', 'لا', 'لا أدري'] },
};
const BOTH: PollTranslations = {
  ...ARABIC,
  en: { prompt: 'Do we need a second day in 2027?', options: ['Yes', 'No', 'Not sure'] },
};

/** Content in several languages: a poll's own language and translations, moderators' translations of questions. */
export function translationContract(store: StoreUnderTest): void {
  describe('poll languages', () => {
    it('createPoll keeps the poll’s language and translations as given', async () => {
      const { session } = await seedSession(store());
      const input = newPoll(session.id, { lang: 'fr', translations: BOTH });
      const { value } = await store().createPoll(input);
      expect(value).toStrictEqual({ id: value.id, ...input });
      expect(await store().getPoll(value.id)).toStrictEqual(value);
      expect(await store().listPolls(session.id)).toStrictEqual([value]);
    });

    it('updatePoll sets the language, replaces the translations whole, and null removes them', async () => {
      const { session } = await seedSession(store());
      const { value: poll } = await store().createPoll(newPoll(session.id, { translations: BOTH }));
      expect(poll).not.toHaveProperty('lang');

      const replaced = await store().updatePoll(poll.id, { lang: 'fr', translations: ARABIC });
      expect(replaced.value).toStrictEqual({ ...poll, lang: 'fr', translations: ARABIC });
      expect(replaced.seq).toBe(2);
      // Left out: stays, through other changes too.
      const opened = await store().updatePoll(poll.id, { state: 'open' });
      expect(opened.value.translations).toStrictEqual(ARABIC);
      expect(opened.value.lang).toBe('fr');

      const removed = await store().updatePoll(poll.id, { translations: null });
      expect(removed.value).not.toHaveProperty('translations');
      expect(removed.value.lang).toBe('fr');
      expect(await store().getPoll(poll.id)).toStrictEqual(removed.value);
    });

    it('resetPoll keeps the texts in every language', async () => {
      const { session } = await seedSession(store());
      const { value: poll } = await store().createPoll(newPoll(session.id, { state: 'open', lang: 'fr', translations: ARABIC }));
      const { value } = await store().resetPoll(poll.id);
      expect(value.lang).toBe('fr');
      expect(value.translations).toStrictEqual(ARABIC);
    });
  });

  describe('setQuestionTranslation', () => {
    it('adds a translation, bumps seq, and reads back the same everywhere', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id, { lang: 'fr', text: 'Quand commence la deuxième phase ?' });
      const { value, seq } = await store().setQuestionTranslation(question.id, 'ar', 'متى تبدأ المرحلة الثانية؟');
      expect(value).toStrictEqual({ ...question, translations: { ar: 'متى تبدأ المرحلة الثانية؟' } });
      expect(seq).toBe(2);
      expect(await store().getQuestion(question.id)).toStrictEqual(value);
      expect(await store().listQuestions(session.id)).toStrictEqual([value]);
    });

    it('replaces one language and leaves the others; removing the last leaves no translations at all', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id, { lang: 'fr', text: 'Quand ?' });
      await store().setQuestionTranslation(question.id, 'ar', 'متى؟');
      await store().setQuestionTranslation(question.id, 'en', 'When?');
      const replaced = await store().setQuestionTranslation(question.id, 'en', 'When exactly?');
      expect(replaced.value.translations).toStrictEqual({ ar: 'متى؟', en: 'When exactly?' });
      const one = await store().setQuestionTranslation(question.id, 'ar', null);
      expect(one.value.translations).toStrictEqual({ en: 'When exactly?' });
      const none = await store().setQuestionTranslation(question.id, 'en', null);
      expect(none.value).toStrictEqual(question);
      expect(none.seq).toBe(6);
      // Removing what isn't there is still a change (seq + 1), like updateQuestion with {}.
      expect((await store().setQuestionTranslation(question.id, 'de', null)).seq).toBe(7);
    });

    it('survives moderation, votes and pins', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id, { lang: 'fr', text: 'Quand ?' });
      await store().setQuestionTranslation(question.id, 'ar', 'متى؟');
      const changes = await store().updateQuestion(question.id, { pinned: true, status: 'answered', reply: 'Demain', labels: ['x'] });
      expect(changes.at(-1)?.value.translations).toStrictEqual({ ar: 'متى؟' });
      const voted = await store().voteQuestion(question.id, 'p:pa_voter', true);
      expect(voted.value.translations).toStrictEqual({ ar: 'متى؟' });
    });

    it('updateQuestion with translations: null removes them all (an author’s edit), keeping the rest of the change', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id, { lang: 'fr', text: 'Quand ?' });
      await store().setQuestionTranslation(question.id, 'ar', 'متى؟');
      await store().setQuestionTranslation(question.id, 'en', 'When?');
      const [edited] = await store().updateQuestion(question.id, { text: 'Quand exactement ?', translations: null });
      expect(edited?.value).toStrictEqual({ ...question, text: 'Quand exactement ?' });
      expect(await store().getQuestion(question.id)).toStrictEqual(edited?.value);
    });

    it('two languages set at once both land, each with its own seq', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id, { lang: 'fr', text: 'Quand ?' });
      const results = await Promise.all([
        store().setQuestionTranslation(question.id, 'ar', 'متى؟'),
        store().setQuestionTranslation(question.id, 'en', 'When?'),
        store().setQuestionTranslation(question.id, 'es', '¿Cuándo?'),
      ]);
      expect(results.map((result) => result.seq).sort()).toStrictEqual([2, 3, 4]);
      expect((await store().getQuestion(question.id))?.translations).toStrictEqual({ ar: 'متى؟', en: 'When?', es: '¿Cuándo?' });
    });

    it('fails with StoreNotFound for an unknown question', async () => {
      await seedSession(store());
      await expect(store().setQuestionTranslation('q_missing', 'ar', 'متى؟')).rejects.toBeInstanceOf(StoreNotFound);
    });
  });
}
