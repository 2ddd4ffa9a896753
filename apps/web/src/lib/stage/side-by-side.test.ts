import type { Poll } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import { makeQuestion } from '$lib/test/questions.js';

const h = (text: string) => ({ text, by: 'human' as const });
import { pollColumns, questionColumns } from './side-by-side.js';

describe('questionColumns', () => {
  const question = makeQuestion('q1', { lang: 'fr', text: 'Quand ?', translations: { ar: h('متى؟'), en: h('When?') } });

  it('puts the wall’s language first and the second language beside it', () => {
    expect(questionColumns(question, 'en', 'ar')).toEqual([
      { lang: 'en', text: 'When?' },
      { lang: 'ar', text: 'متى؟' },
    ]);
    expect(questionColumns(question, 'fr', 'ar')).toEqual([
      { lang: 'fr', text: 'Quand ?' },
      { lang: 'ar', text: 'متى؟' },
    ]);
  });

  it('shows the question as asked first when the wall’s language has no translation', () => {
    expect(questionColumns(question, 'de', 'ar')).toEqual([
      { lang: 'fr', text: 'Quand ?' },
      { lang: 'ar', text: 'متى؟' },
    ]);
  });

  it('is null (the question alone, as asked) without a second language, without a translation into it, or when both would be the same text', () => {
    expect(questionColumns(question, 'en', undefined)).toBeNull();
    expect(questionColumns(question, 'en', 'nl')).toBeNull();
    expect(questionColumns(makeQuestion('q2', { lang: 'ar', text: 'متى؟' }), 'en', 'ar')).toBeNull();
    expect(questionColumns(makeQuestion('q3', { lang: 'ar', text: 'متى؟', translations: { fr: h('Quand ?') } }), 'fr', 'ar')).toEqual([
      { lang: 'fr', text: 'Quand ?' },
      { lang: 'ar', text: 'متى؟' },
    ]);
  });
});

describe('questionColumns with machine translations (issue 20)', () => {
  it('uses a machine translation where no moderator’s exists, and marks it', () => {
    const english = makeQuestion('q4', {
      lang: 'es',
      detectedLang: 'en',
      text: 'When does it start?',
      translations: { es: { text: '¿Cuándo empieza?', by: 'machine', engine: 'apertium' }, ar: h('متى يبدأ؟') },
    });
    // Written in English on a Spanish phone: the English text is the question's own column.
    expect(questionColumns(english, 'en', 'es')).toEqual([
      { lang: 'en', text: 'When does it start?' },
      { lang: 'es', text: '¿Cuándo empieza?', machine: true },
    ]);
    expect(questionColumns(english, 'es', 'ar')).toEqual([
      { lang: 'es', text: '¿Cuándo empieza?', machine: true },
      { lang: 'ar', text: 'متى يبدأ؟' },
    ]);
  });
});

describe('pollColumns', () => {
  const poll: Poll = {
    id: 'p1',
    sessionId: 's_1',
    kind: 'single',
    prompt: 'Où ?',
    options: [
      { id: 'o1', label: 'Madrid' },
      { id: 'o2', label: 'Rabat' },
    ],
    lang: 'fr',
    translations: { ar: { prompt: 'أين؟', options: ['مدريد', 'الرباط'] } },
    state: 'open',
    settings: { results: 'live', allowChange: false, anonymous: true },
    revealed: false,
    createdAt: '2026-12-05T08:00:00.000Z',
  };

  it('gives two columns where the poll has the second language', () => {
    const [first, second] = pollColumns(poll, 'en', 'ar', ['fr', 'ar', 'en']);
    expect(first).toMatchObject({ lang: 'fr', prompt: 'Où ?' });
    expect(second).toMatchObject({ lang: 'ar', prompt: 'أين؟', labels: { o1: 'مدريد', o2: 'الرباط' } });
  });

  it('does not fall back to the second language in the first column', () => {
    expect(pollColumns(poll, 'en', 'ar', ['ar', 'fr']).map((column) => column.lang)).toEqual(['fr', 'ar']);
  });

  it('keeps one column otherwise', () => {
    expect(pollColumns(poll, 'ar', 'fr', [])).toHaveLength(2);
    expect(pollColumns(poll, 'en', 'de', ['fr'])).toHaveLength(1);
    expect(pollColumns({ ...poll, translations: {} }, 'en', 'ar', ['fr'])).toHaveLength(1);
  });
});
