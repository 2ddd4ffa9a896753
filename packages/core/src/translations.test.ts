import type { Poll } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import { localizePoll, pollIn, pollTranslationRefusal, questionIn, questionTranslationRefusal } from './translations.js';

const poll: Poll = {
  id: 'p1',
  sessionId: 's1',
  kind: 'single',
  prompt: 'Où organiser la prochaine rencontre ?',
  options: [
    { id: 'o1', label: 'Madrid' },
    { id: 'o2', label: 'Rabat' },
  ],
  lang: 'fr',
  translations: {
    ar: { prompt: 'أين ننظم اللقاء القادم؟', options: ['مدريد', 'الرباط'] },
    en: { prompt: 'Where should we meet next?', options: ['Madrid', 'Rabat'] },
  },
  state: 'open',
  settings: { results: 'live', allowChange: false, anonymous: true },
  revealed: false,
  createdAt: '2026-12-05T08:00:00.000Z',
};

describe('localizePoll', () => {
  it('gives the viewer their language where the poll has it', () => {
    expect(localizePoll(poll, 'ar')).toEqual({ lang: 'ar', prompt: 'أين ننظم اللقاء القادم؟', labels: { o1: 'مدريد', o2: 'الرباط' } });
  });

  it('gives the poll’s own texts to a viewer of its own language', () => {
    expect(localizePoll(poll, 'fr', ['en'])).toEqual({ lang: 'fr', prompt: poll.prompt, labels: { o1: 'Madrid', o2: 'Rabat' } });
  });

  it('goes through the fallbacks in order, then to the poll’s own texts', () => {
    expect(localizePoll(poll, 'nl', ['en', 'ar']).lang).toBe('en');
    expect(localizePoll(poll, 'nl', ['de']).lang).toBe('fr');
    expect(localizePoll(poll, 'nl').prompt).toBe(poll.prompt);
  });

  it('reads a poll without language or translations (made before them) as written', () => {
    const { lang: _lang, translations: _translations, ...old } = poll;
    expect(localizePoll(old, 'ar', ['en'])).toEqual({ lang: undefined, prompt: poll.prompt, labels: { o1: 'Madrid', o2: 'Rabat' } });
  });

  it('keeps the original label where a translation lacks one', () => {
    const short = { ...poll, translations: { ar: { prompt: 'أين؟', options: ['مدريد'] } } };
    expect(localizePoll(short, 'ar').labels).toEqual({ o1: 'مدريد', o2: 'Rabat' });
  });
});

describe('pollIn', () => {
  it('gives exactly that language or nothing', () => {
    expect(pollIn(poll, 'en')?.prompt).toBe('Where should we meet next?');
    expect(pollIn(poll, 'fr')?.prompt).toBe(poll.prompt);
    expect(pollIn(poll, 'de')).toBeUndefined();
  });
});

describe('questionIn', () => {
  const question = { lang: 'fr' as const, translations: { ar: 'متى؟', en: '' } };

  it('gives the moderator’s translation, or undefined', () => {
    expect(questionIn(question, 'ar')).toBe('متى؟');
    expect(questionIn(question, 'en')).toBeUndefined();
    expect(questionIn(question, 'de')).toBeUndefined();
    expect(questionIn({ lang: 'fr' }, 'ar')).toBeUndefined();
  });

  it('never gives the question back as its own translation', () => {
    expect(questionIn({ lang: 'ar', translations: { ar: 'متى؟' } }, 'ar')).toBeUndefined();
  });
});

describe('pollTranslationRefusal', () => {
  it('accepts translations with one label per option, or none for kinds without options', () => {
    expect(pollTranslationRefusal('fr', 2, poll.translations)).toBeNull();
    expect(pollTranslationRefusal('fr', 0, { ar: { prompt: 'كلمة؟', options: [] } })).toBeNull();
    expect(pollTranslationRefusal(undefined, 2, undefined)).toBeNull();
  });

  it('names the translation whose labels don’t match the options', () => {
    expect(pollTranslationRefusal('fr', 3, poll.translations)).toEqual({ reason: 'option_count', field: 'translations.ar.options' });
  });

  it('refuses a translation into the poll’s own language', () => {
    expect(pollTranslationRefusal('ar', 2, poll.translations)).toEqual({ reason: 'own_language', field: 'translations.ar' });
  });
});

describe('questionTranslationRefusal', () => {
  it('refuses the question\'s own language and takes any other', () => {
    expect(questionTranslationRefusal({ lang: 'en' }, 'en')).toBe('own_language');
    expect(questionTranslationRefusal({ lang: 'en' }, 'ar')).toBeNull();
  });
});
