import type { QuestionRecord } from '@jisr/core/questions';
import type { Lang } from '@jisr/protocol/common';
import type { Event, Room, Session, Speaker } from '@jisr/protocol/event';
import type { Invite, Participant } from '@jisr/protocol/http';
import type { Contribution, TallyCounts } from '@jisr/core/poll-ballots';
import type { Ballot, Poll, PollOption, PollSettings, PollState, PollTranslations } from '@jisr/protocol/poll';
import type { DetectedLang, QuestionStatus, QuestionTranslation, QuestionTranslations } from '@jisr/protocol/question';
import type { Announcement } from '@jisr/protocol/agenda';
import type { TextAnswer } from '@jisr/protocol/poll-answers';
import type { Stage } from '@jisr/protocol/stage';
import type { StageRecord } from './stage-record.js';
import type { InsightsStore } from './insights.js';
import type { AuditStore } from './audit.js';
import type { RetentionStore } from './retention.js';
import type { EventDump } from '@jisr/protocol/event-dump';
import type { ImportOptions, ImportResult } from './event-dump.js';
import type { EventCopy } from './event-copy.js';
import type { OrganizerStore } from './organizers.js';
import type { LiveDataStore } from './rehearsal.js';
import type { SpeakerPhotoStore } from './speaker-photos.js';
import type { MuteStore } from './mutes.js';
import type { FeedbackStore } from './feedback.js';
import type { SurveyStore } from './surveys.js';

/** An event as stored: the public fields plus its owner and co-organizers (user ids). */
export interface EventRecord extends Event {
  ownerId: string;
  /** Co-organizers, in the order they joined (the owner is not among them): see organizers.ts. */
  organizerIds: string[];
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: string;
}

export type NewEvent = Omit<EventRecord, 'id' | 'organizerIds'>;

/**
 * A change to an event. Fields left out stay; `null` clears the logo, the colour or the
 * fallback order. The owner never changes.
 */
export type EventChange = Partial<Omit<NewEvent, 'ownerId' | 'logoUrl' | 'color' | 'fallbackLangs'>> & {
  logoUrl?: string | null;
  color?: string | null;
  fallbackLangs?: Lang[] | null;
};

export interface RoomChange {
  name?: Room['name'];
  position?: number;
}

/** Fields left out stay; `null` clears an optional one. */
export interface SpeakerChange {
  name?: string;
  bio?: Speaker['bio'];
  photoUrl?: string | null;
  affiliation?: string | null;
  country?: string | null;
}

export type NewAnnouncement = Omit<Announcement, 'id'>;
export type NewRoom = Omit<Room, 'id'>;
export type NewSpeaker = Omit<Speaker, 'id'>;
export type NewSession = Omit<Session, 'id'>;
export type NewUser = Omit<UserRecord, 'id' | 'createdAt'>;

export interface NewParticipant {
  eventId: string;
  name?: string;
  lang: Lang;
}

export interface NewQuestion {
  sessionId: string;
  /** `actorKey` of the asker: who may edit it and whose retries are deduplicated. */
  authorKey: string;
  authorName?: string;
  text: string;
  lang: Lang;
  anonymous: boolean;
  status: QuestionStatus;
  clientId: string;
  createdAt: string;
  /** Held for review by the profanity filter. */
  held?: boolean;
  /** The text's language as detected (DESIGN 4b). */
  detectedLang?: DetectedLang;
  /** Ids of the session's questions this one likely duplicates (core's similarQuestionIds). */
  similar?: string[];
}

/** An engine's translation as a store keeps it: `by: 'machine'` is implied. */
export type MachineTranslation = Pick<QuestionTranslation, 'text' | 'engine' | 'pivot'>;

/**
 * A change to one question. `null` clears an optional field. Fields left out stay as
 * they are.
 */
export interface QuestionChange {
  status?: QuestionStatus;
  pinned?: boolean;
  answeredAt?: string | null;
  reply?: string | null;
  labels?: string[];
  text?: string;
  editedAt?: string;
  held?: boolean;
  /** `null` removes every translation: the author rewrote the question they translated. */
  translations?: null;
  /** The rewritten text's language as detected. */
  detectedLang?: DetectedLang;
  /** Likely duplicates, recomputed (after a translation arrived, say); `null` or [] clears them. */
  similar?: string[] | null;
}

/**
 * What must still hold when the change is applied, checked in the same atomic step
 * (two moderators clicking at once, an author editing while a moderator answers).
 * When it doesn't hold, the operation throws StoreConflict and changes nothing.
 */
export interface QuestionGuard {
  /** The question is in one of these states. */
  statuses?: readonly QuestionStatus[];
  /** The question was asked by this actor. */
  authorKey?: string;
}

/** The Q&A and agenda settings a moderator may change on a session, and the organizer's edits. */
export interface SessionChange {
  qa?: Partial<Session['qa']>;
  status?: Session['status'];
  delayMinutes?: number;
  roomId?: string;
  startsAt?: string;
  endsAt?: string;
  kind?: Session['kind'];
  title?: Session['title'];
  description?: Session['description'];
  speakerIds?: string[];
}

/** What a session must still be for a change planned on it to apply (compared as stored). */
export interface SessionExpectation {
  status?: Session['status'];
  delayMinutes?: number;
  roomId?: string;
  startsAt?: string;
  endsAt?: string;
}

/** One session's change in updateSessions. */
export interface SessionUpdate {
  sessionId: string;
  change: SessionChange;
  expected?: SessionExpectation;
}

/** An invite link as stored: only a hash of its secret token is kept. */
export interface InviteRecord extends Invite {
  tokenHash: string;
  createdBy: string;
}

export type NewInvite = Omit<InviteRecord, 'id' | 'revoked' | 'uses' | 'usedBy'>;

export type NewPoll = Omit<Poll, 'id'>;

/** A change to a poll; `null` clears an optional time. Fields left out stay as they are. */
export interface PollChange {
  state?: PollState;
  prompt?: string;
  options?: PollOption[];
  settings?: PollSettings;
  revealed?: boolean;
  openedAt?: string | null;
  closesAt?: string | null;
  lang?: Lang;
  /** Replaces the whole map; `null` removes every translation. */
  translations?: PollTranslations | null;
}

/** What must still hold when a poll change is applied (else StoreConflict, nothing changed). */
export interface PollGuard {
  states?: readonly PollState[];
  /**
   * The prompt, options and translations as the caller read them: the change applies only
   * while they are still these. An engine's translation of a draft uses it, so that it never
   * lands on a newer text or over a moderator's correction made meanwhile.
   */
  texts?: Pick<Poll, 'prompt' | 'options' | 'translations'>;
}

export interface NewBallot {
  pollId: string;
  /** `actorKey` of the voter: one ballot per voter per poll. */
  voterKey: string;
  /** Shown on a quiz leaderboard; absent for anonymous voters. */
  voterName?: string;
  ballot: Ballot;
  /** What the ballot adds to the running tally (core's ballotContributions). */
  contributions: Contribution[];
  /** Quiz points earned by this ballot. */
  score?: number;
  clientId: string;
  castAt: string;
  /** May a voter who already voted replace their ballot? (the poll's allowChange) */
  allowChange: boolean;
  /**
   * The voter's shared event limit, counted in the same atomic call as the ballot (one Redis
   * round trip a vote instead of two): one point is used first, whatever the ballot's fate,
   * and when it goes over `points` nothing is cast (outcome `limited`). Only the Redis store
   * takes it (the limit's key lives in the same Redis, in the event's slot); the SQLite store
   * refuses it with a TypeError, its node's limits being in memory.
   */
  limit?: CountedLimit;
}

/**
 * A fixed-window counter as rate-limiter-flexible's RateLimiterRedis keeps it (an integer key
 * that expires `seconds` after its first point), so both count into the same key.
 */
export interface CountedLimit {
  key: string;
  points: number;
  seconds: number;
}

/**
 * - cast: a first ballot, counted.
 * - changed: the voter's earlier ballot replaced (its contributions taken back, the new ones added).
 * - repeat: this voter already cast with this clientId: nothing counted again; `ballot` is the stored one.
 * - locked: the voter already voted and the poll doesn't allow changes; `ballot` is the stored one.
 * - closed: the poll is not open; nothing stored.
 * - limited: over the ballot's `limit`; nothing stored, `retryAfterMs` says when the window ends.
 */
export type CastOutcome = 'cast' | 'changed' | 'repeat' | 'locked' | 'closed' | 'limited';

export interface CastResult {
  outcome: CastOutcome;
  ballot?: Ballot;
  /**
   * For a ballot with a text, cast or changed: the id its answer got, whether it is hidden
   * (a moderator hid this voter's earlier answer), and the id of the answer it replaces.
   */
  answer?: { id: string; hidden: boolean; replaces?: string };
  /** For `limited`: how long until the limit's window ends. */
  retryAfterMs?: number;
}

/** A change to a session's shared state, with the session's `seq` after it. */
export interface Sequenced<T> {
  value: T;
  seq: number;
}

export interface AskResult extends Sequenced<QuestionRecord> {
  /** False when this (authorKey, clientId) had already asked: the same question comes back, seq unchanged. */
  created: boolean;
}

export interface VoteResult extends Sequenced<QuestionRecord> {
  /** False when the vote was already as asked (a second upvote, or taking back a vote never given). */
  changed: boolean;
}

/**
 * Everything Jisr keeps. Each operation is atomic on its own: the rule it checks and the
 * change it makes happen in one step, so two nodes or two sockets can never interleave
 * inside it. Every implementation passes `runStoreContract`.
 */
export interface Store extends InsightsStore, AuditStore, RetentionStore, OrganizerStore, LiveDataStore, MuteStore, FeedbackStore, SurveyStore, SpeakerPhotoStore {
  /** Cheap reachability check for /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /**
   * Deletes the asker's name that builds before issue 19.11 stored with an anonymous
   * question (none is read back since; none should be kept either). `jisr migrate` runs it.
   * Idempotent: returns how many names it deleted.
   */
  forgetAnonymousAuthorNames(): Promise<number>;

  /** Fails with StoreConflict when the email is taken (case-insensitively). */
  createUser(user: NewUser): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | null>;
  /** Case-insensitive. */
  getUserByEmail(email: string): Promise<UserRecord | null>;
  countUsers(): Promise<number>;
  /** Replaces the user's password hash (an admin's reset); StoreNotFound for an unknown user. */
  updateUserPassword(id: string, passwordHash: string): Promise<UserRecord>;

  /**
   * Stores `code` upper case. Fails with StoreConflict when the join code is taken (in any
   * case), with StoreNotFound when the owner is no user.
   */
  createEvent(event: NewEvent): Promise<EventRecord>;
  getEvent(id: string): Promise<EventRecord | null>;
  /** `code` is compared case-insensitively. */
  getEventByCode(code: string): Promise<EventRecord | null>;
  /** In creation order. */
  listEvents(): Promise<EventRecord[]>;
  /**
   * Applies `change` (a new `code` upper-cased); StoreNotFound for an unknown event,
   * StoreConflict when the new join code is another event's (nothing changes then).
   */
  updateEvent(id: string, change: EventChange): Promise<EventRecord>;
  /**
   * Removes the event and everything in it: rooms, speakers, sessions, their questions,
   * votes, polls and ballots, participants, invites, announcements. Its join code is free
   * again. StoreNotFound for an unknown event.
   */
  deleteEvent(id: string): Promise<void>;
  /** The event and everything in it as a store-neutral document (see event-dump.ts); StoreNotFound for an unknown event. */
  exportEvent(id: string): Promise<EventDump>;
  /** Recreates an exported event with its ids; StoreConflict (nothing written) when its id, code or an id in it is taken. */
  importEvent(dump: EventDump, options?: ImportOptions): Promise<ImportResult>;
  /**
   * A copy of the event on new dates for another run of the programme (event-copy.ts): its
   * rooms, speakers, sessions (moved on the wall clock), polls as drafts; nothing attendees
   * did. StoreNotFound for an unknown event or owner, StoreConflict when the code is taken.
   */
  duplicateEvent(id: string, copy: EventCopy): Promise<EventRecord>;

  /** Fails with StoreNotFound when the event is unknown. */
  createRoom(room: NewRoom): Promise<Room>;
  /** By position, then creation order. */
  listRooms(eventId: string): Promise<Room[]>;
  /** StoreNotFound unless the room is one of the event's. */
  updateRoom(eventId: string, roomId: string, change: RoomChange): Promise<Room>;
  /**
   * Removes a room and returns it as it was; StoreNotFound unless it is one of the event's,
   * StoreConflict (nothing removed) while a session is in it.
   */
  deleteRoom(eventId: string, roomId: string): Promise<Room>;

  /** Fails with StoreNotFound when the event is unknown. */
  createSpeaker(speaker: NewSpeaker): Promise<Speaker>;
  /** In creation order. */
  listSpeakers(eventId: string): Promise<Speaker[]>;
  /** StoreNotFound unless the speaker is one of the event's. */
  updateSpeaker(eventId: string, speakerId: string, change: SpeakerChange): Promise<Speaker>;
  /**
   * Removes a speaker and returns them as they were; StoreNotFound unless one of the
   * event's, StoreConflict (nothing removed) while a session lists them.
   */
  deleteSpeaker(eventId: string, speakerId: string): Promise<Speaker>;

  /** Fails with StoreNotFound when the event is unknown or the room is not one of its rooms. */
  createSession(session: NewSession): Promise<Session>;
  getSession(id: string): Promise<Session | null>;
  /** By `startsAt` compared as instants (not as text), then creation order. */
  listSessions(eventId: string): Promise<Session[]>;

  /** Fails with StoreNotFound when the event is unknown. */
  createParticipant(participant: NewParticipant): Promise<Participant>;
  getParticipant(id: string): Promise<Participant | null>;

  /**
   * Stores a question and bumps the session's seq, unless (authorKey, clientId) already
   * asked in this session: then the stored question comes back as it is now, with the
   * current seq and `created: false`, and nothing changes. Fails with StoreNotFound when
   * the session is unknown.
   */
  askQuestion(question: NewQuestion): Promise<AskResult>;
  getQuestion(id: string): Promise<QuestionRecord | null>;
  /** In the order they were asked (not by `createdAt`, which the caller supplies). */
  listQuestions(sessionId: string): Promise<QuestionRecord[]>;
  /**
   * Gives (`vote: true`) or takes back (`vote: false`) the voter's one vote on a question;
   * updates the count and bumps seq only when something changed. Fails with StoreNotFound
   * when the question is unknown. A merged group counts a voter once: a vote for a question
   * merged away goes to the kept one (which is returned), a voter who voted for any of the
   * group has voted, and taking the vote back takes it from the whole group.
   */
  voteQuestion(questionId: string, voterKey: string, vote: boolean): Promise<VoteResult>;
  /**
   * Ids of the session's questions this voter voted for, in no particular order. A vote for
   * a question merged into another counts as one for the kept question (listed once).
   */
  listVotes(sessionId: string, voterKey: string): Promise<string[]>;

  /**
   * Merges `questionId` into `intoId` in one atomic step: the merged question (and any
   * question merged into it before) becomes a variant of the kept one, unpinned, out of the
   * lists (`mergedInto` set; listQuestions still returns it); the kept one's `variants` and
   * `votes` now count every voter of the group once. Votes stay where they were cast, so
   * unmerging restores them. Returns [merged, kept], each with its own seq. StoreNotFound for
   * an unknown question; StoreConflict (nothing changed) for the same question, another
   * session, or either already merged.
   */
  mergeQuestion(questionId: string, intoId: string): Promise<Sequenced<QuestionRecord>[]>;
  /**
   * Undoes a merge: the kept question's variant at `variantIndex` is a question of its own
   * again, with the votes cast for it; the kept one's variants and count follow. Returns
   * [restored, kept], each with its own seq. StoreNotFound for an unknown question or no
   * such variant; StoreConflict when `questionId` is itself merged away.
   */
  unmergeQuestion(questionId: string, variantIndex: number): Promise<Sequenced<QuestionRecord>[]>;

  /**
   * Applies `change` to a question when `guard` holds, bumping seq once. With
   * `pinned: true`, any other pinned question of the session is unpinned in the same step
   * (one pinned question per session), each such change with its own seq. Returns every
   * changed question in seq order, the target last. StoreNotFound for an unknown question.
   * A change that alters nothing (even `{}`) still counts as a change: seq + 1.
   */
  updateQuestion(questionId: string, change: QuestionChange, guard?: QuestionGuard): Promise<Sequenced<QuestionRecord>[]>;
  /**
   * Removes a question and its votes when `guard` holds; bumps seq and returns the question
   * as it was. StoreNotFound for an unknown question.
   */
  deleteQuestion(questionId: string, guard?: QuestionGuard): Promise<Sequenced<QuestionRecord>>;
  /**
   * Sets the question's translation into `lang` (`null` removes it), leaving its other
   * translations as they are, in one atomic step (two moderators translating into two
   * languages at once both land); bumps seq. StoreNotFound for an unknown question.
   */
  setQuestionTranslation(questionId: string, lang: Lang, text: string | null): Promise<Sequenced<QuestionRecord>>;
  /**
   * Sets an engine's translation of the question into `lang` (`by: 'machine'`) in one atomic
   * step, only while the question's text is still `sourceText` (an edit made it stale) and
   * its translation into `lang` is absent or a machine's (core's mayReplaceTranslation: a
   * moderator's correction is never overwritten); bumps seq. Otherwise changes nothing and
   * returns null. StoreNotFound for an unknown question.
   */
  setMachineTranslation(questionId: string, lang: Lang, translation: MachineTranslation, sourceText: string): Promise<Sequenced<QuestionRecord> | null>;
  /**
   * Sets the machine translations of the question's reply (replacing those it had) in one
   * atomic step, only while its reply is still `sourceReply` (a newer reply made them stale);
   * bumps seq. Otherwise changes nothing and returns null. A change of `reply` through
   * updateQuestion drops them. StoreNotFound for an unknown question.
   */
  setReplyTranslations(questionId: string, translations: QuestionTranslations, sourceReply: string): Promise<Sequenced<QuestionRecord> | null>;

  /**
   * Changes a session's settings or timing; merges `qa` field by field; bumps seq (even
   * when nothing changed). Fails with StoreNotFound when the session is unknown or the
   * room is not one of its event's rooms.
   */
  updateSession(sessionId: string, change: SessionChange): Promise<Sequenced<Session>>;
  /**
   * Several sessions of one event changed in one atomic step (a delay and the sessions it
   * pushes back): each as updateSession would, each bumping its own seq, results in the
   * order given. If any session is not the event's, or any room not one of its rooms:
   * StoreNotFound and nothing changes. If any session no longer has the values its
   * `expected` names (someone changed it since the caller read it): StoreConflict and
   * nothing changes.
   */
  updateSessions(eventId: string, changes: readonly SessionUpdate[]): Promise<Sequenced<Session>[]>;
  /**
   * Removes a session with its invites and returns it as it was. StoreNotFound when unknown;
   * StoreConflict (nothing removed) when it has questions or polls: those are the record of
   * what was said, so such a session is cancelled, not deleted.
   */
  deleteSession(id: string): Promise<Session>;

  /**
   * Stores an announcement and keeps only the newest `keep` of its event. StoreNotFound
   * for an unknown event.
   */
  addAnnouncement(announcement: NewAnnouncement, keep: number): Promise<Announcement>;
  /** The event's announcements kept, newest first (expired ones included: the caller filters). */
  listAnnouncements(eventId: string): Promise<Announcement[]>;
  /** Removes one and returns it as it was; StoreNotFound unless it is one of the event's. */
  deleteAnnouncement(eventId: string, id: string): Promise<Announcement>;
  /**
   * Sets an announcement's machine translations (replacing those it had; `{}` removes them)
   * and returns it; StoreNotFound unless it is one of the event's (it may have been withdrawn
   * or pushed out while the engine worked).
   */
  setAnnouncementTranslations(eventId: string, id: string, translations: QuestionTranslations): Promise<Announcement>;

  /**
   * Not revoked, 0 uses. Fails with StoreNotFound when the event is unknown or the session
   * is not one of its sessions, with StoreConflict when the token hash is taken.
   */
  createInvite(invite: NewInvite): Promise<InviteRecord>;
  getInvite(id: string): Promise<InviteRecord | null>;
  getInviteByTokenHash(tokenHash: string): Promise<InviteRecord | null>;
  /** Newest first (by creation order, not by the caller-supplied `createdAt`). */
  listInvites(eventId: string): Promise<InviteRecord[]>;
  /** Marks the invite revoked (again is harmless); StoreNotFound when unknown. */
  revokeInvite(id: string): Promise<InviteRecord>;
  /**
   * Counts one more acceptance of the invite, atomically, and adds `usedBy` (the name given)
   * to its `usedBy`, keeping the last USED_BY_KEPT (core); StoreNotFound when unknown.
   */
  recordInviteUse(id: string, usedBy?: string): Promise<InviteRecord>;

  /** In creation order. */
  listPolls(sessionId: string): Promise<Poll[]>;

  /** Stores a poll (ids of its options made by the caller); bumps the session's seq. */
  createPoll(poll: NewPoll): Promise<Sequenced<Poll>>;
  getPoll(id: string): Promise<Poll | null>;
  /**
   * Applies `change` when `guard` holds; bumps seq (even for `{}`). StoreNotFound /
   * StoreConflict as for questions.
   */
  updatePoll(id: string, change: PollChange, guard?: PollGuard): Promise<Sequenced<Poll>>;
  /** Removes a poll with its ballots and counts; bumps seq; returns the poll as it was. */
  deletePoll(id: string): Promise<Sequenced<Poll>>;
  /** Removes every ballot and count of a poll and sets it back to draft; bumps seq. */
  resetPoll(id: string): Promise<Sequenced<Poll>>;
  /** Every open poll of every event (to re-arm close timers after a restart). */
  listOpenPolls(): Promise<Poll[]>;

  /**
   * The one-ballot rule and the tally update in one atomic step: checks the poll is open,
   * deduplicates by (voter, clientId), replaces or refuses an earlier ballot as
   * `allowChange` says, and adds (and takes back) contributions to the running counts.
   * Does not bump seq: tallies travel apart from seq (coalesced, see DESIGN.md section 6).
   */
  castBallot(ballot: NewBallot): Promise<CastResult>;
  /**
   * The running counts of a poll: total ballots, summed contributions (keys at 0 left out),
   * the first label seen for each of those keys (`labels` absent when none). No
   * `leaderboard`: see quizLeaderboard. An unknown poll has `{ total: 0, counts: {} }`.
   */
  getTallyCounts(pollId: string): Promise<TallyCounts>;
  /** The voter's ballots in a session, by poll id. */
  listBallots(sessionId: string, voterKey: string): Promise<Record<string, Ballot>>;
  /**
   * Open-text answers of a poll, oldest first: in the order stored, a changed answer as a new
   * one (with a new id, see stage-record.ts). An unknown poll has none.
   */
  listTextAnswers(pollId: string): Promise<TextAnswer[]>;
  /**
   * Hides an open-text answer from the stage choices (or shows it again) and returns it.
   * The flag belongs to the voter's ballot in that poll: an answer they change stays hidden.
   * Does not bump seq (answers are staff-only and travel apart from it). StoreNotFound for
   * an unknown poll or an id that is none of its current answers.
   */
  setTextAnswerHidden(pollId: string, answerId: string, hidden: boolean): Promise<TextAnswer>;
  /**
   * Named voters with the most quiz points summed over a session's quizzes, best first, ties
   * by name (code point order). Ballots without `voterName` score nothing here; a voter is
   * shown under the name of their latest named quiz ballot. `limit` <= 0 gives [].
   */
  quizLeaderboard(sessionId: string, limit: number): Promise<{ name: string; score: number }[]>;

  /** The session's change counter: 0 before any change, and for an unknown session. */
  getSeq(sessionId: string): Promise<number>;

  /** The session's stage: `{ stage: { kind: 'auto' } }` when never set, and for an unknown session. */
  getStage(sessionId: string): Promise<StageRecord>;
  /**
   * Puts `record` on the session's stage and bumps seq. With `expected`, only while the
   * stage is still that one (an automatic move planned on it): else StoreConflict and
   * nothing changes. StoreNotFound for an unknown session.
   */
  setStage(sessionId: string, record: StageRecord, expected?: Stage): Promise<Sequenced<StageRecord>>;
}

/** A uniqueness rule refused the write (e.g. a join code already taken). */
export class StoreConflict extends Error {
  override readonly name = 'StoreConflict';
}

/** The write names something that doesn't exist (e.g. a vote on an unknown question). */
export class StoreNotFound extends Error {
  override readonly name = 'StoreNotFound';
}
