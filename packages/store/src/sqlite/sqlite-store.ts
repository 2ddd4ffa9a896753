import type { QuestionTranslations } from '@jisr/protocol/question';
import type { QuestionRecord } from '@jisr/core/questions';
import type { Lang } from '@jisr/protocol/common';
import type { InsightBatch } from '@jisr/core/insights';
import type { Room, Session, Speaker } from '@jisr/protocol/event';
import type { Participant } from '@jisr/protocol/http';
import type { Announcement } from '@jisr/protocol/agenda';
import type { TallyCounts } from '@jisr/core/poll-ballots';
import type { Ballot, Poll } from '@jisr/protocol/poll';
import type { TextAnswer } from '@jisr/protocol/poll-answers';
import type { Stage } from '@jisr/protocol/stage';
import type { StageRecord } from '../stage-record.js';
import type {
  AskResult,
  CastResult,
  EventRecord,
  InviteRecord,
  MachineTranslation,
  NewBallot,
  EventChange,
  NewAnnouncement,
  NewEvent,
  NewInvite,
  NewParticipant,
  NewPoll,
  NewQuestion,
  NewRoom,
  NewSession,
  NewSpeaker,
  NewUser,
  PollChange,
  PollGuard,
  QuestionChange,
  QuestionGuard,
  RoomChange,
  Sequenced,
  SessionChange,
  SessionUpdate,
  SpeakerChange,
  Store,
  UserRecord,
  VoteResult,
} from '../store.js';
import type { ImportOptions, ImportResult } from '../event-dump.js';
import type { EventDump } from '@jisr/protocol/event-dump';
import * as agenda from './agenda.js';
import * as admin from './event-admin.js';
import * as dump from './event-dump.js';
import * as userAdmin from './user-admin.js';
import { openDatabase } from './connection.js';
import * as invites from './invites.js';
import { applyMigrations } from './migrations.js';
import * as people from './people.js';
import * as polls from './polls.js';
import { BallotBatch } from './ballot-batch.js';
import * as qa from './qa.js';
import * as merges from './question-merge.js';
import * as insights from './insights.js';
import * as audit from './audit.js';
import * as retention from './retention.js';
import * as stage from './stage.js';
import type { RetentionRecord } from '../retention.js';
import type { NewAuditEntry } from '../audit.js';
import type { AuditEntry } from '@jisr/protocol/audit';
import { Sql } from './sql.js';
import { bindOps, OpsBase } from '../bind-ops.js';
import { duplicateEvent, type EventCopy } from '../event-copy.js';
import type { OrganizerStore } from '../organizers.js';
import type { SpeakerPhotoStore } from '../speaker-photos.js';
import type { LiveDataReset } from '../rehearsal.js';
import * as organizers from './organizers.js';
import * as rehearsal from './rehearsal.js';
import * as speakerPhotos from './speaker-photos.js';
import * as mutes from './mutes.js';
import type { MuteStore } from '../mutes.js';
import * as feedback from './feedback.js';
import type { FeedbackStore } from '../feedback.js';
import * as surveys from './surveys.js';
import type { SurveyStore } from '../surveys.js';

export interface SqliteStoreOptions {
  /** A file path (its directory is created when missing), or ':memory:' for a throwaway store. */
  file: string;
}

/**
 * The embedded store: one SQLite connection, used by one process. libsql's API is
 * synchronous, so each method runs to completion before any other JavaScript does; the
 * transactions in qa.ts, agenda.ts and polls.ts are what keep a write atomic against other processes
 * on the file.
 */
/** Operations added since the first ones: a table, not a method each (see bind-ops.ts). */
const OPS = { ...organizers, ...mutes, ...feedback, ...surveys, setSpeakerPhoto: speakerPhotos.setSpeakerPhoto, getSpeakerPhoto: speakerPhotos.getSpeakerPhoto, removeSpeakerPhoto: speakerPhotos.removeSpeakerPhoto };

export class SqliteStore extends OpsBase<OrganizerStore & MuteStore & FeedbackStore & SurveyStore & SpeakerPhotoStore>() implements Store {
  readonly #sql: Sql;
  readonly #ballots: BallotBatch;

  constructor(sql: Sql) {
    super(bindOps(sql, OPS));
    this.#sql = sql;
    this.#ballots = new BallotBatch(sql);
  }

  async duplicateEvent(id: string, copy: EventCopy): Promise<EventRecord> {
    return duplicateEvent(this, id, copy);
  }

  /** Ballots still waiting in the batch are cast first: a reset leaves none behind. */
  async resetLiveData(eventId: string, sessionId?: string): Promise<LiveDataReset> {
    this.#ballots.flush();
    return rehearsal.resetLiveData(this.#sql, eventId, sessionId);
  }

  async ping(): Promise<boolean> {
    return this.#sql.one<{ ok: number }>('SELECT 1 AS ok')?.ok === 1;
  }

  async close(): Promise<void> {
    // Closing twice is harmless: shutdown paths may race to it.
    if (!this.#sql.db.open) return;
    this.#ballots.flush();
    this.#sql.db.close();
  }

  async createUser(user: NewUser): Promise<UserRecord> {
    return people.createUser(this.#sql, user);
  }

  async getUser(id: string): Promise<UserRecord | null> {
    return people.getUser(this.#sql, id);
  }

  async getUserByEmail(email: string): Promise<UserRecord | null> {
    return people.getUserByEmail(this.#sql, email);
  }

  async countUsers(): Promise<number> {
    return people.countUsers(this.#sql);
  }

  async updateUserPassword(id: string, passwordHash: string): Promise<UserRecord> {
    return userAdmin.updateUserPassword(this.#sql, id, passwordHash);
  }

  async createEvent(event: NewEvent): Promise<EventRecord> {
    return agenda.createEvent(this.#sql, event);
  }

  async getEvent(id: string): Promise<EventRecord | null> {
    return agenda.getEvent(this.#sql, id);
  }

  async getEventByCode(code: string): Promise<EventRecord | null> {
    return agenda.getEventByCode(this.#sql, code);
  }

  async listEvents(): Promise<EventRecord[]> {
    return agenda.listEvents(this.#sql);
  }

  async updateEvent(id: string, change: EventChange): Promise<EventRecord> {
    return admin.updateEvent(this.#sql, id, change);
  }

  async deleteEvent(id: string): Promise<void> {
    admin.deleteEvent(this.#sql, id);
  }

  async exportEvent(id: string): Promise<EventDump> {
    return dump.exportEvent(this.#sql, id, new Date().toISOString());
  }

  async importEvent(input: EventDump, options?: ImportOptions): Promise<ImportResult> {
    return dump.importEvent(this.#sql, input, options);
  }

  async updateRoom(eventId: string, roomId: string, change: RoomChange): Promise<Room> {
    return admin.updateRoom(this.#sql, eventId, roomId, change);
  }

  async deleteRoom(eventId: string, roomId: string): Promise<Room> {
    return admin.deleteRoom(this.#sql, eventId, roomId);
  }

  async updateSpeaker(eventId: string, speakerId: string, change: SpeakerChange): Promise<Speaker> {
    return admin.updateSpeaker(this.#sql, eventId, speakerId, change);
  }

  async deleteSpeaker(eventId: string, speakerId: string): Promise<Speaker> {
    return admin.deleteSpeaker(this.#sql, eventId, speakerId);
  }

  async updateSessions(eventId: string, changes: readonly SessionUpdate[]): Promise<Sequenced<Session>[]> {
    return agenda.updateSessions(this.#sql, eventId, changes);
  }

  async deleteSession(id: string): Promise<Session> {
    return agenda.deleteSession(this.#sql, id);
  }

  async addAnnouncement(announcement: NewAnnouncement, keep: number): Promise<Announcement> {
    return admin.addAnnouncement(this.#sql, announcement, keep);
  }

  async listAnnouncements(eventId: string): Promise<Announcement[]> {
    return admin.listAnnouncements(this.#sql, eventId);
  }

  async setAnnouncementTranslations(eventId: string, id: string, translations: QuestionTranslations): Promise<Announcement> {
    return admin.setAnnouncementTranslations(this.#sql, eventId, id, translations);
  }

  async deleteAnnouncement(eventId: string, id: string): Promise<Announcement> {
    return admin.deleteAnnouncement(this.#sql, eventId, id);
  }

  async createRoom(room: NewRoom): Promise<Room> {
    return agenda.createRoom(this.#sql, room);
  }

  async listRooms(eventId: string): Promise<Room[]> {
    return agenda.listRooms(this.#sql, eventId);
  }

  async createSpeaker(speaker: NewSpeaker): Promise<Speaker> {
    return agenda.createSpeaker(this.#sql, speaker);
  }

  async listSpeakers(eventId: string): Promise<Speaker[]> {
    return agenda.listSpeakers(this.#sql, eventId);
  }

  async createSession(session: NewSession): Promise<Session> {
    return agenda.createSession(this.#sql, session);
  }

  async getSession(id: string): Promise<Session | null> {
    return agenda.getSession(this.#sql, id);
  }

  async listSessions(eventId: string): Promise<Session[]> {
    return agenda.listSessions(this.#sql, eventId);
  }

  async createParticipant(participant: NewParticipant): Promise<Participant> {
    return people.createParticipant(this.#sql, participant);
  }

  async getParticipant(id: string): Promise<Participant | null> {
    return people.getParticipant(this.#sql, id);
  }

  async askQuestion(question: NewQuestion): Promise<AskResult> {
    return qa.askQuestion(this.#sql, question);
  }

  async getQuestion(id: string): Promise<QuestionRecord | null> {
    return qa.getQuestion(this.#sql, id);
  }

  async listQuestions(sessionId: string): Promise<QuestionRecord[]> {
    return qa.listQuestions(this.#sql, sessionId);
  }

  async voteQuestion(questionId: string, voterKey: string, vote: boolean): Promise<VoteResult> {
    return qa.voteQuestion(this.#sql, questionId, voterKey, vote);
  }

  async listVotes(sessionId: string, voterKey: string): Promise<string[]> {
    return qa.listVotes(this.#sql, sessionId, voterKey);
  }

  async updateQuestion(
    questionId: string,
    change: QuestionChange,
    guard?: QuestionGuard,
  ): Promise<Sequenced<QuestionRecord>[]> {
    return qa.updateQuestion(this.#sql, questionId, change, guard);
  }

  async deleteQuestion(questionId: string, guard?: QuestionGuard): Promise<Sequenced<QuestionRecord>> {
    return qa.deleteQuestion(this.#sql, questionId, guard);
  }

  async mergeQuestion(questionId: string, intoId: string): Promise<Sequenced<QuestionRecord>[]> {
    return merges.mergeQuestion(this.#sql, questionId, intoId);
  }

  async unmergeQuestion(questionId: string, variantIndex: number): Promise<Sequenced<QuestionRecord>[]> {
    return merges.unmergeQuestion(this.#sql, questionId, variantIndex);
  }

  async setQuestionTranslation(questionId: string, lang: Lang, text: string | null): Promise<Sequenced<QuestionRecord>> {
    return qa.setQuestionTranslation(this.#sql, questionId, lang, text);
  }

  async setReplyTranslations(questionId: string, translations: QuestionTranslations, sourceReply: string): Promise<Sequenced<QuestionRecord> | null> {
    return qa.setReplyTranslations(this.#sql, questionId, translations, sourceReply);
  }

  async setMachineTranslation(
    questionId: string,
    lang: Lang,
    translation: MachineTranslation,
    sourceText: string,
  ): Promise<Sequenced<QuestionRecord> | null> {
    return qa.setMachineTranslation(this.#sql, questionId, lang, translation, sourceText);
  }

  async updateSession(sessionId: string, change: SessionChange): Promise<Sequenced<Session>> {
    return agenda.updateSession(this.#sql, sessionId, change);
  }

  async createInvite(invite: NewInvite): Promise<InviteRecord> {
    return invites.createInvite(this.#sql, invite);
  }

  async getInvite(id: string): Promise<InviteRecord | null> {
    return invites.getInvite(this.#sql, id);
  }

  async getInviteByTokenHash(tokenHash: string): Promise<InviteRecord | null> {
    return invites.getInviteByTokenHash(this.#sql, tokenHash);
  }

  async listInvites(eventId: string): Promise<InviteRecord[]> {
    return invites.listInvites(this.#sql, eventId);
  }

  async revokeInvite(id: string): Promise<InviteRecord> {
    return invites.revokeInvite(this.#sql, id);
  }

  async recordInviteUse(id: string, usedBy?: string): Promise<InviteRecord> {
    return invites.recordInviteUse(this.#sql, id, usedBy);
  }

  async listPolls(sessionId: string): Promise<Poll[]> {
    return polls.listPolls(this.#sql, sessionId);
  }

  async createPoll(poll: NewPoll): Promise<Sequenced<Poll>> {
    return polls.createPoll(this.#sql, poll);
  }

  async getPoll(id: string): Promise<Poll | null> {
    return polls.getPoll(this.#sql, id);
  }

  async updatePoll(id: string, change: PollChange, guard?: PollGuard): Promise<Sequenced<Poll>> {
    return polls.updatePoll(this.#sql, id, change, guard);
  }

  async deletePoll(id: string): Promise<Sequenced<Poll>> {
    return polls.deletePoll(this.#sql, id);
  }

  async resetPoll(id: string): Promise<Sequenced<Poll>> {
    return polls.resetPoll(this.#sql, id);
  }

  async listOpenPolls(): Promise<Poll[]> {
    return polls.listOpenPolls(this.#sql);
  }

  /** Ballots cast in one turn of the event loop share a transaction (ballot-batch.ts). */
  async castBallot(ballot: NewBallot): Promise<CastResult> {
    // This node's limits are in its memory: a limit to count here is the caller's mistake.
    if (ballot.limit) throw new TypeError('the SQLite store counts no limits: ballot.limit is for the Redis store');
    return this.#ballots.cast(ballot);
  }

  async getTallyCounts(pollId: string): Promise<TallyCounts> {
    return polls.getTallyCounts(this.#sql, pollId);
  }

  async listBallots(sessionId: string, voterKey: string): Promise<Record<string, Ballot>> {
    return polls.listBallots(this.#sql, sessionId, voterKey);
  }

  async listTextAnswers(pollId: string): Promise<TextAnswer[]> {
    return polls.listTextAnswers(this.#sql, pollId);
  }

  async setTextAnswerHidden(pollId: string, answerId: string, hidden: boolean): Promise<TextAnswer> {
    return polls.setTextAnswerHidden(this.#sql, pollId, answerId, hidden);
  }

  async quizLeaderboard(sessionId: string, limit: number): Promise<{ name: string; score: number }[]> {
    return polls.quizLeaderboard(this.#sql, sessionId, limit);
  }

  async getSeq(sessionId: string): Promise<number> {
    return qa.getSeq(this.#sql, sessionId);
  }

  async getStage(sessionId: string): Promise<StageRecord> {
    return stage.getStage(this.#sql, sessionId);
  }

  async setStage(sessionId: string, record: StageRecord, expected?: Stage): Promise<Sequenced<StageRecord>> {
    return stage.setStage(this.#sql, sessionId, record, expected);
  }

  async recordInsights(eventId: string, batch: InsightBatch): Promise<void> {
    return insights.recordInsights(this.#sql, eventId, batch);
  }

  async getInsights(eventId: string): Promise<Record<string, number>> {
    return insights.getInsights(this.#sql, eventId);
  }

  async appendAudit(entry: NewAuditEntry): Promise<void> {
    return audit.appendAudit(this.#sql, entry);
  }

  async listAudit(eventId: string, page: { before?: string; limit: number }): Promise<AuditEntry[]> {
    return audit.listAudit(this.#sql, eventId, page);
  }

  async setRetention(eventId: string, retentionDays: number | null): Promise<RetentionRecord> {
    return retention.setRetention(this.#sql, eventId, retentionDays);
  }

  async getRetention(eventId: string): Promise<RetentionRecord> {
    return retention.getRetention(this.#sql, eventId);
  }

  async purgeAttendeeData(eventId: string, at: string): Promise<void> {
    return retention.purgeAttendeeData(this.#sql, eventId, at);
  }

  async forgetAnonymousAuthorNames(): Promise<number> {
    // The schema's migration did this once; a database restored from an older copy may need it again.
    return this.#sql.run('UPDATE questions SET author_name = NULL WHERE anonymous = 1 AND author_name IS NOT NULL');
  }
}

/**
 * Opens (creating when missing) and migrates the store. Synchronous, so `main.ts` gets a
 * ready store or a thrown error before it listens. @example openSqliteStore({ file: 'data/jisr.db' })
 */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const db = openDatabase(options.file);
  try {
    applyMigrations(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteStore(new Sql(db));
}
