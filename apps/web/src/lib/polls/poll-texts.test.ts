import type { Poll } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import { isMachineDraft, translationDrafts, translationsToSend, withTexts } from './poll-texts.js';

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
  state: 'draft',
  settings: { results: 'live', allowChange: false, anonymous: true },
  revealed: false,
  createdAt: '2026-12-05T08:00:00.000Z',
};

describe('withTexts', () => {
  it('replaces the prompt and the labels, keeping ids and everything else', () => {
    const shown = withTexts(poll, { lang: 'ar', prompt: 'أين؟', labels: { o1: 'مدريد' } });
    expect(shown.prompt).toBe('أين؟');
    expect(shown.options).toEqual([
      { id: 'o1', label: 'مدريد' },
      { id: 'o2', label: 'Rabat' },
    ]);
    expect(shown.settings).toBe(poll.settings);
  });
});

describe('translation fields of the poll form', () => {
  it('start from the draft’s translations, blank for the other languages', () => {
    const drafts = translationDrafts(poll);
    expect(drafts.ar).toEqual({ prompt: 'أين؟', options: ['مدريد', 'الرباط'] });
    expect(drafts.en).toEqual({ prompt: '', options: [] });
    expect(Object.keys(translationDrafts())).toEqual(['ar', 'fr', 'en', 'es', 'de', 'nl']);
  });

  it('send the languages whose question is filled in, with the labels of the rows kept', () => {
    const drafts = { ar: { prompt: ' أين؟ ', options: ['مدريد', '', 'الرباط '] }, en: { prompt: '  ', options: ['Madrid'] } };
    expect(translationsToSend(drafts, ['ar', 'en'], [0, 2])).toEqual({ ok: true, translations: { ar: { prompt: 'أين؟', options: ['مدريد', 'الرباط'] } } });
  });

  it('say which language lacks a label', () => {
    const drafts = { ar: { prompt: 'أين؟', options: ['مدريد'] } };
    expect(translationsToSend(drafts, ['ar'], [0, 1])).toEqual({ ok: false, incomplete: 'ar' });
  });
});

describe('isMachineDraft', () => {
  const machine = { prompt: '¿Qué ciudad?', options: ['Madrid', 'París'], by: 'machine' as const, engine: 'apertium' };

  it('marks a translation field that holds the engine’s draft, and no longer once a word changed', () => {
    expect(isMachineDraft({ prompt: '¿Qué ciudad?', options: ['Madrid', 'París'] }, machine)).toBe(true);
    expect(isMachineDraft({ prompt: '¿Qué ciudad?', options: ['Madrid', 'Paris'] }, machine)).toBe(false);
    expect(isMachineDraft({ prompt: '¿Qué ciudad?', options: ['Madrid', 'París'] }, { ...machine, by: 'human' })).toBe(false);
    // Stored before `by` existed: a moderator's.
    expect(isMachineDraft({ prompt: '¿Qué ciudad?', options: ['Madrid', 'París'] }, { prompt: '¿Qué ciudad?', options: ['Madrid', 'París'] })).toBe(false);
  });
});
