import type { FrameCountSnapshot } from '../wire/frame-counters.js';

/**
 * What the bench process asks a client worker to do (over the fork IPC channel), and what
 * comes back. Times are epoch milliseconds from `clock.now()`; a schedule is global and
 * open-loop: op `j` of a run is due at `startAt + j * 1000 / rate`, whoever sends it, and
 * worker `w` of `W` sends the ops with `j % W === w`.
 */
export type WorkerCommand =
  | {
      kind: 'join-attendees';
      url: string;
      code: string;
      count: number;
      /** Sessions every attendee opens (`session:join`) once connected. */
      sessionIds: string[];
      /** Every how many attendees one decodes and timestamps what it receives (0: none). */
      sampleEvery: number;
      localAddress: string;
      concurrency: number;
    }
  | { kind: 'join-staff'; url: string; tokens: string[]; sessionIds: string[]; localAddress: string; role: ObserverRole }
  | { kind: 'raw-connect'; url: string; count: number; sampleEvery: number; localAddress: string; concurrency: number }
  | { kind: 'window'; from: number; to: number }
  | { kind: 'vote-storm'; pollId: string; optionIds: string[]; startAt: number; rate: number; votes: number; workerCount: number; workerIndex: number }
  /** Every attendee of the worker votes once, at a uniformly random moment in [startAt, startAt + spreadMs). */
  | { kind: 'ballot-burst'; pollId: string; optionIds: string[]; startAt: number; spreadMs: number; ackGraceMs: number }
  | {
      kind: 'qa-ops';
      sessionId: string;
      startAt: number;
      rate: number;
      ops: number;
      workerCount: number;
      workerIndex: number;
      /** Every `askEvery`-th op is a new question (0: upvotes only). */
      askEvery: number;
      /** Published questions to upvote from the start. */
      questionIds: string[];
    }
  | {
      kind: 'reaction-storm';
      sessionId: string;
      startAt: number;
      rate: number;
      taps: number;
      workerCount: number;
      workerIndex: number;
    }
  | { kind: 'questions-published'; questionIds: string[] }
  | { kind: 'raw-trigger'; startAt: number; rate: number; count: number }
  | { kind: 'observations' }
  | { kind: 'close' };

export type ObserverRole = 'attendee' | 'screen' | 'moderator';

export interface JoinResult {
  connected: number;
  failed: number;
  errors: string[];
  seconds: number;
}

export interface StormResult {
  sent: number;
  ok: number;
  errors: Record<string, number>;
  /** hdr histogram (compressed base64) of ack time minus scheduled send time. */
  ackHistogram: string;
  maxSendLagMs: number;
  lastAckAt: number;
}

export interface TapsResult {
  sent: number;
  ok: number;
  errors: Record<string, number>;
  /** hdr histogram (compressed base64) of ack time minus scheduled send time. */
  ackHistogram: string;
  /** Scheduled send time of each tap acked ok (a burst counts taps, not which: see reactions.ts). */
  acked: number[];
  maxSendLagMs: number;
  lastAckAt: number;
}

export interface BallotBurstResult extends StormResult {
  /** The due time of the worker's last vote. */
  lastDueAt: number;
}

export interface OpsResult {
  sent: number;
  ok: number;
  errors: Record<string, number>;
  askHistogram: string;
  upvoteHistogram: string;
  /** [scheduled send time, question id] of each question asked and acked. */
  asks: [number, string][];
  /** [scheduled send time, question id, vote count in the ack] of each upvote acked. */
  upvotes: [number, string, number][];
  maxSendLagMs: number;
  lastAckAt: number;
}

export interface Observer {
  id: string;
  role: ObserverRole;
  url: string;
}

export interface ObservationsResult {
  observers: Observer[];
  /** [observer id, poll id, tally total, arrival time] */
  tallies: [string, string, number, number][];
  /** [observer id, question id, status, votes, arrival time] */
  questions: [string, string, string, number, number][];
  /** [observer id, reactions the burst counts (all kinds), arrival time] */
  bursts: [string, number, number][];
  /** Baseline clients: hdr histogram of arrival minus scheduled broadcast time. */
  rawHistogram: string;
}

export type WorkerResult = JoinResult | StormResult | BallotBurstResult | TapsResult | OpsResult | ObservationsResult | FrameCountSnapshot | null;

export interface WorkerRequest {
  id: number;
  command: WorkerCommand;
}

export type WorkerReply = { id: number; ok: true; result: WorkerResult } | { id: number; ok: false; error: string };
