import { describe, expect, it } from 'vitest';
import type { QaState } from './apply-change.js';
import { parseSavedState, serializeState } from './saved-state.js';

const state: QaState = {
  seq: 7,
  session: {
    id: 'se_1',
    eventId: 'ev_1',
    roomId: 'rm_1',
    kind: 'talk',
    title: { fr: 'Ouverture', ar: 'الافتتاح' },
    description: {},
    startsAt: '2026-12-05T08:00:00.000Z',
    endsAt: '2026-12-05T09:00:00.000Z',
    speakerIds: [],
    status: 'live',
    delayMinutes: 0,
    qa: { open: true, moderated: false, anonymousAllowed: true },
  } as unknown as QaState['session'],
  role: 'attendee',
  questions: [],
  questionSeq: {},
  myVotes: new Set(['q_1']),
  myQuestionIds: new Set(['q_2']),
  polls: [],
  tallies: {},
  myBallots: {},
  stage: { kind: 'question', questionId: 'q_1' },
  stagedAnswers: [],
};

describe('saved session state', () => {
  it('round-trips, sets included, with when it was saved', () => {
    const at = new Date('2026-12-05T08:42:00.000Z');
    const restored = parseSavedState(serializeState(state, at.getTime()));
    expect(restored?.savedAt).toEqual(at);
    expect(restored?.state.myVotes.has('q_1')).toBe(true);
    expect(restored?.state.myQuestionIds.has('q_2')).toBe(true);
    expect(restored?.state.seq).toBe(7);
    expect(restored?.state.stage).toEqual({ kind: 'question', questionId: 'q_1' });
  });

  it('reads a state saved before the stage existed as auto', () => {
    const { stage: _stage, stagedAnswers: _answers, ...older } = JSON.parse(serializeState(state, 0)).state;
    const raw = JSON.stringify({ version: 1, savedAt: new Date(0).toISOString(), state: older });
    expect(parseSavedState(raw)?.state.stage).toEqual({ kind: 'auto' });
  });

  it('drops nothing-saved, junk, other versions and malformed states', () => {
    expect(parseSavedState(null)).toBeNull();
    expect(parseSavedState('{not json')).toBeNull();
    expect(parseSavedState(JSON.stringify({ version: 2, savedAt: new Date().toISOString(), state: {} }))).toBeNull();
    expect(parseSavedState(JSON.stringify({ version: 1, savedAt: 'yesterday', state: {} }))).toBeNull();
  });
});
