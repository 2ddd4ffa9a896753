import { describe, expect, it } from 'vitest';
import { looksLikeArabizi, resolveTextLang } from './text-language.js';

describe('looksLikeArabizi', () => {
  it('spots Darija written in Latin letters with digits', () => {
    expect(looksLikeArabizi('wach kayn chi 7al')).toBe(true);
    expect(looksLikeArabizi('salam 3likom, kifach ndir?')).toBe(true);
    expect(looksLikeArabizi('wach kayn chi 7al l had lmochkil f 9raya?')).toBe(true);
  });

  it('spots it by Darija’s everyday words when digits are few or none', () => {
    // One digit-word in a long question: the words say it (tests/fixtures/questions.json).
    expect(looksLikeArabizi('wach kayn chi moubadara l chabab li f l5arij?')).toBe(true);
    expect(looksLikeArabizi('kifach ndiro bach nchariko f had lmobadara?')).toBe(true);
    expect(looksLikeArabizi('wach kayn streaming dyal had session?')).toBe(true);
  });

  it('leaves the other languages’ questions alone, words Darija shares with them included', () => {
    expect(looksLikeArabizi('Can we dial in from home if the hall is full?')).toBe(false);
    expect(looksLikeArabizi('Ach so, und wann beginnt die zweite Phase?')).toBe(false);
    expect(looksLikeArabizi('Est-ce que la fin de la session sera filmée ?')).toBe(false);
    expect(looksLikeArabizi('¿Habrá traducción al árabe durante la sesión?')).toBe(false);
  });

  it('leaves numbers, model names in long texts and Arabic script alone', () => {
    expect(looksLikeArabizi('Will the 2026 budget cover 5G in schools?')).toBe(false);
    expect(looksLikeArabizi('How does the new A7 chip compare with the one we saw in the demo last year at the fair?')).toBe(false);
    expect(looksLikeArabizi('واش كاين شي حل؟')).toBe(false);
    expect(looksLikeArabizi('When does phase two start?')).toBe(false);
  });
});

describe('resolveTextLang', () => {
  it('takes a trusted guess in one of the six languages', () => {
    expect(resolveTextLang('Wann beginnt die zweite Phase?', { language: 'de', reliable: true }, 'fr')).toBe('de');
  });

  it('reads Arabic script as Arabic whatever the detector or the phone says (Darija too)', () => {
    expect(resolveTextLang('واش كاين شي حل لهاد المشكل؟', { language: 'fa', reliable: true }, 'fr')).toBe('ar');
  });

  it('marks Arabizi and languages Jisr does not offer as undetermined', () => {
    expect(resolveTextLang('wach kayn chi 7al', { language: 'it', reliable: true }, 'fr')).toBe('und');
    expect(resolveTextLang('Quando comincia la seconda fase?', { language: 'it', reliable: true }, 'fr')).toBe('und');
  });

  it('falls back to the phone’s language when the detector does not trust its guess', () => {
    expect(resolveTextLang('ok', { language: 'pl', reliable: false }, 'es')).toBe('es');
  });
});
