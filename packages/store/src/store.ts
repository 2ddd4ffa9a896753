import type { QuestionRecord } from '@jisr/core/questions';
import type { Lang } from '@jisr/protocol/common';
import type { Event, Room, Session, Speaker } from '@jisr/protocol/event';
import type { Invite, Participant } from '@jisr/protocol/http';
import type { Poll } from '@jisr/protocol/poll';
import type { QuestionStatus } from '@jisr/protocol/question';

/** An event as stored: the public fields plus its owner (an organizer's user id). */
export interface EventRecord extends Event {
  ownerId: string;
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: string;
}

export type NewEvent = Omit<EventRecord, 'id'>;
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
}

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

/** The Q&A and agenda settings a moderator may change on a session. */
export interface SessionChange {
  qa?: Partial<Session['qa']>;
  status?: Session['status'];
  delayMinutes?: number;
  roomId?: string;
  startsAt?: string;
  endsAt?: string;
}

/** An invite link as stored: only a hash of its secret token is kept. */
export interface InviteRecord extends Invite {
  tokenHash: string;
  createdBy: string;
}

export type NewInvite = Omit<InviteRecord, 'id' | 'revoked' | 'uses'>;

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
export interface Store {
  /** Cheap reachability check for /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;

  /** Fails with StoreConflict when the email is taken (case-insensitively). */
  createUser(user: NewUser): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | null>;
  /** Case-insensitive. */
  getUserByEmail(email: string): Promise<UserRecord | null>;
  countUsers(): Promise<number>;

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

  /** Fails with StoreNotFound when the event is unknown. */
  createRoom(room: NewRoom): Promise<Room>;
  /** By position, then creation order. */
  listRooms(eventId: string): Promise<Room[]>;

  /** Fails with StoreNotFound when the event is unknown. */
  createSpeaker(speaker: NewSpeaker): Promise<Speaker>;
  /** In creation order. */
  listSpeakers(eventId: string): Promise<Speaker[]>;

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
   * when the question is unknown.
   */
  voteQuestion(questionId: string, voterKey: string, vote: boolean): Promise<VoteResult>;
  /** Ids of the session's questions this voter voted for, in no particular order. */
  listVotes(sessionId: string, voterKey: string): Promise<string[]>;

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
   * Changes a session's settings or timing; merges `qa` field by field; bumps seq (even
   * when nothing changed). Fails with StoreNotFound when the session is unknown or the
   * room is not one of its event's rooms.
   */
  updateSession(sessionId: string, change: SessionChange): Promise<Sequenced<Session>>;

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
  /** Counts one more acceptance of the invite, atomically; StoreNotFound when unknown. */
  recordInviteUse(id: string): Promise<InviteRecord>;

  /** In creation order. */
  listPolls(sessionId: string): Promise<Poll[]>;

  /** The session's change counter: 0 before any change, and for an unknown session. */
  getSeq(sessionId: string): Promise<number>;
}

/** A uniqueness rule refused the write (e.g. a join code already taken). */
export class StoreConflict extends Error {
  override readonly name = 'StoreConflict';
}

/** The write names something that doesn't exist (e.g. a vote on an unknown question). */
export class StoreNotFound extends Error {
  override readonly name = 'StoreNotFound';
}
