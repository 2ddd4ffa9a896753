import type { PollTranslations } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import { StoreNotFound } from '../store.js';
import { askOne, newPoll, seedSession, type StoreUnderTest } from './fixtures.js';

const ARABIC: PollTranslations = {
  ar: { prompt: 'هل نحتاج يومًا ثانيًا في 2027؟', options: ['نعم', 'لا', 'لا أدري'] },
};
const human = (text: string) => ({ text, by: 'human' as const });

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
      expect(value).toStrictEqual({ ...question, translations: { ar: { text: 'متى تبدأ المرحلة الثانية؟', by: 'human' } } });
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
      expect(replaced.value.translations).toStrictEqual({ ar: human('متى؟'), en: human('When exactly?') });
      const one = await store().setQuestionTranslation(question.id, 'ar', null);
      expect(one.value.translations).toStrictEqual({ en: human('When exactly?') });
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
      expect(changes.at(-1)?.value.translations).toStrictEqual({ ar: human('متى؟') });
      const voted = await store().voteQuestion(question.id, 'p:pa_voter', true);
      expect(voted.value.translations).toStrictEqual({ ar: human('متى؟') });
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
      expect((await store().getQuestion(question.id))?.translations).toStrictEqual({ ar: human('متى؟'), en: human('When?'), es: human('¿Cuándo?') });
    });

    it('fails with StoreNotFound for an unknown question', async () => {
      await seedSession(store());
      await expect(store().setQuestionTranslation('q_missing', 'ar', 'متى؟')).rejects.toBeInstanceOf(StoreNotFound);
    });
  });

  describe('machine translations (issue 20)', () => {
    const APERTIUM = { engine: 'apertium' };

    it('keeps the detected language from the ask and an edit', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id, { lang: 'es', text: 'When?', detectedLang: 'en' });
      expect(question.detectedLang).toBe('en');
      expect(await store().getQuestion(question.id)).toStrictEqual(question);
      const [edited] = await store().updateQuestion(question.id, { text: 'wach kayn chi 7al', detectedLang: 'und' });
      expect(edited?.value.detectedLang).toBe('und');
      expect((await store().listQuestions(session.id))[0]?.detectedLang).toBe('und');
    });

    it('stores a machine translation with by, engine and pivot, bumps seq, reads back the same', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id, { lang: 'en', text: 'When does phase two start?' });
      const set = await store().setMachineTranslation(question.id, 'es', { text: '¿Cuándo empieza la fase dos?', ...APERTIUM }, question.text);
      expect(set?.seq).toBe(2);
      expect(set?.value.translations).toStrictEqual({ es: { text: '¿Cuándo empieza la fase dos?', by: 'machine', engine: 'apertium' } });
      const pivoted = await store().setMachineTranslation(question.id, 'fr', { text: 'Quand ?', engine: 'apertium', pivot: 'es' }, question.text);
      expect(pivoted?.value.translations?.fr).toStrictEqual({ text: 'Quand ?', by: 'machine', engine: 'apertium', pivot: 'es' });
      expect(await store().getQuestion(question.id)).toStrictEqual(pivoted?.value);
      expect(await store().listQuestions(session.id)).toStrictEqual([pivoted?.value]);
    });

    it('a moderator’s correction replaces a machine translation, and a machine never replaces a moderator’s', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id, { lang: 'en', text: 'When?' });
      await store().setMachineTranslation(question.id, 'es', { text: '¿Cuándo máquina?', ...APERTIUM }, question.text);
      const corrected = await store().setQuestionTranslation(question.id, 'es', '¿Cuándo?');
      expect(corrected.value.translations?.es).toStrictEqual(human('¿Cuándo?'));
      const refused = await store().setMachineTranslation(question.id, 'es', { text: '¿Cuándo máquina?', ...APERTIUM }, question.text);
      expect(refused).toBeNull();
      const after = await store().getQuestion(question.id);
      expect(after?.translations?.es).toStrictEqual(human('¿Cuándo?'));
      // Nothing changed, so no seq was taken: the next change gets 4.
      expect((await store().setQuestionTranslation(question.id, 'de', 'Wann?')).seq).toBe(4);
      // A machine may refresh its own translation.
      const refreshed = await store().setMachineTranslation(question.id, 'fr', { text: 'Quand ?', ...APERTIUM }, question.text);
      const again = await store().setMachineTranslation(question.id, 'fr', { text: 'Quand donc ?', ...APERTIUM }, question.text);
      expect(refreshed?.value.translations?.fr?.text).toBe('Quand ?');
      expect(again?.value.translations?.fr?.text).toBe('Quand donc ?');
    });

    it('keeps a reply’s machine translations while the reply stays; a new reply drops them and refuses the old ones', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id, { lang: 'en', text: 'When?' });
      const [replied] = await store().updateQuestion(question.id, { reply: 'Answered in the chat' });
      const translations = { es: { text: 'Contestado en el chat', ...APERTIUM, by: 'machine' as const }, ar: { text: 'أجيب في الدردشة', by: 'machine' as const, engine: 'libretranslate' } };
      const set = await store().setReplyTranslations(question.id, translations, 'Answered in the chat');
      expect(set?.seq).toBe((replied?.seq ?? 0) + 1);
      expect(set?.value).toStrictEqual({ ...replied?.value, replyTranslations: translations });
      expect(await store().getQuestion(question.id)).toStrictEqual(set?.value);
      expect(await store().listQuestions(session.id)).toStrictEqual([set?.value]);
      // The question's own translations are another thing: untouched.
      expect(set?.value.translations).toBeUndefined();

      const [rewritten] = await store().updateQuestion(question.id, { reply: 'Answered on stage' });
      expect(rewritten?.value).not.toHaveProperty('replyTranslations');
      expect(await store().setReplyTranslations(question.id, translations, 'Answered in the chat')).toBeNull();
      expect(await store().getQuestion(question.id)).toStrictEqual(rewritten?.value);
      // Other changes keep them.
      await store().setReplyTranslations(question.id, { es: { text: 'Contestado en el escenario', by: 'machine' } }, 'Answered on stage');
      const [labelled] = await store().updateQuestion(question.id, { labels: ['budget'] });
      expect(labelled?.value.replyTranslations).toStrictEqual({ es: { text: 'Contestado en el escenario', by: 'machine' } });
      const [cleared] = await store().updateQuestion(question.id, { reply: null });
      expect(cleared?.value).not.toHaveProperty('replyTranslations');
      await expect(store().setReplyTranslations('q_unknown', translations, 'x')).rejects.toBeInstanceOf(StoreNotFound);
    });

    it('refuses a translation of a text the author has since rewritten', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id, { lang: 'en', text: 'When?' });
      await store().updateQuestion(question.id, { text: 'Where?', translations: null });
      expect(await store().setMachineTranslation(question.id, 'es', { text: '¿Cuándo?', ...APERTIUM }, 'When?')).toBeNull();
      expect((await store().getQuestion(question.id))?.translations).toBeUndefined();
    });

    it('an author’s edit removes machine translations too', async () => {
      const { session } = await seedSession(store());
      const question = await askOne(store(), session.id, { lang: 'en', text: 'When?' });
      await store().setMachineTranslation(question.id, 'es', { text: '¿Cuándo?', ...APERTIUM }, question.text);
      const [edited] = await store().updateQuestion(question.id, { text: 'Where?', translations: null });
      expect(edited?.value).not.toHaveProperty('translations');
      // A human translation into that language afterwards is a human one (no stale machine mark).
      const human2 = await store().setQuestionTranslation(question.id, 'es', '¿Dónde?');
      expect(human2.value.translations?.es).toStrictEqual(human('¿Dónde?'));
    });

    it('fails with StoreNotFound for an unknown question', async () => {
      await seedSession(store());
      await expect(store().setMachineTranslation('q_missing', 'es', { text: 'x', ...APERTIUM }, 'y')).rejects.toBeInstanceOf(StoreNotFound);
    });
  });
}
