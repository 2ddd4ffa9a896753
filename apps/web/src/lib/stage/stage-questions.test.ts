import { describe, expect, it } from 'vitest';
import { makeQuestion as q } from '$lib/test/questions.js';
import { stageQuestions, textScale } from './stage-questions.js';

describe('stageQuestions', () => {
  it('shows published questions only: pinned on top, open by votes, answered most recent first', () => {
    const stage = stageQuestions([
      q('pending', { status: 'pending', votes: 50 }),
      q('rejected', { status: 'rejected', votes: 40 }),
      q('low', { votes: 1 }),
      q('high', { votes: 7 }),
      q('pinned', { votes: 0, pinned: true }),
      q('done-early', { status: 'answered', answeredAt: '2026-12-05T09:00:00.000Z' }),
      q('done-late', { status: 'answered', answeredAt: '2026-12-05T09:10:00.000Z' }),
    ]);
    expect(stage.pinned?.id).toBe('pinned');
    expect(stage.open.map((question) => question.id)).toEqual(['high', 'low']);
    expect(stage.answered.map((question) => question.id)).toEqual(['done-late', 'done-early']);
  });

  it('has no pinned question when none is pinned, or when the pinned one is no longer published', () => {
    expect(stageQuestions([q('a')]).pinned).toBeNull();
    expect(stageQuestions([q('a', { pinned: true, status: 'pending' })]).pinned).toBeNull();
  });
});

describe('textScale', () => {
  it('sets short questions large and long ones smaller', () => {
    expect(textScale('Will the recordings be online?')).toBe('large');
    expect(textScale('x'.repeat(200))).toBe('medium');
    expect(textScale('x'.repeat(500))).toBe('small');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(textScale('🙂'.repeat(110))).toBe('large');
  });
});
