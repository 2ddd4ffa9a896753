import { Session } from '@jisr/protocol/event';
import { Ballot, Poll, Tally } from '@jisr/protocol/poll';
import { Question } from '@jisr/protocol/question';
import { Role } from '@jisr/protocol/roles';
import { Stage, StagedAnswer } from '@jisr/protocol/stage';
import { z } from 'zod';
import type { QaState } from './apply-change.js';

/**
 * The last state of a session an attendee saw, kept on the phone so the session page still
 * shows its questions and polls with no network at all (issue 13: a basement room). It is
 * only a starting picture: the next `session:join` snapshot replaces it whole.
 */
const SavedState = z.object({
  version: z.literal(1),
  savedAt: z.iso.datetime(),
  state: z.object({
    seq: z.number().int(),
    session: Session,
    role: Role,
    questions: z.array(Question),
    questionSeq: z.record(z.string(), z.number()),
    myVotes: z.array(z.string()),
    myQuestionIds: z.array(z.string()),
    polls: z.array(Poll),
    tallies: z.record(z.string(), Tally),
    myBallots: z.record(z.string(), Ballot),
    /** Absent from states saved before the stage existed. */
    stage: Stage.default({ kind: 'auto' }),
    stagedAnswers: z.array(StagedAnswer).default([]),
  }),
});

export const savedStateKey = (eventId: string, sessionId: string): string => `jisr:room:v1:${eventId}:${sessionId}`;

/** `savedAt`: milliseconds since the epoch. */
export function serializeState(state: QaState, savedAt: number): string {
  return JSON.stringify({
    version: 1,
    savedAt: new Date(savedAt).toISOString(),
    state: { ...state, myVotes: [...state.myVotes], myQuestionIds: [...state.myQuestionIds] },
  });
}

/** The saved state and when it was saved, or null for nothing, another version, or anything malformed. */
export function parseSavedState(raw: string | null): { state: QaState; savedAt: Date } | null {
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = SavedState.safeParse(json);
  if (!parsed.success) return null;
  const { state, savedAt } = parsed.data;
  return {
    savedAt: new Date(savedAt),
    state: { ...state, myVotes: new Set(state.myVotes), myQuestionIds: new Set(state.myQuestionIds) },
  };
}
