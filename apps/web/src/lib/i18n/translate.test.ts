import { describe, expect, it } from 'vitest';
import { loadStaffMessages } from './catalog.js';
import { interpolate, translate } from './translate.js';

const ar = await loadStaffMessages('ar');
const de = await loadStaffMessages('de');
const en = await loadStaffMessages('en');
const es = await loadStaffMessages('es');
const fr = await loadStaffMessages('fr');
const nl = await loadStaffMessages('nl');

describe('interpolate', () => {
  it('fills named placeholders, every occurrence', () => {
    expect(interpolate('{a} and {b}, {a}', { a: 'x', b: 'y' }, 'en-GB')).toBe('x and y, x');
  });

  it('formats numbers for the locale', () => {
    expect(interpolate('{n}', { n: 1234567 }, 'en-GB')).toBe('1,234,567');
    expect(interpolate('{n}', { n: 1234567 }, 'fr-FR')).toMatch(/^1\s234\s567$/u);
  });

  it('leaves unknown placeholders visible rather than guessing', () => {
    expect(interpolate('Hello {name}', {}, 'en-GB')).toBe('Hello {name}');
  });

  it('never interprets the values (user text stays text)', () => {
    expect(interpolate('{name}', { name: '<b>{x}</b>' }, 'en-GB')).toBe('<b>{x}</b>');
  });
});

describe('translate', () => {
  it('reads nested keys', () => {
    expect(translate(en, 'qa.heading')).toBe('Questions');
    expect(translate(fr, 'agenda.heading')).toBe('Programme');
  });

  it('interpolates', () => {
    expect(translate(en, 'qa.askingAs', { name: 'Amina' })).toBe('Posting as Amina');
    expect(translate(ar, 'qa.askingAs', { name: 'أمينة' })).toBe('سيُنشر باسم أمينة');
  });

  it('picks English plural forms', () => {
    expect(translate(en, 'qa.votes', { count: 1 })).toBe('1 vote');
    expect(translate(en, 'qa.votes', { count: 0 })).toBe('0 votes');
    expect(translate(en, 'qa.votes', { count: 2 })).toBe('2 votes');
  });

  it('picks French plural forms (0 and 1 are singular)', () => {
    expect(translate(fr, 'qa.votes', { count: 0 })).toBe('0 vote');
    expect(translate(fr, 'qa.votes', { count: 1 })).toBe('1 vote');
    expect(translate(fr, 'qa.votes', { count: 2 })).toBe('2 votes');
  });

  it('uses the six Arabic plural forms for vote counts', () => {
    const votes = (count: number): string => translate(ar, 'qa.votes', { count });
    expect(votes(0)).toBe('لا أصوات'); // zero
    expect(votes(1)).toBe('صوت واحد'); // one
    expect(votes(2)).toBe('صوتان'); // two
    expect(votes(3)).toBe('3 أصوات'); // few: 3-10
    expect(votes(11)).toBe('11 صوتًا'); // many: 11-99
    expect(votes(100)).toBe('100 صوت'); // other: 100+
  });

  it('keeps the Arabic forms by the number modulo 100', () => {
    const votes = (count: number): string => translate(ar, 'qa.votes', { count });
    expect(votes(103)).toBe('103 أصوات');
    expect(votes(111)).toBe('111 صوتًا');
  });

  it('uses the six Arabic forms for every Arabic plural, e.g. new questions', () => {
    const fresh = (count: number): string => translate(ar, 'news.questions', { count });
    expect([0, 1, 2, 3, 11, 100].map(fresh)).toEqual([
      'لا أسئلة جديدة', // zero
      'سؤال جديد واحد', // one
      'سؤالان جديدان', // two
      '3 أسئلة جديدة', // few
      '11 سؤالًا جديدًا', // many
      '100 سؤال جديد', // other
    ]);
  });

  it('picks Spanish plural forms (1 singular, 0 plural, "de" before millions)', () => {
    expect(translate(es, 'qa.votes', { count: 0 })).toBe('0 votos');
    expect(translate(es, 'qa.votes', { count: 1 })).toBe('1 voto');
    expect(translate(es, 'qa.votes', { count: 2 })).toBe('2 votos');
    expect(translate(es, 'qa.votes', { count: 1_000_000 })).toBe('1.000.000 de votos');
    expect(translate(es, 'qa.count', { count: 1 })).toBe('1 pregunta');
  });

  it('picks German plural forms, with German digit grouping', () => {
    expect(translate(de, 'qa.votes', { count: 0 })).toBe('0 Stimmen');
    expect(translate(de, 'qa.votes', { count: 1 })).toBe('1 Stimme');
    expect(translate(de, 'qa.votes', { count: 2 })).toBe('2 Stimmen');
    expect(translate(de, 'qa.count', { count: 1234 })).toBe('1.234 Fragen');
    expect(translate(de, 'team.used', { count: 1 })).toBe('Einmal verwendet');
  });

  it('picks Dutch plural forms', () => {
    expect(translate(nl, 'qa.votes', { count: 0 })).toBe('0 stemmen');
    expect(translate(nl, 'qa.votes', { count: 1 })).toBe('1 stem');
    expect(translate(nl, 'qa.votes', { count: 2 })).toBe('2 stemmen');
    expect(translate(nl, 'team.days', { count: 1 })).toBe('1 dag');
    expect(translate(nl, 'team.days', { count: 3 })).toBe('3 dagen');
  });

  it('falls back to "other" when no count is given', () => {
    expect(translate(en, 'qa.votes')).toBe('{count} votes');
  });
});
