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
};

describe('saved session state', () => {
  it('round-trips, sets included, with when it was saved', () => {
    const at = new Date('2026-12-05T08:42:00.000Z');
    const restored = parseSavedState(serializeState(state, at.getTime()));
    expect(restored?.savedAt).toEqual(at);
    expect(restored?.state.myVotes.has('q_1')).toBe(true);
    expect(restored?.state.myQuestionIds.has('q_2')).toBe(true);
    expect(restored?.state.seq).toBe(7);
  });

  it('drops nothing-saved, junk, other versions and malformed states', () => {
    expect(parseSavedState(null)).toBeNull();
    expect(parseSavedState('{not json')).toBeNull();
    expect(parseSavedState(JSON.stringify({ version: 2, savedAt: new Date().toISOString(), state: {} }))).toBeNull();
    expect(parseSavedState(JSON.stringify({ version: 1, savedAt: 'yesterday', state: {} }))).toBeNull();
  });
});
