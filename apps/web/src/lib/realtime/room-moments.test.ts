import type { ShownStage } from '@jisr/core/stage';
import type { Poll } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import { makeQuestion } from '$lib/test/questions.js';
import { mergeMoments, momentMarks, momentSelector, newMoments, stillHolds, type MomentView } from './room-moments.js';

function poll(id: string, state: Poll['state']): Poll {
  return {
    id,
    sessionId: 's_1',
    kind: 'single',
    prompt: 'Which?',
    options: [{ id: 'a', label: 'A' }],
    state,
    settings: { results: 'live', allowChange: false, anonymous: true },
    revealed: false,
    createdAt: '2026-12-05T08:00:00.000Z',
  };
}

function view(overrides: Partial<MomentView> = {}): MomentView {
  return {
    polls: [],
    questions: [makeQuestion('q_mine'), makeQuestion('q_other')],
    myQuestionIds: new Set(['q_mine']),
    votedPollIds: new Set(),
    shownStage: { kind: 'questions' },
    ...overrides,
  };
}

const onScreen = (id: string): ShownStage => ({ kind: 'question', question: makeQuestion(id) });

describe('newMoments', () => {
  it('says nothing for the first view: that is the page, not news', () => {
    expect(newMoments(null, view({ polls: [poll('p_1', 'open')] }))).toEqual([]);
  });

  it('finds a poll opening, unless this attendee already answered it', () => {
    const before = momentMarks(view({ polls: [poll('p_1', 'draft')] }));
    expect(newMoments(before, view({ polls: [poll('p_1', 'open')] }))).toEqual([{ kind: 'poll-open', pollId: 'p_1' }]);
    expect(newMoments(before, view({ polls: [poll('p_1', 'open')], votedPollIds: new Set(['p_1']) }))).toEqual([]);
    // Still open at the next change: no second pill.
    const open = view({ polls: [poll('p_1', 'open')] });
    expect(newMoments(momentMarks(open), open)).toEqual([]);
  });

  it('finds the attendee’s own question answered, not someone else’s', () => {
    const before = momentMarks(view());
    const answered = view({ questions: [makeQuestion('q_mine', { status: 'answered' }), makeQuestion('q_other', { status: 'answered' })] });
    expect(newMoments(before, answered)).toEqual([{ kind: 'answered', questionId: 'q_mine' }]);
  });

  it('finds the attendee’s own question put on the room screen, once', () => {
    const before = momentMarks(view());
    expect(newMoments(before, view({ shownStage: onScreen('q_mine') }))).toEqual([{ kind: 'on-screen', questionId: 'q_mine' }]);
    expect(newMoments(before, view({ shownStage: onScreen('q_other') }))).toEqual([]);
    const shown = view({ shownStage: onScreen('q_mine') });
    expect(newMoments(momentMarks(shown), shown)).toEqual([]);
  });
});

describe('stillHolds and mergeMoments', () => {
  it('drops a poll pill once the poll closes or the attendee voted', () => {
    const moment = { kind: 'poll-open', pollId: 'p_1' } as const;
    expect(stillHolds(moment, view({ polls: [poll('p_1', 'open')] }))).toBe(true);
    expect(stillHolds(moment, view({ polls: [poll('p_1', 'closed')] }))).toBe(false);
    expect(stillHolds(moment, view({ polls: [poll('p_1', 'open')], votedPollIds: new Set(['p_1']) }))).toBe(false);
  });

  it('drops an on-screen pill once the screen moves on', () => {
    const moment = { kind: 'on-screen', questionId: 'q_mine' } as const;
    expect(stillHolds(moment, view({ shownStage: onScreen('q_mine') }))).toBe(true);
    expect(stillHolds(moment, view())).toBe(false);
  });

  it('keeps one pill per kind, the newest first', () => {
    const now = view({ polls: [poll('p_2', 'open')], questions: [makeQuestion('q_mine', { status: 'answered' })] });
    const shown = [
      { kind: 'poll-open', pollId: 'p_1' },
      { kind: 'answered', questionId: 'q_mine' },
    ] as const;
    expect(mergeMoments(shown, [{ kind: 'poll-open', pollId: 'p_2' }], now)).toEqual([
      { kind: 'poll-open', pollId: 'p_2' },
      { kind: 'answered', questionId: 'q_mine' },
    ]);
  });

  it('points at the poll card or the question', () => {
    expect(momentSelector({ kind: 'poll-open', pollId: 'p_1' })).toBe('[data-testid="poll-card"][data-poll-id="p_1"]');
    expect(momentSelector({ kind: 'answered', questionId: 'q_1' })).toBe('[data-testid="question"][data-question-id="q_1"]');
  });
});
