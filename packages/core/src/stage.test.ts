import type { Poll } from '@jisr/protocol/poll';
import type { Question } from '@jisr/protocol/question';
import type { Stage } from '@jisr/protocol/stage';
import { describe, expect, it } from 'vitest';
import { resolveStage, stageAfter, stageRefusal, stageShowsPoll } from './stage.js';

function poll(id: string, state: Poll['state']): Poll {
  return {
    id,
    sessionId: 's_1',
    kind: 'single',
    prompt: 'Where next?',
    options: [{ id: 'o_1', label: 'Rabat' }],
    state,
    settings: { results: 'live', allowChange: true, anonymous: false },
    revealed: false,
    createdAt: '2026-12-05T09:30:00.000Z',
  };
}

function question(id: string, overrides: Partial<Question> = {}): Question {
  return {
    id,
    sessionId: 's_1',
    text: 'Why?',
    lang: 'en',
    status: 'approved',
    votes: 0,
    pinned: false,
    anonymous: true,
    createdAt: '2026-12-05T09:31:00.000Z',
    labels: [],
    ...overrides,
  };
}

describe('resolveStage: auto', () => {
  it('shows the open poll first, voting', () => {
    const shown = resolveStage({ kind: 'auto' }, [poll('p_1', 'closed'), poll('p_2', 'open')], [question('q_1', { pinned: true })]);
    expect(shown).toMatchObject({ kind: 'poll', poll: { id: 'p_2' }, show: 'voting' });
  });

  it('never lets a closed poll hold the stage by itself: the pinned question shows', () => {
    const shown = resolveStage(undefined, [poll('p_1', 'closed')], [question('q_1', { pinned: true })]);
    expect(shown).toMatchObject({ kind: 'question', question: { id: 'q_1' } });
  });

  it('falls back to the top questions', () => {
    expect(resolveStage(undefined, [poll('p_1', 'closed')], [question('q_1')])).toEqual({ kind: 'questions' });
  });

  it('ignores a pinned question that is not published', () => {
    expect(resolveStage(undefined, [], [question('q_1', { pinned: true, status: 'pending' })])).toEqual({ kind: 'questions' });
  });
});

describe('resolveStage: explicit stages', () => {
  it('keeps a closed poll on stage when the moderator chose its results', () => {
    const shown = resolveStage({ kind: 'poll', pollId: 'p_1', show: 'results' }, [poll('p_1', 'closed')], []);
    expect(shown).toMatchObject({ kind: 'poll', poll: { id: 'p_1' }, show: 'results' });
  });

  it('shows a chosen question over an open poll', () => {
    const shown = resolveStage({ kind: 'question', questionId: 'q_1' }, [poll('p_1', 'open')], [question('q_1')]);
    expect(shown).toMatchObject({ kind: 'question', question: { id: 'q_1' } });
  });

  it('falls back to auto when the poll or question named is gone or a draft', () => {
    expect(resolveStage({ kind: 'poll', pollId: 'gone', show: 'voting' }, [], [])).toEqual({ kind: 'questions' });
    expect(resolveStage({ kind: 'poll', pollId: 'p_1', show: 'voting' }, [poll('p_1', 'draft')], [])).toEqual({ kind: 'questions' });
    expect(resolveStage({ kind: 'question', questionId: 'q_1' }, [], [question('q_1', { status: 'rejected' })])).toEqual({ kind: 'questions' });
  });

  it('passes questions, join and blank through', () => {
    for (const kind of ['questions', 'join', 'blank'] as const) expect(resolveStage({ kind }, [poll('p_1', 'open')], [])).toEqual({ kind });
  });
});

describe('stageAfter: the last moderator action wins', () => {
  const onQuestion = { kind: 'question', questionId: 'q_1' } as const;

  it('open a poll, close it, pin a question: the question shows', () => {
    let stage = stageAfter({ kind: 'auto' }, { kind: 'poll_opened', pollId: 'p_1' }) ?? { kind: 'auto' };
    expect(stage).toEqual({ kind: 'poll', pollId: 'p_1', show: 'voting' });
    stage = stageAfter(stage, { kind: 'poll_closed', pollId: 'p_1' }) ?? stage;
    expect(stage).toEqual({ kind: 'poll', pollId: 'p_1', show: 'results' });
    stage = stageAfter(stage, { kind: 'question_pinned', questionId: 'q_1' }) ?? stage;
    expect(stage).toEqual(onQuestion);
  });

  it('unpinning the question on stage returns to the questions; another unpin changes nothing', () => {
    expect(stageAfter(onQuestion, { kind: 'question_unpinned', questionId: 'q_1' })).toEqual({ kind: 'questions' });
    expect(stageAfter(onQuestion, { kind: 'question_unpinned', questionId: 'q_2' })).toBeNull();
  });

  it('removing what the stage shows returns to auto; removing something else changes nothing', () => {
    const onPoll = { kind: 'poll', pollId: 'p_1', show: 'results' } as const;
    expect(stageAfter(onPoll, { kind: 'poll_removed', pollId: 'p_1' })).toEqual({ kind: 'auto' });
    expect(stageAfter(onPoll, { kind: 'poll_removed', pollId: 'p_2' })).toBeNull();
    expect(stageAfter(onQuestion, { kind: 'question_removed', questionId: 'q_1' })).toEqual({ kind: 'auto' });
  });

  it('stageShowsPoll names the poll of a poll or answers stage only', () => {
    expect(stageShowsPoll({ kind: 'answers', pollId: 'p_1', answerIds: ['a_1'] }, 'p_1')).toBe(true);
    expect(stageShowsPoll({ kind: 'questions' }, 'p_1')).toBe(false);
    expect(stageShowsPoll(undefined, 'p_1')).toBe(false);
  });
});

describe('stageRefusal', () => {
  const textPoll: Poll = { ...poll('p_t', 'open'), kind: 'text', options: [] };
  const answers = [
    { id: 'a1', text: 'Rabat', castAt: '2026-12-05T09:32:00.000Z', hidden: false },
    { id: 'a2', text: 'hidden one', castAt: '2026-12-05T09:33:00.000Z', hidden: true },
  ];

  it('lets published questions, non-draft polls and the plain stages go up', () => {
    expect(stageRefusal({ kind: 'question', questionId: 'q_1' }, { question: { status: 'answered' } })).toBeNull();
    expect(stageRefusal({ kind: 'poll', pollId: 'p_1', show: 'results' }, { poll: poll('p_1', 'closed') })).toBeNull();
    expect(stageRefusal({ kind: 'join' }, {})).toBeNull();
    expect(stageRefusal({ kind: 'answers', pollId: 'p_t', answerIds: ['a1'] }, { poll: textPoll, answers })).toBeNull();
  });

  it('keeps drafts, unpublished questions and hidden, unknown or doubled answers off the screen', () => {
    expect(stageRefusal({ kind: 'question', questionId: 'q_1' }, { question: { status: 'pending' } })).toEqual({ field: 'stage.questionId', reason: 'not_published' });
    expect(stageRefusal({ kind: 'poll', pollId: 'p_1', show: 'voting' }, { poll: poll('p_1', 'draft') })).toEqual({ field: 'stage.pollId', reason: 'draft_poll' });
    const refused = (answerIds: string[], target = { poll: textPoll, answers }) => stageRefusal({ kind: 'answers', pollId: 'p_t', answerIds }, target)?.reason;
    expect(refused(['a2'])).toBe('hidden_answer');
    expect(refused(['a9'])).toBe('unknown_answer');
    expect(refused(['a1', 'a1'])).toBe('duplicate_answer');
    expect(refused(['a1'], { poll: poll('p_1', 'open'), answers })).toBe('not_text_poll');
  });
});

describe('stageAfter: hiding an answer', () => {
  const up: Stage = { kind: 'answers', pollId: 'p_t', answerIds: ['a1', 'a2'] };

  it('takes a hidden answer off the screen, and the last one returns to auto', () => {
    expect(stageAfter(up, { kind: 'answer_hidden', pollId: 'p_t', answerId: 'a1' })).toEqual({ kind: 'answers', pollId: 'p_t', answerIds: ['a2'] });
    expect(stageAfter({ ...up, answerIds: ['a2'] }, { kind: 'answer_hidden', pollId: 'p_t', answerId: 'a2' })).toEqual({ kind: 'auto' });
  });

  it('leaves the stage alone for an answer that is not up', () => {
    expect(stageAfter(up, { kind: 'answer_hidden', pollId: 'p_t', answerId: 'a3' })).toBeNull();
    expect(stageAfter(up, { kind: 'answer_hidden', pollId: 'p_other', answerId: 'a1' })).toBeNull();
    expect(stageAfter({ kind: 'join' }, { kind: 'answer_hidden', pollId: 'p_t', answerId: 'a1' })).toBeNull();
  });
});
