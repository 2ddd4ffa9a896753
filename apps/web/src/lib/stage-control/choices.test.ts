import { resolveStage } from '@jisr/core/stage';
import type { Poll } from '@jisr/protocol/poll';
import type { Question } from '@jisr/protocol/question';
import type { Stage } from '@jisr/protocol/stage';
import { describe, expect, it } from 'vitest';
import { pollForStage, questionForStage, stageChoices } from './choices.js';

const poll = (id: string, state: Poll['state']): Poll => ({
  id,
  sessionId: 's_1',
  kind: 'single',
  prompt: 'Où ?',
  options: [],
  state,
  settings: { results: 'live', allowChange: false, anonymous: true },
  revealed: false,
  createdAt: '2026-12-05T09:30:00.000Z',
});
const question = (id: string, overrides: Partial<Question> = {}): Question => ({
  id,
  sessionId: 's_1',
  text: 'Pourquoi ?',
  lang: 'fr',
  status: 'approved',
  votes: 0,
  pinned: false,
  anonymous: true,
  createdAt: '2026-12-05T09:31:00.000Z',
  labels: [],
  ...overrides,
});

describe('the stage panel\'s choices', () => {
  it('puts up the pinned question before the selected one, and never an unpublished one', () => {
    const pinned = question('q_pin', { pinned: true });
    expect(questionForStage([question('q_1'), pinned], question('q_1'))?.id).toBe('q_pin');
    expect(questionForStage([question('q_1')], question('q_1'))?.id).toBe('q_1');
    expect(questionForStage([], question('q_2', { status: 'pending' }))).toBeNull();
  });

  it('takes the open poll, else the latest closed one, never a draft', () => {
    expect(pollForStage([poll('p_1', 'closed'), poll('p_2', 'open')])?.id).toBe('p_2');
    expect(pollForStage([poll('p_1', 'closed'), poll('p_3', 'closed'), poll('p_4', 'draft')])?.id).toBe('p_3');
    expect(pollForStage([poll('p_4', 'draft')])).toBeNull();
  });

  it('marks what the screen shows and offers nothing where there is nothing to show', () => {
    const polls = [poll('p_1', 'closed')];
    const stage: Stage = { kind: 'poll', pollId: 'p_1', show: 'results' };
    const choices = stageChoices(resolveStage(stage, polls, []), stage, null, pollForStage(polls));
    expect(choices.filter((choice) => choice.current).map((choice) => choice.id)).toEqual(['poll-results']);
    expect(choices.find((choice) => choice.id === 'question')?.stage).toBeNull();
    expect(choices.find((choice) => choice.id === 'answers')?.stage).toBeNull();
    expect(choices.find((choice) => choice.id === 'poll-voting')?.stage).toEqual({ kind: 'poll', pollId: 'p_1', show: 'voting' });
  });

  it('reads auto as what it resolves to', () => {
    const choices = stageChoices(resolveStage({ kind: 'auto' }, [], []), { kind: 'auto' }, null, null);
    expect(choices.filter((choice) => choice.current).map((choice) => choice.id)).toEqual(['questions']);
  });
});
