import { describe, expect, it } from 'vitest';
import { normalizeQuestionText } from './questions.js';
import { cleanTypedText, isReadable, unreadableAfterCleanUp } from './typed-text.js';

describe('cleanTypedText (issue 19.5)', () => {
  it('removes bidi overrides and isolates, which would flip a name on a leaderboard', () => {
    expect(cleanTypedText('\u202Enimda')).toBe('nimda');
    expect(cleanTypedText('a\u2066b\u2069c\u202Ad')).toBe('abcd');
  });

  it('removes zero-width and invisible fillers: a name of them is empty, a question padded with them is short again', () => {
    expect(cleanTypedText('\u200B\u200B\u2060\uFEFF')).toBe('');
    expect(cleanTypedText(`a${'\u200B'.repeat(400)}`)).toBe('a');
    expect(cleanTypedText('\u3164\u115F\uFFA0')).toBe('');
    expect(cleanTypedText('soft\u00ADhyphen')).toBe('softhyphen');
  });

  it('keeps one joiner or direction mark (Persian, Arabic, emoji need them), never a run of them', () => {
    expect(cleanTypedText('می\u200Cخواهم')).toBe('می\u200Cخواهم');
    expect(cleanTypedText('👩\u200D💻')).toBe('👩\u200D💻');
    expect(cleanTypedText(`x${'\u200C'.repeat(300)}y`)).toBe('x\u200Cy');
  });

  it('removes controls and lone surrogates, folds line ends and blank lines, trims; NFC', () => {
    expect(cleanTypedText('a\u0000b\u0007c\u001Bd\u009Be')).toBe('abcde');
    expect(cleanTypedText('title\rBEGIN:VALARM')).toBe('title\nBEGIN:VALARM');
    expect(cleanTypedText('a\r\n\r\n\r\n\r\nb')).toBe('a\n\nb');
    expect(cleanTypedText('x\uD800y\uDFFFz')).toBe('xyz');
    expect(cleanTypedText('  e\u0301  ')).toBe('é');
    expect(cleanTypedText('tab\tkept')).toBe('tab\tkept');
  });

  it('says when a text that was something is nothing readable after clean-up', () => {
    expect(unreadableAfterCleanUp('\u200B\u200B', cleanTypedText('\u200B\u200B'))).toBe(true);
    expect(unreadableAfterCleanUp('\u0301\u0301', cleanTypedText('\u0301\u0301'))).toBe(true);
    expect(unreadableAfterCleanUp('', '')).toBe(false);
    expect(unreadableAfterCleanUp('Nour', 'Nour')).toBe(false);
    expect(isReadable('؟')).toBe(true);
  });

  it('is what question text goes through', () => {
    expect(normalizeQuestionText(`a${'\u200B'.repeat(400)}`)).toBe('a');
    expect(normalizeQuestionText('\u200B'.repeat(10))).toBeNull();
  });
});
