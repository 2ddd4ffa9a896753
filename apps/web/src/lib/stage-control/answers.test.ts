import type { TextAnswer } from '@jisr/protocol/poll-answers';
import { describe, expect, it } from 'vitest';
import { applyAnswer, searchAnswers, stageableChoice } from './answers.js';

const answer = (id: string, text: string, hidden = false): TextAnswer => ({ id, text, castAt: '2026-12-05T10:00:00.000Z', hidden });

describe('the answers wall', () => {
  it('puts a new answer on top, updates one in place, and drops the one a voter replaced', () => {
    const wall = [answer('a2', 'Tunis'), answer('a1', 'Rabat')];
    expect(applyAnswer(wall, { answer: answer('a3', 'Fès') }).map((item) => item.id)).toEqual(['a3', 'a2', 'a1']);
    expect(applyAnswer(wall, { answer: answer('a1', 'Rabat', true) })).toEqual([answer('a2', 'Tunis'), answer('a1', 'Rabat', true)]);
    expect(applyAnswer(wall, { answer: answer('a3', 'Rabat, encore'), replaces: 'a1' }).map((item) => item.id)).toEqual(['a3', 'a2']);
  });

  it('searches without minding case, accents or Arabic letter forms', () => {
    const wall = [answer('a1', 'Plus de PAUSES café'), answer('a2', 'أسئلة أكثر'), answer('a3', 'Rabat')];
    expect(searchAnswers(wall, 'cafe').map((item) => item.id)).toEqual(['a1']);
    expect(searchAnswers(wall, 'اسئلة').map((item) => item.id)).toEqual(['a2']);
    expect(searchAnswers(wall, '  ')).toBe(wall);
  });

  it('keeps only chosen answers that are still up and not hidden, in the order chosen', () => {
    const wall = [answer('a3', 'c'), answer('a2', 'b', true), answer('a1', 'a')];
    expect(stageableChoice(['a1', 'a2', 'a9', 'a3'], wall)).toEqual(['a1', 'a3']);
  });
});
