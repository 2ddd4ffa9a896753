import type { Mute, ReactionCounts } from '@jisr/protocol/audience';
import type { Session } from '@jisr/protocol/event';
import type { Feedback, FeedbackSummary } from '@jisr/protocol/feedback';
import type { AgendaUpdate, PollRemove, PollUpsert, QuestionRemove, QuestionUpsert } from '@jisr/protocol/events';
import type { Ballot, Poll, Tally } from '@jisr/protocol/poll';
import type { Question, QuestionVoteResult } from '@jisr/protocol/question';
import type { Role } from '@jisr/protocol/roles';
import type { SessionSnapshot } from '@jisr/protocol/session';
import type { Stage, StagedAnswer, StageUpdate } from '@jisr/protocol/stage';

/**
 * What one viewer knows of one session, rebuilt from a `session:join` snapshot and moved
 * forward by the server's numbered changes. Pure and immutable: the runes class around it
 * only swaps the whole value, and these rules are tested on their own.
 */
export interface QaState {
  /** The session's change counter this state includes. */
  seq: number;
  session: Session;
  role: Role;
  questions: readonly Question[];
  /** For each question, the seq of the last change of it this state includes. */
  questionSeq: Readonly<Record<string, number>>;
  myVotes: ReadonlySet<string>;
  myQuestionIds: ReadonlySet<string>;
  /**
   * Questions merged into others that this viewer asked (the snapshot's) or asked or voted for
   * (merged while watching). Whose is which once one comes back (an unmerge) only the server
   * knows, so its return asks for a fresh snapshot.
   */
  followedMerges?: ReadonlySet<string>;
  /** The session's polls this viewer may see (drafts only for staff), in creation order. */
  polls: readonly Poll[];
  /** The latest tally of each poll whose results this viewer may see. */
  tallies: Readonly<Record<string, Tally>>;
  /** The viewer's own ballots, by poll id. */
  myBallots: Readonly<Record<string, Ballot>>;
  /** What the moderator put on the room screen (`auto` until directed; core's resolveStage reads it). */
  stage: Stage;
  /** The texts of the open-text answers on stage, when the stage is `answers`. */
  stagedAnswers: readonly StagedAnswer[];
  /** Attendees: their own feedback on the session (the snapshot's, then their last acked give). */
  myFeedback?: Feedback;
  /** Organizers and the session's speakers, once it ended: its feedback summed up. */
  feedback?: FeedbackSummary;
  /** Staff and speakers: the session's reactions so far, by kind (the snapshot's, then every burst added). */
  reactions?: ReactionCounts;
  /** Staff: the mutes that hold in this session (kept current by `participant:muted` / `unmuted`). */
  mutes?: readonly Mute[];
}

/** A numbered change pushed by the server for a session. */
export type SessionChange =
  | { type: 'question-upsert'; message: QuestionUpsert }
  | { type: 'question-remove'; message: QuestionRemove }
  | { type: 'session-update'; message: AgendaUpdate }
  | { type: 'poll-upsert'; message: PollUpsert }
  | { type: 'poll-remove'; message: PollRemove }
  | { type: 'stage-update'; message: StageUpdate };

export type ApplyOutcome =
  /** The change was the next one: here is the new state. */
  | { result: 'applied'; state: QaState }
  /** Already included (seq <= current) or about another session: nothing to do. */
  | { result: 'ignored' }
  /** At least one change was missed, or one only a fresh snapshot can apply (an unmerge of the viewer's question). */
  | { result: 'gap' };

export function stateFromSnapshot(snapshot: SessionSnapshot): QaState {
  return {
    seq: snapshot.seq,
    session: snapshot.session,
    role: snapshot.role,
    questions: snapshot.questions,
    questionSeq: Object.fromEntries(snapshot.questions.map((question) => [question.id, snapshot.seq])),
    myVotes: new Set(snapshot.myVotes),
    myQuestionIds: new Set(snapshot.myQuestionIds),
    ...(snapshot.myMergedQuestionIds?.length ? { followedMerges: new Set(snapshot.myMergedQuestionIds) } : {}),
    polls: snapshot.polls,
    tallies: snapshot.tallies,
    myBallots: snapshot.myBallots,
    stage: snapshot.stage ?? { kind: 'auto' },
    stagedAnswers: snapshot.stagedAnswers ?? [],
    ...(snapshot.myFeedback ? { myFeedback: snapshot.myFeedback } : {}),
    ...(snapshot.feedback ? { feedback: snapshot.feedback } : {}),
    ...(snapshot.reactions ? { reactions: snapshot.reactions } : {}),
    ...(snapshot.mutes ? { mutes: snapshot.mutes } : {}),
  };
}

/** The attendee's feedback as the server acked it: the card shows it as theirs. */
export function applyFeedback(state: QaState, feedback: Feedback): QaState {
  return feedback.sessionId === state.session.id ? { ...state, myFeedback: feedback } : state;
}

export function changeSessionId(change: SessionChange): string {
  switch (change.type) {
    case 'question-upsert':
      return change.message.question.sessionId;
    case 'question-remove':
      return change.message.sessionId;
    case 'session-update':
      return change.message.session.id;
    case 'poll-upsert':
      return change.message.poll.sessionId;
    case 'poll-remove':
    case 'stage-update':
      return change.message.sessionId;
  }
}

function upsertQuestion(questions: readonly Question[], question: Question): Question[] {
  const index = questions.findIndex((existing) => existing.id === question.id);
  if (index === -1) return [...questions, question];
  return questions.map((existing, at) => (at === index ? question : existing));
}

/**
 * The seq rule: a change numbered current + 1 is applied; one at or below current is old
 * news (the snapshot or an earlier message had it); anything higher means one was missed.
 */
export function applyChange(state: QaState, change: SessionChange): ApplyOutcome {
  if (changeSessionId(change) !== state.session.id) return { result: 'ignored' };
  const { seq } = change.message;
  if (seq <= state.seq) return { result: 'ignored' };
  if (seq !== state.seq + 1) return { result: 'gap' };
  switch (change.type) {
    case 'question-upsert': {
      const { question } = change.message;
      // Unmerged: "my question" and the vote marks go back to where they were, which a snapshot says.
      if (state.followedMerges?.has(question.id)) return { result: 'gap' };
      return {
        result: 'applied',
        state: {
          ...state,
          seq,
          questions: upsertQuestion(state.questions, question),
          questionSeq: { ...state.questionSeq, [question.id]: seq },
        },
      };
    }
    case 'question-remove': {
      const { questionId, intoId } = change.message;
      return {
        result: 'applied',
        state: {
          ...followMerge(state, questionId, intoId),
          seq,
          questions: state.questions.filter((question) => question.id !== questionId),
          questionSeq: { ...state.questionSeq, [questionId]: seq },
        },
      };
    }
    case 'session-update':
      return { result: 'applied', state: { ...state, seq, session: change.message.session } };
    case 'poll-upsert':
      return { result: 'applied', state: { ...upsertPoll(state, change.message.poll), seq } };
    case 'poll-remove':
      return { result: 'applied', state: { ...withoutPoll(state, change.message.pollId), seq } };
    case 'stage-update':
      return { result: 'applied', state: { ...state, seq, stage: change.message.stage, stagedAnswers: change.message.answers ?? [] } };
  }
}

/**
 * A question merged into another (`intoId`): its author and voters follow the one that
 * stayed, so "my question" and the vote mark move there (the server counts them there too).
 */
function followMerge(state: QaState, questionId: string, intoId: string | undefined): QaState {
  if (intoId === undefined) return state;
  const mine = state.myQuestionIds.has(questionId);
  const voted = state.myVotes.has(questionId);
  if (!mine && !voted) return state;
  return {
    ...state,
    myQuestionIds: mine ? new Set(state.myQuestionIds).add(intoId) : state.myQuestionIds,
    myVotes: voted ? new Set(state.myVotes).add(intoId) : state.myVotes,
    followedMerges: new Set(state.followedMerges).add(questionId),
  };
}

function omit<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _gone, ...rest } = record;
  return rest;
}

/**
 * A poll's new version. A poll back in draft (a reset) has no ballots left: its tally and
 * the viewer's ballot go with them.
 */
function upsertPoll(state: QaState, poll: Poll): QaState {
  const index = state.polls.findIndex((existing) => existing.id === poll.id);
  const polls = index === -1 ? [...state.polls, poll] : state.polls.map((existing, at) => (at === index ? poll : existing));
  if (poll.state !== 'draft') return { ...state, polls };
  return { ...state, polls, tallies: omit(state.tallies, poll.id), myBallots: omit(state.myBallots, poll.id) };
}

function withoutPoll(state: QaState, pollId: string): QaState {
  return {
    ...state,
    polls: state.polls.filter((poll) => poll.id !== pollId),
    tallies: omit(state.tallies, pollId),
    myBallots: omit(state.myBallots, pollId),
  };
}

/**
 * A `poll:tally` (no seq: the server sends the whole latest count, at most every 100 ms).
 * The newest replaces the last; one for another session or a poll not known is dropped.
 */
export function applyTally(state: QaState, tally: Tally): QaState {
  if (tally.sessionId !== state.session.id) return state;
  if (!state.polls.some((poll) => poll.id === tally.pollId)) return state;
  return { ...state, tallies: { ...state.tallies, [tally.pollId]: tally } };
}

/** The ack of the viewer's own `poll:vote`: their ballot, kept to show what they chose. */
export function applyBallot(state: QaState, pollId: string, ballot: Ballot): QaState {
  if (!state.polls.some((poll) => poll.id === pollId)) return state;
  return { ...state, myBallots: { ...state.myBallots, [pollId]: ballot } };
}

/** The ack of a moderator's poll action (no seq): taken only if the poll is still there. */
export function applyPollAcked(state: QaState, poll: Poll): QaState {
  if (poll.sessionId !== state.session.id) return state;
  const known = state.polls.find((existing) => existing.id === poll.id);
  if (!known) return upsertPoll(state, poll);
  return state;
}

/**
 * The ack of the viewer's own `question:ask`. It carries no seq, so it only adds what the
 * numbered stream has not brought yet; the broadcast of the same question wins.
 */
export function applyAsked(state: QaState, question: Question): QaState {
  if (question.sessionId !== state.session.id) return state;
  const known = state.questions.some((existing) => existing.id === question.id);
  const seen = state.questionSeq[question.id] !== undefined;
  return {
    ...state,
    questions: known || seen ? state.questions : [...state.questions, question],
    myQuestionIds: new Set(state.myQuestionIds).add(question.id),
  };
}

/**
 * The ack of the viewer's own `question:vote`, sent when the state was at `seqAtSend`.
 * Whether the viewer voted is theirs alone: always taken. The count is taken only if no
 * numbered change of that question arrived since sending: such a change is at least as new
 * (the vote's own broadcast, or a later one), while the ack may have been overtaken.
 */
export function applyVoted(state: QaState, vote: QuestionVoteResult, seqAtSend: number): QaState {
  const myVotes = new Set(state.myVotes);
  if (vote.voted) myVotes.add(vote.questionId);
  else myVotes.delete(vote.questionId);
  const overtaken = (state.questionSeq[vote.questionId] ?? -1) > seqAtSend;
  const questions = overtaken
    ? state.questions
    : state.questions.map((question) => (question.id === vote.questionId ? { ...question, votes: vote.votes } : question));
  return { ...state, myVotes, questions };
}

/**
 * The ack of a change the viewer made to one question (an edit, a moderation, a reply,
 * labels), sent when the state was at `seqAtSend`. Like a vote's ack it has no seq: it is
 * taken only if no numbered change of that question arrived since, and never brings back
 * a question that is gone.
 */
export function applyAcked(state: QaState, question: Question, seqAtSend: number): QaState {
  if (question.sessionId !== state.session.id) return state;
  if ((state.questionSeq[question.id] ?? -1) > seqAtSend) return state;
  if (!state.questions.some((existing) => existing.id === question.id)) return state;
  return { ...state, questions: upsertQuestion(state.questions, question) };
}

/** The ack of the viewer's own `question:delete`: gone at once (its `question:remove` follows). */
export function applyDeleted(state: QaState, questionId: string): QaState {
  if (!state.questions.some((question) => question.id === questionId)) return state;
  return { ...state, questions: state.questions.filter((question) => question.id !== questionId) };
}
