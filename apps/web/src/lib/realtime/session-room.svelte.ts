import { sortQuestions, type QuestionOrder } from '@jisr/core/questions';
import type { QaSettings, Session } from '@jisr/protocol/event';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { Ballot, Poll, PollCreateInput, PollEditInput } from '@jisr/protocol/poll';
import type { ModerationAction, Question, QuestionVoteResult } from '@jisr/protocol/question';
import { activePoll } from '$lib/polls/poll-view.js';
import type { ClientError, Result } from '$lib/api/client-error.js';
import {
  applyAcked,
  applyAsked,
  applyBallot,
  applyChange,
  applyDeleted,
  applyPollAcked,
  applyTally,
  applyVoted,
  changeSessionId,
  stateFromSnapshot,
  type QaState,
  type SessionChange,
} from './apply-change.js';
import { watchConnection, type ConnectionStatus } from './connection.js';
import { request, subscribe, type JisrSocket } from './socket.js';

export interface SessionRoomOptions {
  /** The server refused the token: the page should join the event again. */
  onUnauthorized?: () => void;
}

/**
 * One viewer's live view of one session: the snapshot from `session:join`, kept current by
 * the numbered changes the server pushes. It joins again on every (re)connect and after any
 * gap in `seq`, so what it shows is never silently behind.
 */
export class SessionRoom {
  /** Null until the first snapshot arrives. */
  state = $state.raw<QaState | null>(null);
  status = $state<ConnectionStatus>('reconnecting');
  /** Why the last `session:join` failed, if it did. */
  joinError = $state.raw<ClientError | null>(null);
  order = $state<QuestionOrder>('popular');

  readonly session = $derived(this.state?.session ?? null);
  readonly questions = $derived(this.state ? sortQuestions(this.state.questions, this.order) : []);
  readonly polls = $derived(this.state?.polls ?? []);
  readonly tallies = $derived(this.state?.tallies ?? {});
  readonly myBallots = $derived(this.state?.myBallots ?? {});
  /** The open poll, else the latest closed one whose results this viewer may see. */
  readonly activePoll = $derived(this.state ? activePoll(this.state.polls, this.state.role) : null);

  readonly #socket: JisrSocket;
  readonly #sessionId: string;
  readonly #options: SessionRoomOptions;
  /** Bumped by every join: answers to older joins are dropped. */
  #generation = 0;
  /** Changes that arrive while a join is in flight, replayed on its snapshot. */
  #queue: SessionChange[] | null = null;

  constructor(socket: JisrSocket, sessionId: string, options: SessionRoomOptions = {}) {
    this.#socket = socket;
    this.#sessionId = sessionId;
    this.#options = options;
  }

  /** Starts following the session; returns the function that stops it. */
  start(): () => void {
    const socket = this.#socket;
    const stops = [
      watchConnection(socket, {
        onStatus: (status) => (this.status = status),
        onConnect: () => void this.join(),
        ...(this.#options.onUnauthorized ? { onUnauthorized: this.#options.onUnauthorized } : {}),
      }),
      subscribe(socket, ServerEvent.QuestionUpsert, (message) => this.#receive({ type: 'question-upsert', message })),
      subscribe(socket, ServerEvent.QuestionRemove, (message) => this.#receive({ type: 'question-remove', message })),
      subscribe(socket, ServerEvent.AgendaUpdate, (message) => this.#receive({ type: 'session-update', message })),
      subscribe(socket, ServerEvent.PollUpsert, (message) => this.#receive({ type: 'poll-upsert', message })),
      subscribe(socket, ServerEvent.PollRemove, (message) => this.#receive({ type: 'poll-remove', message })),
      subscribe(socket, ServerEvent.PollTally, (tally) => {
        // Not numbered: a tally during a join waits for nothing (the snapshot has its own).
        if (this.state && !this.#queue) this.state = applyTally(this.state, tally);
      }),
    ];
    // A socket that is already connected (shared with the agenda page) fires no 'connect'.
    if (socket.connected) void this.join();
    return () => {
      this.#generation += 1;
      for (const stop of stops) stop();
      if (socket.connected) void request(socket, ClientEvent.SessionLeave, { sessionId: this.#sessionId });
    };
  }

  /** Fetches a fresh snapshot and replays what arrived meanwhile. */
  async join(): Promise<void> {
    const generation = ++this.#generation;
    this.#queue = [];
    const result = await request(this.#socket, ClientEvent.SessionJoin, { sessionId: this.#sessionId });
    if (generation !== this.#generation) return;
    const queued = this.#queue ?? [];
    this.#queue = null;
    if (!result.ok) {
      this.joinError = result.error;
      return;
    }
    this.joinError = null;
    this.state = stateFromSnapshot(result.data);
    for (const change of queued) this.#receive(change);
  }

  async ask(text: string, anonymous: boolean, clientId: string): Promise<Result<Question>> {
    const result = await request(this.#socket, ClientEvent.QuestionAsk, {
      sessionId: this.#sessionId,
      text,
      anonymous,
      clientId,
    });
    if (result.ok && this.state) this.state = applyAsked(this.state, result.data);
    return result;
  }

  async vote(questionId: string, vote: boolean): Promise<Result<QuestionVoteResult>> {
    const seqAtSend = this.state?.seq ?? 0;
    const result = await request(this.#socket, ClientEvent.QuestionVote, { questionId, vote });
    if (result.ok && this.state) this.state = applyVoted(this.state, result.data, seqAtSend);
    return result;
  }

  /** The author rewrites their question (pending or approved; moderated sessions review it again). */
  edit(questionId: string, text: string): Promise<Result<Question>> {
    return this.#changeQuestion(() => request(this.#socket, ClientEvent.QuestionEdit, { questionId, text }));
  }

  /** The author takes their question down. */
  async remove(questionId: string): Promise<Result<{ questionId: string }>> {
    const result = await request(this.#socket, ClientEvent.QuestionDelete, { questionId });
    if (result.ok && this.state) this.state = applyDeleted(this.state, questionId);
    return result;
  }

  /** A moderator approves, rejects, pins... (`conflict` when the question moved on meanwhile). */
  moderate(questionId: string, action: ModerationAction): Promise<Result<Question>> {
    return this.#changeQuestion(() => request(this.#socket, ClientEvent.QuestionModerate, { questionId, action }));
  }

  /** A moderator's reply under a question; an empty text removes it. */
  reply(questionId: string, text: string): Promise<Result<Question>> {
    return this.#changeQuestion(() => request(this.#socket, ClientEvent.QuestionReply, { questionId, text }));
  }

  /** Replaces a question's labels (moderators). */
  label(questionId: string, labels: readonly string[]): Promise<Result<Question>> {
    return this.#changeQuestion(() => request(this.#socket, ClientEvent.QuestionLabel, { questionId, labels: [...labels] }));
  }

  /**
   * Opens or closes Q&A, turns pre-moderation or anonymity on or off (moderators). The new
   * session reaches this page, like every viewer's, through the numbered `agenda:update`.
   */
  settings(qa: Partial<QaSettings>): Promise<Result<Session>> {
    return request(this.#socket, ClientEvent.SessionSettings, { sessionId: this.#sessionId, qa });
  }

  /** The viewer's ballot; `clientId` stays the same for retries of one attempt. */
  async pollVote(pollId: string, ballot: Ballot, clientId: string): Promise<Result<{ pollId: string; ballot: Ballot }>> {
    const result = await request(this.#socket, ClientEvent.PollVote, { pollId, ballot, clientId });
    if (result.ok && this.state) this.state = applyBallot(this.state, result.data.pollId, result.data.ballot);
    return result;
  }

  /** A moderator drafts a poll. */
  pollCreate(input: Omit<PollCreateInput, 'sessionId'>): Promise<Result<Poll>> {
    return this.#changePoll(() => request(this.#socket, ClientEvent.PollCreate, { ...input, sessionId: this.#sessionId }));
  }

  /** A moderator edits a draft. */
  pollEdit(input: PollEditInput): Promise<Result<Poll>> {
    return this.#changePoll(() => request(this.#socket, ClientEvent.PollEdit, input));
  }

  /** Open, close, reveal, reset or duplicate a poll (moderators). */
  pollAction(action: 'open' | 'close' | 'reveal' | 'reset' | 'duplicate', pollId: string): Promise<Result<Poll>> {
    const event = {
      open: ClientEvent.PollOpen,
      close: ClientEvent.PollClose,
      reveal: ClientEvent.PollReveal,
      reset: ClientEvent.PollReset,
      duplicate: ClientEvent.PollDuplicate,
    }[action];
    return this.#changePoll(() => request(this.#socket, event, { pollId }));
  }

  /** A moderator deletes a poll (its `poll:remove` follows). */
  pollDelete(pollId: string): Promise<Result<{ pollId: string }>> {
    return request(this.#socket, ClientEvent.PollDelete, { pollId });
  }

  async #changePoll(send: () => Promise<Result<Poll>>): Promise<Result<Poll>> {
    const result = await send();
    if (result.ok && this.state) this.state = applyPollAcked(this.state, result.data);
    return result;
  }

  async #changeQuestion(send: () => Promise<Result<Question>>): Promise<Result<Question>> {
    const seqAtSend = this.state?.seq ?? 0;
    const result = await send();
    if (result.ok && this.state) this.state = applyAcked(this.state, result.data, seqAtSend);
    return result;
  }

  #receive(change: SessionChange): void {
    if (changeSessionId(change) !== this.#sessionId) return;
    if (this.#queue) {
      this.#queue.push(change);
      return;
    }
    if (!this.state) return;
    const outcome = applyChange(this.state, change);
    if (outcome.result === 'applied') this.state = outcome.state;
    else if (outcome.result === 'gap') void this.join();
  }
}
