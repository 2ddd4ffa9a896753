import type { Poll } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import {
  editedPollTranslations,
  localizePoll,
  machineTargets,
  mayReplaceTranslation,
  ownLang,
  pollIn,
  pollMachineTargets,
  pollTranslationBy,
  pollTranslationRefusal,
  questionIn,
  questionTranslationRefusal,
  translationIn,
  withMachinePollTranslations,
} from './translations.js';

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
  const question = {
    lang: 'fr' as const,
    translations: { ar: { text: 'متى؟', by: 'human' as const }, en: { text: '', by: 'machine' as const } },
  };

  it('gives the translation’s text, or undefined', () => {
    expect(questionIn(question, 'ar')).toBe('متى؟');
    expect(questionIn(question, 'en')).toBeUndefined();
    expect(questionIn(question, 'de')).toBeUndefined();
    expect(questionIn({ lang: 'fr' }, 'ar')).toBeUndefined();
  });

  it('never gives the question back as its own translation', () => {
    expect(questionIn({ lang: 'ar', translations: { ar: { text: 'متى؟', by: 'human' } } }, 'ar')).toBeUndefined();
  });

  it('goes by the detected language of the text, not the phone’s', () => {
    const english = { lang: 'es' as const, detectedLang: 'en' as const, translations: { es: { text: '¿Cuándo?', by: 'machine' as const } } };
    expect(questionIn(english, 'es')).toBe('¿Cuándo?');
    expect(ownLang(english)).toBe('en');
    expect(ownLang({ lang: 'fr', detectedLang: 'und' })).toBe('fr');
    expect(translationIn(english, 'es')).toEqual({ text: '¿Cuándo?', by: 'machine' });
  });
});

describe('mayReplaceTranslation', () => {
  it('lets a moderator replace anything and a machine only what a machine made', () => {
    expect(mayReplaceTranslation(undefined, 'machine')).toBe(true);
    expect(mayReplaceTranslation({ by: 'machine' }, 'machine')).toBe(true);
    expect(mayReplaceTranslation({ by: 'machine' }, 'human')).toBe(true);
    expect(mayReplaceTranslation({ by: 'human' }, 'human')).toBe(true);
    expect(mayReplaceTranslation({ by: 'human' }, 'machine')).toBe(false);
  });
});

describe('machineTargets', () => {
  it('is every event language but the text’s own, and none for an undetermined text', () => {
    expect(machineTargets('en', ['fr', 'en', 'es'])).toEqual(['fr', 'es']);
    expect(machineTargets('und', ['fr', 'en'])).toEqual([]);
    expect(machineTargets(undefined, ['fr', 'en'])).toEqual([]);
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

describe('machine drafts of a poll (issue 20)', () => {
  const machineEs = { prompt: '¿Dónde nos vemos?', options: ['Madrid', 'Rabat'], by: 'machine' as const, engine: 'apertium' };
  const humanAr = { prompt: 'أين؟', options: ['مدريد', 'الرباط'], by: 'human' as const };

  it('a translation without `by` is a moderator’s; a machine one is labelled where it is read', () => {
    expect(pollTranslationBy({})).toBe('human');
    expect(pollIn({ ...poll, translations: { es: machineEs } }, 'es')).toEqual({ lang: 'es', prompt: '¿Dónde nos vemos?', labels: { o1: 'Madrid', o2: 'Rabat' }, machine: true });
    expect(pollIn(poll, 'ar')).not.toHaveProperty('machine');
  });

  it('an edit that sends a machine translation back unchanged keeps it the machine’s; a changed one becomes the moderator’s', () => {
    const stored = { es: machineEs, ar: humanAr };
    expect(editedPollTranslations(stored, { es: { prompt: machineEs.prompt, options: machineEs.options }, ar: humanAr }, false)).toEqual({ es: machineEs, ar: humanAr });
    expect(editedPollTranslations(stored, { es: { prompt: '¿Dónde quedamos?', options: ['Madrid', 'Rabat'] } }, false)).toEqual({
      es: { prompt: '¿Dónde quedamos?', options: ['Madrid', 'Rabat'], by: 'human' },
    });
    expect(editedPollTranslations(stored, undefined, false)).toBeUndefined();
  });

  it('a new prompt or options drop the machine’s translations of the old text and keep the moderator’s', () => {
    expect(editedPollTranslations({ es: machineEs, ar: humanAr }, undefined, true)).toEqual({ ar: humanAr });
    expect(editedPollTranslations({ es: machineEs }, { es: { prompt: machineEs.prompt, options: machineEs.options } }, true)).toEqual({});
  });

  it('the engine fills the event’s languages but the poll’s own and those a moderator wrote', () => {
    expect(pollMachineTargets({ translations: { es: machineEs, ar: humanAr } }, 'fr', ['fr', 'es', 'ar', 'en'])).toEqual(['es', 'en']);
    expect(pollMachineTargets({ translations: { ar: { prompt: 'x', options: [] } } }, 'fr', ['fr', 'ar'])).toEqual([]);
  });

  it('a machine translation never replaces a moderator’s, and one equal to the stored changes nothing', () => {
    const machineAr = { prompt: 'أين نلتقي', options: ['مدريد', 'رباط'], by: 'machine' as const, engine: 'apertium' };
    expect(withMachinePollTranslations({ ar: humanAr }, { ar: machineAr, es: machineEs })).toEqual({ ar: humanAr, es: machineEs });
    expect(withMachinePollTranslations({ ar: { prompt: 'أين؟', options: ['مدريد', 'الرباط'] } }, { ar: machineAr })).toBeNull();
    expect(withMachinePollTranslations({ es: machineEs }, { es: machineEs })).toBeNull();
  });
});
