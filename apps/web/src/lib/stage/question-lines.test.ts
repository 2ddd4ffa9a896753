import { describe, expect, it } from 'vitest';
import { makeQuestion } from '$lib/test/questions.js';

const h = (text: string) => ({ text, by: 'human' as const });
import { questionLines } from './question-lines.js';

describe('questionLines', () => {
  it('puts the second language under a question translated into it', () => {
    const question = makeQuestion('q1', { lang: 'en', text: 'When?', translations: { ar: h('متى؟') } });
    expect(questionLines(question, 'en', 'ar')).toEqual({ main: { lang: 'en', text: 'When?' }, under: { lang: 'ar', text: 'متى؟' } });
  });

  it('reads a question asked in the second language in the wall’s language first, the words as asked under it', () => {
    const question = makeQuestion('q2', { lang: 'ar', text: 'متى؟', translations: { en: h('When?') } });
    expect(questionLines(question, 'en', 'ar')).toEqual({ main: { lang: 'en', text: 'When?' }, under: { lang: 'ar', text: 'متى؟' } });
  });

  it('shows the wall’s language first when the question was asked in a third one', () => {
    const question = makeQuestion('q3', { lang: 'fr', text: 'Quand ?', translations: { en: h('When?'), ar: h('متى؟') } });
    expect(questionLines(question, 'en', 'ar')).toEqual({ main: { lang: 'en', text: 'When?' }, under: { lang: 'ar', text: 'متى؟' } });
    expect(questionLines(question, 'de', 'ar')).toEqual({ main: { lang: 'fr', text: 'Quand ?' }, under: { lang: 'ar', text: 'متى؟' } });
  });

  it('leaves the question as asked, alone, without a second language or a text in it', () => {
    const translated = makeQuestion('q4', { lang: 'fr', text: 'Quand ?', translations: { en: h('When?') } });
    const asked = { main: { lang: 'fr', text: 'Quand ?' }, under: null };
    expect(questionLines(translated, 'en', undefined)).toEqual(asked);
    expect(questionLines(translated, 'en', 'ar')).toEqual(asked);
    // Asked in the second language with no translation into the wall's: the same text twice helps no one.
    expect(questionLines(makeQuestion('q5', { lang: 'ar', text: 'متى؟' }), 'en', 'ar')).toEqual({ main: { lang: 'ar', text: 'متى؟' }, under: null });
  });
});
