import { sortQuestions, type QuestionOrder } from '@jisr/core/questions';
import { resolveStage, type ShownStage } from '@jisr/core/stage';
import type { Mute, MuteScope, ReactionKind, ReactionSent } from '@jisr/protocol/audience';
import type { Lang } from '@jisr/protocol/common';
import type { QaSettings, Session } from '@jisr/protocol/event';
import { ClientEvent, ServerEvent } from '@jisr/protocol/event-names';
import type { Feedback } from '@jisr/protocol/feedback';
import type { Ballot, Poll, PollCreateInput, PollEditInput } from '@jisr/protocol/poll';
import type { ModerationAction, Question, QuestionVoteResult, SimilarQuestion } from '@jisr/protocol/question';
import type { Stage } from '@jisr/protocol/stage';
import type { ClientError, Result } from '$lib/api/client-error.js';
import { applyBurst, applyMuteChange } from '$lib/audience/apply-audience.js';
import {
  applyAcked,
  applyAsked,
  applyBallot,
  applyChange,
  applyDeleted,
  applyFeedback,
  applyPollAcked,
  applyTally,
  applyVoted,
  changeSessionId,
  stateFromSnapshot,
  type QaState,
  type SessionChange,
} from './apply-change.js';
import { onBrowserOnline, onVisible, reconnectNow, watchConnection, type ConnectionStatus } from './connection.js';
import { askItem, ballotItem, feedbackItem, isUnanswered, voteItem, type OutboxItem } from './outbox.js';
import { Outbox, type Answers } from './outbox.svelte.js';
import { parseSavedState, serializeState } from './saved-state.js';
import { request, requestNow, subscribe, type JisrSocket } from './socket.js';

export interface SessionRoomOptions {
  /** The server refused the token: the page should join the event again. */
  onUnauthorized?: () => void;
  /** Where the attendee's unsent asks, votes and ballots wait (stored, for attendees); in memory when absent. */
  outbox?: Outbox;
  /** Where the last state seen is kept (attendees): shown at once, even offline, until a snapshot replaces it. */
  saved?: { storage: Pick<Storage, 'getItem' | 'setItem'>; key: string };
}

/** The saved state is rewritten at most this often while changes stream in. */
const SAVE_EVERY_MS = 2_000;

/**
 * How long an outbox send waits for its ack before it counts as unanswered (kept, retried
 * with the same clientId). Shorter than other requests: the attendee is told "saved, will
 * be sent" sooner on a link that swallows packets.
 */
const OUTBOX_TIMEOUT_MS = 8_000;

/** A reaction not acked by then is let go: a clap that lands seconds late means nothing. */
const REACTION_TIMEOUT_MS = 4_000;

/** A join that got no answer on a live socket is tried again after this long. */
const REJOIN_AFTER_MS = 3_000;

/**
 * One viewer's live view of one session: the snapshot from `session:join`, kept current by
 * the numbered changes the server pushes. It joins again on every (re)connect that Socket.IO
 * could not recover, after any gap in `seq`, after an organizer's reset (`session:reset`)
 * and when the page comes back into view, so what it shows is never silently behind; the
 * old state stays up until the new snapshot replaces
 * it. What the viewer asks, votes or answers goes through the outbox: nothing is lost to a
 * drop, nothing counts twice.
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
  /** Attendees: the feedback the server has from them on this session, if any. */
  readonly myFeedback = $derived(this.state?.myFeedback);
  /** What the moderator directed the room screen to show (`auto` until then). */
  readonly stage = $derived<Stage>(this.state?.stage ?? { kind: 'auto' });
  /** The stage read against the session's polls and questions: what the screen shows now. */
  readonly shownStage = $derived<ShownStage>(resolveStage(this.stage, this.polls, this.questions));
  /** Staff and speakers: the session's reactions so far, by kind. */
  readonly reactions = $derived(this.state?.reactions ?? {});
  /** Staff: the mutes that hold in this session, oldest first (never who: only the question they came from). */
  readonly mutes = $derived(this.state?.mutes ?? []);

  /** When the state shown was saved on this device, while it is not yet replaced by a fresh snapshot. */
  savedAt = $state.raw<Date | null>(null);

  /** Asks, votes and ballots the server has not answered yet (shown as "sending"). */
  readonly outbox: Outbox;

  readonly #socket: JisrSocket;
  readonly #sessionId: string;
  readonly #options: SessionRoomOptions;
  #rejoinTimer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by every join: answers to older joins are dropped. */
  #generation = 0;
  /** Changes that arrive while a join is in flight, replayed on its snapshot. */
  #queue: SessionChange[] | null = null;

  constructor(socket: JisrSocket, sessionId: string, options: SessionRoomOptions = {}) {
    this.#socket = socket;
    this.#sessionId = sessionId;
    this.#options = options;
    this.outbox = options.outbox ?? new Outbox();
    const saved = options.saved ? parseSavedState(options.saved.storage.getItem(options.saved.key)) : null;
    if (saved) {
      this.state = saved.state;
      this.savedAt = saved.savedAt;
    }
  }

  /** Starts following the session; returns the function that stops it. */
  start(): () => void {
    const socket = this.#socket;
    const stops = [
      watchConnection(socket, {
        onStatus: (status) => (this.status = status),
        onConnect: () => this.#connected(),
        ...(this.#options.onUnauthorized ? { onUnauthorized: this.#options.onUnauthorized } : {}),
      }),
      subscribe(socket, ServerEvent.QuestionUpsert, (message) => this.#receive({ type: 'question-upsert', message })),
      subscribe(socket, ServerEvent.QuestionRemove, (message) => this.#receive({ type: 'question-remove', message })),
      subscribe(socket, ServerEvent.AgendaUpdate, (message) => this.#receive({ type: 'session-update', message })),
      subscribe(socket, ServerEvent.PollUpsert, (message) => this.#receive({ type: 'poll-upsert', message })),
      subscribe(socket, ServerEvent.PollRemove, (message) => this.#receive({ type: 'poll-remove', message })),
      subscribe(socket, ServerEvent.StageUpdate, (message) => this.#receive({ type: 'stage-update', message })),
      // An organizer wiped the session after a rehearsal: everything held is stale, take it afresh.
      subscribe(socket, ServerEvent.SessionReset, (message) => {
        if (message.sessionId === this.#sessionId) void this.join();
      }),
      subscribe(socket, ServerEvent.PollTally, (tally) => {
        // Not numbered: a tally during a join waits for nothing (the snapshot has its own).
        if (this.state && !this.#queue) this.state = applyTally(this.state, tally);
      }),
      // Reactions and mutes carry no seq: they move the state as they come, and the next
      // snapshot sets them right if one was missed.
      subscribe(socket, ServerEvent.ReactionBurst, (burst) => {
        if (burst.sessionId === this.#sessionId && this.state && !this.#queue) this.state = applyBurst(this.state, burst.counts);
      }),
      subscribe(socket, ServerEvent.ParticipantMuted, ({ mute }) => this.#muteChanged(mute, false)),
      subscribe(socket, ServerEvent.ParticipantUnmuted, ({ mute }) => this.#muteChanged(mute, true)),
      // A phone waking up or a tab coming back may have missed more than Socket.IO can tell.
      onVisible(() => {
        if (socket.connected) void this.join();
        else reconnectNow(socket);
      }),
      // The network is back: try now rather than when the backoff timer says (up to 5 s).
      onBrowserOnline(() => reconnectNow(socket)),
      this.#keepSaved(),
    ];
    // A socket that is already connected (shared with the agenda page) fires no 'connect'.
    if (socket.connected) void this.join();
    return () => {
      this.#generation += 1;
      this.#clearRejoin();
      this.outbox.stop();
      for (const stop of stops) stop();
      if (socket.connected) void request(socket, ClientEvent.SessionLeave, { sessionId: this.#sessionId });
    };
  }

  /** Saves the state shown (throttled) for the next visit without network. */
  #keepSaved(): () => void {
    const saved = this.#options.saved;
    if (!saved) return () => undefined;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const write = (): void => {
      timer = null;
      if (!this.state || this.savedAt) return;
      try {
        saved.storage.setItem(saved.key, serializeState(this.state, Date.now()));
      } catch {
        // Storage full or blocked (private mode): the live view works without it.
      }
    };
    const stop = $effect.root(() => {
      $effect(() => {
        // Read to subscribe: a fresh snapshot or any change schedules one write.
        if (this.state && !this.savedAt) timer ??= setTimeout(write, SAVE_EVERY_MS);
      });
    });
    return () => {
      stop();
      if (timer) {
        clearTimeout(timer);
        write();
      }
    };
  }

  /**
   * Fetches a fresh snapshot and replays what arrived meanwhile, then sends the outbox. The
   * state shown so far stays until the snapshot replaces it: no blank, no flicker.
   */
  async join(): Promise<void> {
    const generation = ++this.#generation;
    this.#clearRejoin();
    this.#queue = [];
    const result = await request(this.#socket, ClientEvent.SessionJoin, { sessionId: this.#sessionId });
    if (generation !== this.#generation) return;
    const queued = this.#queue ?? [];
    this.#queue = null;
    if (!result.ok) {
      this.joinError = result.error;
      // What came meanwhile still moves the old state on (or reveals a gap).
      for (const change of queued) this.#receive(change);
      if (result.error.code === 'timeout' && this.#socket.connected) {
        this.#rejoinTimer = setTimeout(() => void this.join(), REJOIN_AFTER_MS);
      }
      return;
    }
    this.joinError = null;
    this.state = stateFromSnapshot(result.data);
    this.savedAt = null;
    for (const change of queued) this.#receive(change);
    void this.#flush();
  }

  /**
   * Asks a question through the outbox. Resolves with the server's answer, or with
   * `network` / `timeout` when there was none: the question then waits in the outbox (shown
   * as sending) and goes out, with the same clientId, as soon as the link allows.
   */
  async ask(text: string, anonymous: boolean, clientId: string): Promise<Result<Question>> {
    const item = askItem({ sessionId: this.#sessionId, text, anonymous, clientId });
    const answer = await this.#send<Question>(item);
    // A refusal answered to the ask box is shown there, the text kept for another try: the
    // outbox does not list it a second time (it only keeps refusals nobody was there to read).
    if (!answer.ok && !isUnanswered(answer.error)) this.outbox.dismiss(item.id);
    return answer;
  }

  /** Gives or takes back an upvote through the outbox (see `ask`); the newest choice wins. */
  vote(questionId: string, vote: boolean): Promise<Result<QuestionVoteResult>> {
    return this.#send<QuestionVoteResult>(voteItem({ questionId, vote }));
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

  /** A moderator's translation of a question into `lang`; an empty text removes it. */
  translate(questionId: string, lang: Lang, text: string): Promise<Result<Question>> {
    return this.#changeQuestion(() => request(this.#socket, ClientEvent.QuestionTranslate, { questionId, lang, text }));
  }

  /** A moderator merges a duplicate into the question that stays (its variants, its pooled votes). */
  merge(questionId: string, intoId: string): Promise<Result<Question>> {
    return this.#changeQuestion(() => request(this.#socket, ClientEvent.QuestionMerge, { questionId, intoId }));
  }

  /** A moderator undoes a merge: the question's variant at `variantIndex` stands on its own again. */
  unmerge(questionId: string, variantIndex: number): Promise<Result<Question>> {
    return this.#changeQuestion(() => request(this.#socket, ClientEvent.QuestionUnmerge, { questionId, variantIndex }));
  }

  /**
   * Published questions like the one being typed (attendees, before asking). Offline there
   * is nobody to ask: no suggestions, and nothing waits in the outbox for them.
   */
  async similar(text: string): Promise<SimilarQuestion[]> {
    if (!this.#socket.connected) return [];
    const result = await request(this.#socket, ClientEvent.QuestionSimilar, { sessionId: this.#sessionId, text });
    return result.ok ? result.data : [];
  }

  /**
   * Opens or closes Q&A, turns pre-moderation or anonymity on or off (moderators). The new
   * session reaches this page, like every viewer's, through the numbered `agenda:update`.
   */
  settings(qa: Partial<QaSettings>): Promise<Result<Session>> {
    return request(this.#socket, ClientEvent.SessionSettings, { sessionId: this.#sessionId, qa });
  }

  /** The viewer's ballot through the outbox (see `ask`); `clientId` stays the same for retries of one attempt. */
  pollVote(pollId: string, ballot: Ballot, clientId: string): Promise<Result<{ pollId: string; ballot: Ballot }>> {
    return this.#send<{ pollId: string; ballot: Ballot }>(ballotItem({ pollId, ballot, clientId }));
  }

  /**
   * The attendee's feedback on the ended session through the outbox (see `ask`): a newer give
   * replaces one still waiting; `clientId` stays the same for retries of one attempt.
   */
  giveFeedback(rating: number, comment: string, clientId: string): Promise<Result<Feedback>> {
    const text = comment.trim();
    return this.#send<Feedback>(feedbackItem({ sessionId: this.#sessionId, rating, clientId, ...(text ? { comment: text } : {}) }));
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

  /** A moderator takes a word off a word cloud for everyone (or puts it back). */
  pollHideWord(pollId: string, word: string, hidden: boolean): Promise<Result<Poll>> {
    return this.#changePoll(() => request(this.#socket, ClientEvent.PollHideWord, { pollId, word, hidden }));
  }

  /** A moderator deletes a poll (its `poll:remove` follows). */
  pollDelete(pollId: string): Promise<Result<{ pollId: string }>> {
    return request(this.#socket, ClientEvent.PollDelete, { pollId });
  }

  /**
   * An attendee's tap on a reaction. Not kept in the outbox: a clap sent a minute late means
   * nothing, so offline or unanswered it is simply let go.
   */
  react(kind: ReactionKind): Promise<Result<ReactionSent>> {
    return requestNow(this.#socket, ClientEvent.ReactionSend, { sessionId: this.#sessionId, kind }, REACTION_TIMEOUT_MS);
  }

  /** A moderator mutes the author of a question (never named) for the session or the event, for `minutes` or until lifted. */
  async mute(questionId: string, scope: MuteScope, minutes?: number): Promise<Result<Mute>> {
    const result = await request(this.#socket, ClientEvent.ParticipantMute, { questionId, scope, ...(minutes ? { minutes } : {}) });
    if (result.ok) this.#muteChanged(result.data, false);
    return result;
  }

  /** A moderator lifts a mute. */
  async unmute(muteId: string): Promise<Result<Mute>> {
    const result = await request(this.#socket, ClientEvent.ParticipantUnmute, { muteId });
    if (result.ok) this.#muteChanged(result.data, true);
    return result;
  }

  #muteChanged(mute: Mute, lifted: boolean): void {
    // An event-wide mute made elsewhere holds here too; a session one only in its session.
    if (mute.scope === 'session' && mute.sessionId !== this.#sessionId) return;
    if (this.state) this.state = applyMuteChange(this.state, mute, lifted);
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

  /**
   * A (re)connection. When Socket.IO recovered it, the server kept this socket's rooms and
   * has just replayed what it missed, in order (a seq gap would still ask for a snapshot):
   * only the outbox is left to send. Otherwise the rooms are gone: join for a fresh snapshot.
   */
  #connected(): void {
    if (this.#socket.recovered && this.state && !this.#queue) void this.#flush();
    else void this.join();
  }

  async #send<T>(item: OutboxItem): Promise<Result<T>> {
    this.outbox.add(item);
    const answers = await this.#flush();
    const answer = answers[item.id] as Result<T> | undefined;
    return answer ?? { ok: false, error: { code: 'network', message: `${item.kind}: waiting in the outbox` } };
  }

  #flush(): Promise<Answers> {
    return this.outbox.flush((item) => this.#deliver(item));
  }

  /** Sends one outbox item and takes its answer into the state. */
  async #deliver(item: OutboxItem): Promise<Result<unknown>> {
    const socket = this.#socket;
    switch (item.kind) {
      case 'ask': {
        const result = await requestNow(socket, ClientEvent.QuestionAsk, item.input, OUTBOX_TIMEOUT_MS);
        if (result.ok && this.state) this.state = applyAsked(this.state, result.data);
        return result;
      }
      case 'vote': {
        const seqAtSend = this.state?.seq ?? 0;
        const result = await requestNow(socket, ClientEvent.QuestionVote, item.input, OUTBOX_TIMEOUT_MS);
        if (result.ok && this.state) this.state = applyVoted(this.state, result.data, seqAtSend);
        return result;
      }
      case 'ballot': {
        const result = await requestNow(socket, ClientEvent.PollVote, item.input, OUTBOX_TIMEOUT_MS);
        if (result.ok && this.state) this.state = applyBallot(this.state, result.data.pollId, result.data.ballot);
        return result;
      }
      case 'feedback': {
        const result = await requestNow(socket, ClientEvent.FeedbackGive, item.input, OUTBOX_TIMEOUT_MS);
        if (result.ok && this.state) this.state = applyFeedback(this.state, result.data);
        return result;
      }
      case 'survey':
        // A survey answer belongs to the event's outbox (event-surveys.svelte.ts), never a session's; sent as it would be there.
        return requestNow(socket, ClientEvent.SurveyAnswer, item.input, OUTBOX_TIMEOUT_MS);
    }
  }

  #clearRejoin(): void {
    if (this.#rejoinTimer) clearTimeout(this.#rejoinTimer);
    this.#rejoinTimer = null;
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
