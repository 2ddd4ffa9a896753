import type { Session } from '@jisr/protocol/event';
import type { Question } from '@jisr/protocol/question';
import type { SessionSnapshot } from '@jisr/protocol/session';
import { describe, expect, it } from 'vitest';
import {
  applyAcked,
  applyAsked,
  applyChange,
  applyDeleted,
  applyVoted,
  stateFromSnapshot,
  type ApplyOutcome,
  type QaState,
} from './apply-change.js';

const session: Session = {
  id: 's_1',
  eventId: 'e_1',
  roomId: 'r_1',
  kind: 'panel',
  title: { en: 'Panel' },
  description: {},
  startsAt: '2026-12-05T08:30:00.000Z',
  endsAt: '2026-12-05T09:30:00.000Z',
  status: 'live',
  delayMinutes: 0,
  speakerIds: [],
  qa: { open: true, moderated: false, anonymousAllowed: true },
};

function question(id: string, votes = 0, sessionId = session.id): Question {
  return {
    id,
    sessionId,
    text: `Question ${id}`,
    lang: 'en',
    status: 'approved',
    votes,
    pinned: false,
    anonymous: false,
    createdAt: '2026-12-05T08:40:00.000Z',
    labels: [],
  };
}

function snapshot(seq: number, questions: Question[], myVotes: string[] = []): SessionSnapshot {
  return { session, role: 'attendee', questions, polls: [], tallies: {}, myVotes, myQuestionIds: [], myBallots: {}, seq };
}

function applied(outcome: ApplyOutcome): QaState {
  if (outcome.result !== 'applied') throw new Error(`expected applied, got ${outcome.result}`);
  return outcome.state;
}

describe('applyChange: the seq rule', () => {
  const start = stateFromSnapshot(snapshot(5, [question('q_1', 2)]));

  it('applies the next change (seq = current + 1)', () => {
    const state = applied(applyChange(start, { type: 'question-upsert', message: { question: question('q_2'), seq: 6 } }));
    expect(state.seq).toBe(6);
    expect(state.questions.map((q) => q.id)).toEqual(['q_1', 'q_2']);
  });

  it('replaces a question it already has', () => {
    const state = applied(applyChange(start, { type: 'question-upsert', message: { question: question('q_1', 3), seq: 6 } }));
    expect(state.questions).toEqual([question('q_1', 3)]);
  });

  it('ignores what the snapshot already had (seq <= current)', () => {
    expect(applyChange(start, { type: 'question-upsert', message: { question: question('q_1', 1), seq: 5 } })).toEqual({
      result: 'ignored',
    });
    expect(applyChange(start, { type: 'question-remove', message: { questionId: 'q_1', sessionId: session.id, seq: 3 } })).toEqual({
      result: 'ignored',
    });
  });

  it('reports a gap when a change was missed', () => {
    expect(applyChange(start, { type: 'question-upsert', message: { question: question('q_2'), seq: 7 } })).toEqual({
      result: 'gap',
    });
  });

  it('ignores changes of another session, whatever their seq', () => {
    const other = question('q_9', 0, 's_2');
    expect(applyChange(start, { type: 'question-upsert', message: { question: other, seq: 42 } })).toEqual({ result: 'ignored' });
  });

  it('removes questions', () => {
    const state = applied(
      applyChange(start, { type: 'question-remove', message: { questionId: 'q_1', sessionId: session.id, seq: 6 } }),
    );
    expect(state.questions).toEqual([]);
    expect(state.seq).toBe(6);
  });

  it('takes session updates (delay, status, Q&A) in the same sequence', () => {
    const closed = { ...session, qa: { ...session.qa, open: false }, delayMinutes: 10 };
    const state = applied(applyChange(start, { type: 'session-update', message: { session: closed, seq: 6 } }));
    expect(state.session).toEqual(closed);
    expect(state.seq).toBe(6);
  });

  it('does not change the state it was given', () => {
    applyChange(start, { type: 'question-upsert', message: { question: question('q_2'), seq: 6 } });
    expect(start.seq).toBe(5);
    expect(start.questions).toHaveLength(1);
  });
});

describe('applyAsked', () => {
  it('adds the asked question and marks it as the viewer’s', () => {
    const state = applyAsked(stateFromSnapshot(snapshot(1, [])), question('q_1'));
    expect(state.questions.map((q) => q.id)).toEqual(['q_1']);
    expect(state.myQuestionIds.has('q_1')).toBe(true);
    expect(state.seq).toBe(1);
  });

  it('keeps the broadcast copy when it came first', () => {
    const start = stateFromSnapshot(snapshot(1, []));
    const broadcast = applied(applyChange(start, { type: 'question-upsert', message: { question: question('q_1', 4), seq: 2 } }));
    const state = applyAsked(broadcast, question('q_1', 0));
    expect(state.questions).toEqual([question('q_1', 4)]);
  });

  it('does not bring back a question removed meanwhile', () => {
    const start = stateFromSnapshot(snapshot(1, [question('q_1')]));
    const removed = applied(
      applyChange(start, { type: 'question-remove', message: { questionId: 'q_1', sessionId: session.id, seq: 2 } }),
    );
    expect(applyAsked(removed, question('q_1')).questions).toEqual([]);
  });
});

describe('applyVoted', () => {
  it('takes the count and the vote when nothing newer arrived', () => {
    const start = stateFromSnapshot(snapshot(3, [question('q_1', 2)]));
    const state = applyVoted(start, { questionId: 'q_1', votes: 3, voted: true }, 3);
    expect(state.questions[0]?.votes).toBe(3);
    expect(state.myVotes.has('q_1')).toBe(true);
  });

  it('keeps a newer broadcast count when the ack was overtaken', () => {
    const start = stateFromSnapshot(snapshot(3, [question('q_1', 2)]));
    // Sent at seq 3; someone else's vote (seq 4, 4 votes) arrived before our ack (3 votes).
    const newer = applied(applyChange(start, { type: 'question-upsert', message: { question: question('q_1', 4), seq: 4 } }));
    const state = applyVoted(newer, { questionId: 'q_1', votes: 3, voted: true }, 3);
    expect(state.questions[0]?.votes).toBe(4);
    expect(state.myVotes.has('q_1')).toBe(true);
  });

  it('takes a vote back', () => {
    const start = stateFromSnapshot(snapshot(3, [question('q_1', 1)], ['q_1']));
    const state = applyVoted(start, { questionId: 'q_1', votes: 0, voted: false }, 3);
    expect(state.myVotes.has('q_1')).toBe(false);
    expect(state.questions[0]?.votes).toBe(0);
  });
});

describe('applyAcked', () => {
  it('takes the acked question when nothing newer arrived', () => {
    const start = stateFromSnapshot(snapshot(3, [question('q_1')]));
    const state = applyAcked(start, { ...question('q_1'), status: 'answered' }, 3);
    expect(state.questions[0]?.status).toBe('answered');
  });

  it('keeps a newer broadcast of the same question', () => {
    const start = stateFromSnapshot(snapshot(3, [question('q_1')]));
    const newer = applied(
      applyChange(start, { type: 'question-upsert', message: { question: { ...question('q_1'), status: 'archived' }, seq: 4 } }),
    );
    expect(applyAcked(newer, { ...question('q_1'), status: 'answered' }, 3).questions[0]?.status).toBe('archived');
  });

  it('does not bring back a question that is gone, nor take one of another session', () => {
    const start = stateFromSnapshot(snapshot(3, [question('q_1')]));
    expect(applyAcked(start, question('q_2'), 3).questions.map((q) => q.id)).toEqual(['q_1']);
    expect(applyAcked(start, question('q_1', 9, 's_2'), 3).questions[0]?.votes).toBe(0);
  });
});

describe('applyDeleted', () => {
  it('removes the question at once, and the later broadcast changes nothing more', () => {
    const start = stateFromSnapshot(snapshot(3, [question('q_1'), question('q_2')]));
    const state = applyDeleted(start, 'q_1');
    expect(state.questions.map((q) => q.id)).toEqual(['q_2']);
    const after = applied(applyChange(state, { type: 'question-remove', message: { questionId: 'q_1', sessionId: session.id, seq: 4 } }));
    expect(after.questions.map((q) => q.id)).toEqual(['q_2']);
    expect(after.seq).toBe(4);
  });
});

describe('a question merged into another (question:remove with intoId)', () => {
  it('moves "my question" and the vote mark to the question that stayed, and leaves others alone', () => {
    const start = { ...stateFromSnapshot(snapshot(3, [question('q_1', 2), question('q_2', 1)], ['q_2'])), myQuestionIds: new Set(['q_2']) };
    const merged = applied(applyChange(start, { type: 'question-remove', message: { questionId: 'q_2', sessionId: session.id, seq: 4, intoId: 'q_1' } }));
    expect(merged.questions.map((q) => q.id)).toEqual(['q_1']);
    expect([...merged.myQuestionIds].sort()).toEqual(['q_1', 'q_2']);
    expect([...merged.myVotes].sort()).toEqual(['q_1', 'q_2']);

    const stranger = stateFromSnapshot(snapshot(3, [question('q_1', 2), question('q_2', 1)]));
    const unchanged = applied(applyChange(stranger, { type: 'question-remove', message: { questionId: 'q_2', sessionId: session.id, seq: 4, intoId: 'q_1' } }));
    expect(unchanged.myQuestionIds.size).toBe(0);
    expect(unchanged.myVotes.size).toBe(0);
  });
});

describe('an unmerge of the viewer’s question (question:upsert of one merged away)', () => {
  it('asks for a fresh snapshot, merged while watching or before the page opened; other questions apply as usual', () => {
    const start = { ...stateFromSnapshot(snapshot(3, [question('q_1', 2), question('q_2', 1)])), myQuestionIds: new Set(['q_2']) };
    const merged = applied(applyChange(start, { type: 'question-remove', message: { questionId: 'q_2', sessionId: session.id, seq: 4, intoId: 'q_1' } }));
    // The kept question loses the variant first: an ordinary change.
    const kept = applied(applyChange(merged, { type: 'question-upsert', message: { question: question('q_1', 2), seq: 5 } }));
    expect(applyChange(kept, { type: 'question-upsert', message: { question: question('q_2', 1), seq: 6 } })).toEqual({ result: 'gap' });

    // A page opened after the merge: the snapshot names the merged-away question.
    const opened = stateFromSnapshot({ ...snapshot(4, [question('q_1', 2)]), myQuestionIds: ['q_1'], myMergedQuestionIds: ['q_2'] });
    expect(applyChange(opened, { type: 'question-upsert', message: { question: question('q_2', 1), seq: 5 } })).toEqual({ result: 'gap' });
    // The fresh snapshot after the unmerge says whose is which.
    const fresh = stateFromSnapshot({ ...snapshot(6, [question('q_1', 1), question('q_2', 1)]), myQuestionIds: ['q_2'], myMergedQuestionIds: [] });
    expect([...fresh.myQuestionIds]).toEqual(['q_2']);
    expect(applied(applyChange(fresh, { type: 'question-upsert', message: { question: question('q_2', 2), seq: 7 } })).questions).toHaveLength(2);

    const stranger = stateFromSnapshot(snapshot(4, [question('q_1', 2)]));
    expect(applied(applyChange(stranger, { type: 'question-upsert', message: { question: question('q_2', 1), seq: 5 } })).questions).toHaveLength(2);
  });
});
