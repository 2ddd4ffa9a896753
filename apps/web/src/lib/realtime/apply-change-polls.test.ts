import type { Stage } from '@jisr/protocol/stage';
import type { Session } from '@jisr/protocol/event';
import type { Poll, Tally } from '@jisr/protocol/poll';
import type { SessionSnapshot } from '@jisr/protocol/session';
import { describe, expect, it } from 'vitest';
import { applyBallot, applyChange, applyPollAcked, applyTally, stateFromSnapshot, type ApplyOutcome, type QaState } from './apply-change.js';

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

function poll(id: string, state: Poll['state'] = 'open', sessionId = session.id): Poll {
  return {
    id,
    sessionId,
    kind: 'single',
    prompt: `Poll ${id}`,
    options: [
      { id: `${id}_a`, label: 'A' },
      { id: `${id}_b`, label: 'B' },
    ],
    state,
    settings: { results: 'live', allowChange: false, anonymous: true },
    revealed: false,
    createdAt: '2026-12-05T08:40:00.000Z',
  };
}

function tally(pollId: string, total: number, sessionId = session.id): Tally {
  return { pollId, sessionId, total, counts: { [`${pollId}_a`]: total } };
}

function start(seq: number, polls: Poll[] = [], tallies: Record<string, Tally> = {}): QaState {
  const snapshot: SessionSnapshot = {
    session,
    role: 'attendee',
    questions: [],
    polls,
    tallies,
    myVotes: [],
    myQuestionIds: [],
    myBallots: {},
    seq,
  };
  return stateFromSnapshot(snapshot);
}

function applied(outcome: ApplyOutcome): QaState {
  if (outcome.result !== 'applied') throw new Error(`expected applied, got ${outcome.result}`);
  return outcome.state;
}

describe('poll changes in the seq stream', () => {
  it('takes the snapshot polls, tallies and ballots', () => {
    const state = start(2, [poll('p_1')], { p_1: tally('p_1', 3) });
    expect(state.polls.map((p) => p.id)).toEqual(['p_1']);
    expect(state.tallies['p_1']?.total).toBe(3);
  });

  it('adds and replaces a poll on poll:upsert, advancing seq', () => {
    const added = applied(applyChange(start(4), { type: 'poll-upsert', message: { poll: poll('p_1', 'draft'), seq: 5 } }));
    expect(added.seq).toBe(5);
    const opened = applied(applyChange(added, { type: 'poll-upsert', message: { poll: poll('p_1', 'open'), seq: 6 } }));
    expect(opened.seq).toBe(6);
    expect(opened.polls).toHaveLength(1);
    expect(opened.polls[0]?.state).toBe('open');
  });

  it('removes a poll, its tally and ballot on poll:remove', () => {
    const state = applyBallot(start(1, [poll('p_1')], { p_1: tally('p_1', 1) }), 'p_1', { optionId: 'p_1_a' });
    const next = applied(applyChange(state, { type: 'poll-remove', message: { pollId: 'p_1', sessionId: session.id, seq: 2 } }));
    expect(next.polls).toEqual([]);
    expect(next.tallies).toEqual({});
    expect(next.myBallots).toEqual({});
    expect(next.seq).toBe(2);
  });

  it('reports a gap and ignores old or foreign poll changes', () => {
    const state = start(4);
    expect(applyChange(state, { type: 'poll-upsert', message: { poll: poll('p_1'), seq: 6 } }).result).toBe('gap');
    expect(applyChange(state, { type: 'poll-upsert', message: { poll: poll('p_1'), seq: 4 } }).result).toBe('ignored');
    expect(applyChange(state, { type: 'poll-upsert', message: { poll: poll('p_1', 'open', 's_2'), seq: 5 } }).result).toBe('ignored');
  });

  it('drops the tally and ballot of a poll reset to draft', () => {
    const state = applyBallot(start(1, [poll('p_1', 'closed')], { p_1: tally('p_1', 4) }), 'p_1', { optionId: 'p_1_a' });
    const reset = applied(applyChange(state, { type: 'poll-upsert', message: { poll: poll('p_1', 'draft'), seq: 2 } }));
    expect(reset.tallies['p_1']).toBeUndefined();
    expect(reset.myBallots['p_1']).toBeUndefined();
  });
});

describe('tallies, ballots and acks (no seq)', () => {
  it('replaces a known poll tally without touching seq', () => {
    const state = applyTally(start(3, [poll('p_1')]), tally('p_1', 7));
    expect(state.tallies['p_1']?.total).toBe(7);
    expect(state.seq).toBe(3);
  });

  it('drops tallies of unknown polls or other sessions', () => {
    const state = start(3, [poll('p_1')]);
    expect(applyTally(state, tally('p_9', 1))).toBe(state);
    expect(applyTally(state, tally('p_1', 1, 's_2'))).toBe(state);
  });

  it('keeps the viewer ballot from the vote ack', () => {
    const state = applyBallot(start(1, [poll('p_1')]), 'p_1', { optionId: 'p_1_b' });
    expect(state.myBallots['p_1']).toEqual({ optionId: 'p_1_b' });
  });

  it('adds a created poll from its ack, but leaves a known one to the stream', () => {
    const created = applyPollAcked(start(1), poll('p_1', 'draft'));
    expect(created.polls).toHaveLength(1);
    const again = applyPollAcked(created, poll('p_1', 'open'));
    expect(again.polls[0]?.state).toBe('draft');
  });
});

describe('the stage in the seq stream', () => {
  it('starts at auto without a stage in the snapshot, and takes stage:update with its answers', () => {
    const state = start(4);
    expect(state.stage).toEqual({ kind: 'auto' });
    const answers: Stage = { kind: 'answers', pollId: 'p_1', answerIds: ['a_1'] };
    const next = applied(
      applyChange(state, { type: 'stage-update', message: { sessionId: session.id, stage: answers, answers: [{ id: 'a_1', text: 'Rabat' }], seq: 5 } }),
    );
    expect(next.stage).toEqual(answers);
    expect(next.stagedAnswers).toEqual([{ id: 'a_1', text: 'Rabat' }]);
    expect(next.seq).toBe(5);
  });

  it('asks for a snapshot when a stage change skips a number', () => {
    const outcome = applyChange(start(4), { type: 'stage-update', message: { sessionId: session.id, stage: { kind: 'blank' }, seq: 6 } });
    expect(outcome.result).toBe('gap');
  });
});
