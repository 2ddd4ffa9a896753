import { randomUUID } from 'node:crypto';
import { REACTION_KINDS } from '@jisr/protocol/audience';
import { ClientEvent } from '@jisr/protocol/events';
import { clock } from '../measure/clock.js';
import { encodeHistogram, newHistogram, recordMs } from '../measure/latency.js';
import type { WireClient } from '../wire/wire-client.js';
import { opsOfWorker, runOpenLoop } from './open-loop.js';
import type { OpsResult, StormResult, TapsResult, WorkerCommand } from './worker-protocol.js';

/** The timed runs of a client worker: a vote storm, a reaction storm, and questions with upvotes. */

/** How long acks may take after the last scheduled send before they count as timeouts. */
const ACK_GRACE_MS = 30_000;

/** What a worker remembers between Q&A runs. */
export interface QaState {
  /** Published questions this worker's attendees may upvote (seeded, then told by bench.ts). */
  published: string[];
  /** Per question, the next local attendee who has not upvoted it yet. */
  nextVoter: Map<string, number>;
  nextAsker: number;
}

/** Resolves when `outstanding()` reaches zero, or fails what is left at the deadline. */
export async function awaitAcks(outstanding: () => number, clients: readonly WireClient[], deadline: number): Promise<void> {
  while (outstanding() > 0 && clock.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  if (outstanding() > 0) for (const client of clients) client.failPending('timeout');
}

export function countError(errors: Record<string, number>, code: string): void {
  errors[code] = (errors[code] ?? 0) + 1;
}

export async function voteStorm(attendees: readonly WireClient[], command: Extract<WorkerCommand, { kind: 'vote-storm' }>): Promise<StormResult> {
  const mine = opsOfWorker(command.votes, command.workerIndex, command.workerCount);
  if (mine.length > attendees.length) throw new Error(`${mine.length} votes for ${attendees.length} attendees: one ballot each`);
  const histogram = newHistogram();
  const errors: Record<string, number> = {};
  let ok = 0;
  let outstanding = 0;
  let lastAckAt = 0;
  const dueAt = (local: number) => command.startAt + ((mine[local] ?? 0) * 1000) / command.rate;
  const maxSendLagMs = await runOpenLoop(mine.length, dueAt, (local, due) => {
    const client = attendees[local];
    const op = mine[local] ?? 0;
    if (!client) return;
    outstanding += 1;
    const optionId = command.optionIds[op % command.optionIds.length] ?? '';
    client.emit(ClientEvent.PollVote, { pollId: command.pollId, ballot: { optionId }, clientId: randomUUID() }, (ack, at) => {
      outstanding -= 1;
      lastAckAt = Math.max(lastAckAt, at);
      if (ack.ok) {
        ok += 1;
        recordMs(histogram, at - due);
      } else {
        countError(errors, ack.error.code);
      }
    });
  });
  await awaitAcks(() => outstanding, attendees, clock.now() + ACK_GRACE_MS);
  return { sent: mine.length, ok, errors, ackHistogram: encodeHistogram(histogram), maxSendLagMs, lastAckAt };
}

/**
 * Taps `command.taps` reactions in all, open-loop at `rate` a second across the workers: this
 * worker's attendees take its taps in turn (each tapping rate / attendees times a second), the
 * kinds in turn.
 */
export async function reactionStorm(attendees: readonly WireClient[], command: Extract<WorkerCommand, { kind: 'reaction-storm' }>): Promise<TapsResult> {
  const mine = opsOfWorker(command.taps, command.workerIndex, command.workerCount);
  if (attendees.length === 0) throw new Error('no attendee to tap reactions');
  const histogram = newHistogram();
  const errors: Record<string, number> = {};
  const acked: number[] = [];
  let ok = 0;
  let outstanding = 0;
  let lastAckAt = 0;
  const dueAt = (local: number) => command.startAt + ((mine[local] ?? 0) * 1000) / command.rate;
  const maxSendLagMs = await runOpenLoop(mine.length, dueAt, (local, due) => {
    const client = attendees[local % attendees.length];
    const op = mine[local] ?? 0;
    if (!client) return;
    outstanding += 1;
    const kind = REACTION_KINDS[op % REACTION_KINDS.length] ?? 'clap';
    client.emit(ClientEvent.ReactionSend, { sessionId: command.sessionId, kind }, (ack, at) => {
      outstanding -= 1;
      lastAckAt = Math.max(lastAckAt, at);
      if (ack.ok) {
        ok += 1;
        acked.push(due);
        recordMs(histogram, at - due);
      } else {
        countError(errors, ack.error.code);
      }
    });
  });
  await awaitAcks(() => outstanding, attendees, clock.now() + ACK_GRACE_MS);
  return { sent: mine.length, ok, errors, ackHistogram: encodeHistogram(histogram), acked, maxSendLagMs, lastAckAt };
}

/** The next (question, local attendee) pair that makes a new upvote, or null when every pair is used. */
function nextUpvote(attendees: readonly WireClient[], state: QaState, op: number): { questionId: string; voter: WireClient } | null {
  const { published, nextVoter } = state;
  for (let attempt = 0; attempt < published.length; attempt += 1) {
    const questionId = published[(op + attempt) % published.length] ?? '';
    const index = nextVoter.get(questionId) ?? 0;
    const voter = attendees[index];
    if (voter) {
      nextVoter.set(questionId, index + 1);
      return { questionId, voter };
    }
  }
  return null;
}

export async function qaOps(attendees: readonly WireClient[], state: QaState, command: Extract<WorkerCommand, { kind: 'qa-ops' }>): Promise<OpsResult> {
  for (const questionId of command.questionIds) if (!state.published.includes(questionId)) state.published.push(questionId);
  const mine = opsOfWorker(command.ops, command.workerIndex, command.workerCount);
  const askHistogram = newHistogram();
  const upvoteHistogram = newHistogram();
  const errors: Record<string, number> = {};
  const asks: OpsResult['asks'] = [];
  const upvotes: OpsResult['upvotes'] = [];
  let ok = 0;
  let sent = 0;
  let outstanding = 0;
  let lastAckAt = 0;
  const dueAt = (local: number) => command.startAt + ((mine[local] ?? 0) * 1000) / command.rate;
  const acked = (at: number) => {
    outstanding -= 1;
    lastAckAt = Math.max(lastAckAt, at);
  };
  const maxSendLagMs = await runOpenLoop(mine.length, dueAt, (local, due) => {
    const op = mine[local] ?? 0;
    if (command.askEvery > 0 && op % command.askEvery === 0) {
      // Each asker asks once per run: far inside the ask limit (5 a minute per attendee).
      const asker = attendees[state.nextAsker % attendees.length];
      state.nextAsker += 1;
      if (!asker) return;
      sent += 1;
      outstanding += 1;
      const payload = { sessionId: command.sessionId, text: `Load question ${op}: will the harness keep up?`, anonymous: false, clientId: randomUUID() };
      asker.emit(ClientEvent.QuestionAsk, payload, (ack, at) => {
        acked(at);
        if (!ack.ok) return countError(errors, ack.error.code);
        ok += 1;
        recordMs(askHistogram, at - due);
        asks.push([due, ack.data.id]);
      });
      return;
    }
    const upvote = nextUpvote(attendees, state, op);
    if (!upvote) return countError(errors, 'no_question_left_to_upvote');
    sent += 1;
    outstanding += 1;
    upvote.voter.emit(ClientEvent.QuestionVote, { questionId: upvote.questionId, vote: true }, (ack, at) => {
      acked(at);
      if (!ack.ok) return countError(errors, ack.error.code);
      ok += 1;
      recordMs(upvoteHistogram, at - due);
      upvotes.push([due, ack.data.questionId, ack.data.votes]);
    });
  });
  await awaitAcks(() => outstanding, attendees, clock.now() + ACK_GRACE_MS);
  return {
    sent,
    ok,
    errors,
    askHistogram: encodeHistogram(askHistogram),
    upvoteHistogram: encodeHistogram(upvoteHistogram),
    asks,
    upvotes,
    maxSendLagMs,
    lastAckAt,
  };
}

