import type { QuestionRecord } from '@jisr/core/questions';
import type { Lang } from '@jisr/protocol/common';
import type { Event, Room, Session, Speaker } from '@jisr/protocol/event';
import type { Participant } from '@jisr/protocol/http';
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
export interface Store {
  /** Cheap reachability check for /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;

  createUser(user: NewUser): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | null>;
  /** Case-insensitive. */
  getUserByEmail(email: string): Promise<UserRecord | null>;
  countUsers(): Promise<number>;

  /** Fails with StoreConflict when the join code is taken. */
  createEvent(event: NewEvent): Promise<EventRecord>;
  getEvent(id: string): Promise<EventRecord | null>;
  /** `code` is compared case-insensitively. */
  getEventByCode(code: string): Promise<EventRecord | null>;
  listEvents(): Promise<EventRecord[]>;

  createRoom(room: NewRoom): Promise<Room>;
  listRooms(eventId: string): Promise<Room[]>;

  createSpeaker(speaker: NewSpeaker): Promise<Speaker>;
  listSpeakers(eventId: string): Promise<Speaker[]>;

  createSession(session: NewSession): Promise<Session>;
  getSession(id: string): Promise<Session | null>;
  listSessions(eventId: string): Promise<Session[]>;

  createParticipant(participant: NewParticipant): Promise<Participant>;
  getParticipant(id: string): Promise<Participant | null>;

  /**
   * Stores a question and bumps the session's seq, unless (authorKey, clientId) already
   * asked: then the stored question comes back with `created: false` and nothing changes.
   */
  askQuestion(question: NewQuestion): Promise<AskResult>;
  getQuestion(id: string): Promise<QuestionRecord | null>;
  listQuestions(sessionId: string): Promise<QuestionRecord[]>;
  /**
   * Gives (`vote: true`) or takes back (`vote: false`) the voter's one vote on a question;
   * updates the count and bumps seq only when something changed.
   */
  voteQuestion(questionId: string, voterKey: string, vote: boolean): Promise<VoteResult>;
  /** Ids of the session's questions this voter voted for. */
  listVotes(sessionId: string, voterKey: string): Promise<string[]>;

  listPolls(sessionId: string): Promise<Poll[]>;

  /** The session's change counter: 0 before any change. */
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
