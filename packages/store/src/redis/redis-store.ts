import type { QuestionTranslations } from '@jisr/protocol/question';
import type { QuestionRecord } from '@jisr/core/questions';
import type { Lang } from '@jisr/protocol/common';
import type { InsightBatch } from '@jisr/core/insights';
import type { TallyCounts } from '@jisr/core/poll-ballots';
import type { Room, Session, Speaker } from '@jisr/protocol/event';
import type { Participant } from '@jisr/protocol/http';
import type { Announcement } from '@jisr/protocol/agenda';
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
import { forgetAnonymousAuthorNames } from './anonymous-names.js';
import * as admin from './event-admin.js';
import * as dump from './event-dump.js';
import * as userAdmin from './user-admin.js';
import { connectClient, type RedisClient, type RedisNode, type RedisTarget } from './connection.js';
import { ReplicaAcks } from './replication.js';
import type { RedisContext } from './context.js';
import { Homes } from './homes.js';
import * as invites from './invites.js';
import { Keys } from './keys.js';
import * as people from './people.js';
import * as polls from './polls.js';
import * as stage from './stage.js';
import * as qa from './qa.js';
import * as merges from './question-merge.js';
import * as insights from './insights.js';
import * as audit from './audit.js';
import * as retention from './retention.js';
import type { RetentionRecord } from '../retention.js';
import type { NewAuditEntry } from '../audit.js';
import type { AuditEntry } from '@jisr/protocol/audit';
import { bindOps, OpsBase } from '../bind-ops.js';
import type { SpeakerPhotoStore } from '../speaker-photos.js';
import * as speakerPhotos from './speaker-photos.js';
import { duplicateEvent, type EventCopy } from '../event-copy.js';
import type { OrganizerStore } from '../organizers.js';
import type { LiveDataStore } from '../rehearsal.js';
import * as organizers from './organizers.js';
import * as rehearsal from './rehearsal.js';
import * as mutes from './mutes.js';
import type { MuteStore } from '../mutes.js';
import * as feedback from './feedback.js';
import type { FeedbackStore } from '../feedback.js';
import * as surveys from './surveys.js';
import type { SurveyStore } from '../surveys.js';

/** Operations added since the first ones: a table, not a method each (see bind-ops.ts). */
const OPS = { ...organizers, ...mutes, ...feedback, ...surveys, resetLiveData: rehearsal.resetLiveData, ...speakerPhotos };

interface RedisStoreTuning {
  /** Put in front of every key, so that several stores (tests, deployments) can share a Redis. Default `jisr:`. */
  prefix?: string;
  /** How long opening waits for Redis before failing. Default 3000 ms. */
  connectTimeoutMs?: number;
  /** How long ping waits for PONG before answering false. Default 1000 ms. */
  pingTimeoutMs?: number;
  /**
   * Told of connection trouble once open (a lost connection, each failed reconnection):
   * calls fail meanwhile and ping answers false. Default: written to stderr.
   */
  onError?: (error: Error) => void;
  /**
   * While the master has live replicas, how long a write waits for one of them to confirm
   * it (`WAIT 1 <ms>`) before it is refused as unconfirmed (replication.ts). 0: writes never
   * wait (a failover may then lose the last writes acknowledged). Default 250 ms.
   */
  replicaWaitMs?: number;
  /** With Sentinel: told of each failover this store follows (the master moved to another server). */
  onMasterChange?: (master: RedisNode) => void;
}

/**
 * Where Redis is, `url` (e.g. `redis://127.0.0.1:6379`, `rediss://user:secret@host:6380/2`)
 * or `sentinel` (the sentinels and the master's name), and how to use it.
 */
export type RedisStoreOptions = RedisStoreTuning & RedisTarget;

const DEFAULT_PREFIX = 'jisr:';
/** Long enough for a Redis across a data-centre network, short enough that a bad URL fails startup at once. */
const DEFAULT_CONNECT_TIMEOUT_MS = 3000;
/** /readyz is polled every few seconds: a ping must answer well within that. */
const DEFAULT_PING_TIMEOUT_MS = 1000;
/** Far below the ping's timeout (the WAIT holds the connection) and a phone's patience; a replica nearby answers in well under a millisecond. */
const DEFAULT_REPLICA_WAIT_MS = 250;

/** How long close() waits for the calls under way before it drops the connection. */
const CLOSE_TIMEOUT_MS = 2000;

/** `{ value }` when `pending` gives one within `ms`, undefined when it fails or takes longer. */
async function answerWithin<T>(pending: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    // A rejection arriving after the timer is still handled: race subscribed to it.
    return await Promise.race([pending.then((value) => ({ value })), late]);
  } catch (error) {
    if (error instanceof Error) return undefined;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

const reportError = (error: Error): void => {
  console.error(`[jisr redis store] ${error.message}`);
};

/**
 * The shared store: every node of a deployment opens one on the same Redis and sees the same
 * events. Each operation is atomic on its own: its checks and writes run in one Lua script
 * (a few creations take two steps on two slots, ordered so that nothing half-made is ever
 * visible: see agenda.ts, invites.ts, homes.ts). See keys.ts for the layout.
 */
export class RedisStore extends OpsBase<OrganizerStore & LiveDataStore & MuteStore & FeedbackStore & SurveyStore & SpeakerPhotoStore>() implements Store {
  readonly #ctx: RedisContext;
  readonly #pingTimeoutMs: number;
  readonly #acks: ReplicaAcks | undefined;

  /** `acks`: writes wait for a replica through it (the client it wrapped). */
  constructor(client: RedisClient, keys: Keys, pingTimeoutMs: number, acks?: ReplicaAcks) {
    const ctx: RedisContext = { client, keys, homes: new Homes(client, keys) };
    super(bindOps(ctx, OPS));
    this.#ctx = ctx;
    this.#pingTimeoutMs = pingTimeoutMs;
    this.#acks = acks;
  }

  /** Live replicas of the master the writes wait for (0: none, or not waiting). */
  get replicas(): number {
    return this.#acks?.replicas ?? 0;
  }

  async duplicateEvent(id: string, copy: EventCopy): Promise<EventRecord> {
    return duplicateEvent(this, id, copy);
  }

  /**
   * False, not an error, when Redis is unreachable, hangs, or the store is closed: the answer
   * /readyz wants. Timed here: node-redis's own command timeout stops counting once the
   * command is written, so a Redis that accepts and never answers would hang it.
   */
  async ping(): Promise<boolean> {
    if (!this.#ctx.client.isReady) return false;
    return (await answerWithin(this.#ctx.client.ping(), this.#pingTimeoutMs))?.value === 'PONG';
  }

  /**
   * Waits for calls under way (at most CLOSE_TIMEOUT_MS: a hung Redis must not hang a
   * shutdown), then quits. Closing twice is harmless: shutdown paths may race to it.
   */
  async close(): Promise<void> {
    await this.#acks?.stop();
    const { client } = this.#ctx;
    if (client.isReady && (await answerWithin(client.close(), CLOSE_TIMEOUT_MS)) !== undefined) return;
    // Not connected (Redis went away), not answering, or closed already: nothing more can be
    // waited for. destroy() fails what is still pending and is harmless when done before.
    await client.destroy();
  }

  async createUser(user: NewUser): Promise<UserRecord> {
    return people.createUser(this.#ctx, user);
  }

  async getUser(id: string): Promise<UserRecord | null> {
    return people.getUser(this.#ctx, id);
  }

  async getUserByEmail(email: string): Promise<UserRecord | null> {
    return people.getUserByEmail(this.#ctx, email);
  }

  async countUsers(): Promise<number> {
    return people.countUsers(this.#ctx);
  }

  async updateUserPassword(id: string, passwordHash: string): Promise<UserRecord> {
    return userAdmin.updateUserPassword(this.#ctx, id, passwordHash);
  }

  async createEvent(event: NewEvent): Promise<EventRecord> {
    return agenda.createEvent(this.#ctx, event);
  }

  async getEvent(id: string): Promise<EventRecord | null> {
    return agenda.getEvent(this.#ctx, id);
  }

  async getEventByCode(code: string): Promise<EventRecord | null> {
    return agenda.getEventByCode(this.#ctx, code);
  }

  async listEvents(): Promise<EventRecord[]> {
    return agenda.listEvents(this.#ctx);
  }

  async updateEvent(id: string, change: EventChange): Promise<EventRecord> {
    return admin.updateEvent(this.#ctx, id, change);
  }

  async deleteEvent(id: string): Promise<void> {
    await admin.deleteEvent(this.#ctx, id);
  }

  async exportEvent(id: string): Promise<EventDump> {
    return dump.exportEvent(this.#ctx, id, new Date().toISOString());
  }

  async importEvent(input: EventDump, options?: ImportOptions): Promise<ImportResult> {
    return dump.importEvent(this.#ctx, input, options);
  }

  async updateRoom(eventId: string, roomId: string, change: RoomChange): Promise<Room> {
    return admin.updateRoom(this.#ctx, eventId, roomId, change);
  }

  async deleteRoom(eventId: string, roomId: string): Promise<Room> {
    return admin.deleteRoom(this.#ctx, eventId, roomId);
  }

  async updateSpeaker(eventId: string, speakerId: string, change: SpeakerChange): Promise<Speaker> {
    return admin.updateSpeaker(this.#ctx, eventId, speakerId, change);
  }

  async deleteSpeaker(eventId: string, speakerId: string): Promise<Speaker> {
    return admin.deleteSpeaker(this.#ctx, eventId, speakerId);
  }

  async updateSessions(eventId: string, changes: readonly SessionUpdate[]): Promise<Sequenced<Session>[]> {
    return agenda.updateSessions(this.#ctx, eventId, changes);
  }

  async deleteSession(id: string): Promise<Session> {
    return agenda.deleteSession(this.#ctx, id);
  }

  async addAnnouncement(announcement: NewAnnouncement, keep: number): Promise<Announcement> {
    return admin.addAnnouncement(this.#ctx, announcement, keep);
  }

  async listAnnouncements(eventId: string): Promise<Announcement[]> {
    return admin.listAnnouncements(this.#ctx, eventId);
  }

  async setAnnouncementTranslations(eventId: string, id: string, translations: QuestionTranslations): Promise<Announcement> {
    return admin.setAnnouncementTranslations(this.#ctx, eventId, id, translations);
  }

  async deleteAnnouncement(eventId: string, id: string): Promise<Announcement> {
    return admin.deleteAnnouncement(this.#ctx, eventId, id);
  }

  async createRoom(room: NewRoom): Promise<Room> {
    return agenda.createRoom(this.#ctx, room);
  }

  async listRooms(eventId: string): Promise<Room[]> {
    return agenda.listRooms(this.#ctx, eventId);
  }

  async createSpeaker(speaker: NewSpeaker): Promise<Speaker> {
    return agenda.createSpeaker(this.#ctx, speaker);
  }

  async listSpeakers(eventId: string): Promise<Speaker[]> {
    return agenda.listSpeakers(this.#ctx, eventId);
  }

  async createSession(session: NewSession): Promise<Session> {
    return agenda.createSession(this.#ctx, session);
  }

  async getSession(id: string): Promise<Session | null> {
    return agenda.getSession(this.#ctx, id);
  }

  async listSessions(eventId: string): Promise<Session[]> {
    return agenda.listSessions(this.#ctx, eventId);
  }

  async createParticipant(participant: NewParticipant): Promise<Participant> {
    return people.createParticipant(this.#ctx, participant);
  }

  async getParticipant(id: string): Promise<Participant | null> {
    return people.getParticipant(this.#ctx, id);
  }

  async askQuestion(question: NewQuestion): Promise<AskResult> {
    return qa.askQuestion(this.#ctx, question);
  }

  async getQuestion(id: string): Promise<QuestionRecord | null> {
    return qa.getQuestion(this.#ctx, id);
  }

  async listQuestions(sessionId: string): Promise<QuestionRecord[]> {
    return qa.listQuestions(this.#ctx, sessionId);
  }

  async voteQuestion(questionId: string, voterKey: string, vote: boolean): Promise<VoteResult> {
    return qa.voteQuestion(this.#ctx, questionId, voterKey, vote);
  }

  async listVotes(sessionId: string, voterKey: string): Promise<string[]> {
    return qa.listVotes(this.#ctx, sessionId, voterKey);
  }

  async updateQuestion(
    questionId: string,
    change: QuestionChange,
    guard?: QuestionGuard,
  ): Promise<Sequenced<QuestionRecord>[]> {
    return qa.updateQuestion(this.#ctx, questionId, change, guard);
  }

  async deleteQuestion(questionId: string, guard?: QuestionGuard): Promise<Sequenced<QuestionRecord>> {
    return qa.deleteQuestion(this.#ctx, questionId, guard);
  }

  async mergeQuestion(questionId: string, intoId: string): Promise<Sequenced<QuestionRecord>[]> {
    return merges.mergeQuestion(this.#ctx, questionId, intoId);
  }

  async unmergeQuestion(questionId: string, variantIndex: number): Promise<Sequenced<QuestionRecord>[]> {
    return merges.unmergeQuestion(this.#ctx, questionId, variantIndex);
  }

  async setQuestionTranslation(questionId: string, lang: Lang, text: string | null): Promise<Sequenced<QuestionRecord>> {
    return qa.setQuestionTranslation(this.#ctx, questionId, lang, text);
  }

  async setReplyTranslations(questionId: string, translations: QuestionTranslations, sourceReply: string): Promise<Sequenced<QuestionRecord> | null> {
    return qa.setReplyTranslations(this.#ctx, questionId, translations, sourceReply);
  }

  async setMachineTranslation(
    questionId: string,
    lang: Lang,
    translation: MachineTranslation,
    sourceText: string,
  ): Promise<Sequenced<QuestionRecord> | null> {
    return qa.setMachineTranslation(this.#ctx, questionId, lang, translation, sourceText);
  }

  async updateSession(sessionId: string, change: SessionChange): Promise<Sequenced<Session>> {
    return agenda.updateSession(this.#ctx, sessionId, change);
  }

  async createInvite(invite: NewInvite): Promise<InviteRecord> {
    return invites.createInvite(this.#ctx, invite);
  }

  async getInvite(id: string): Promise<InviteRecord | null> {
    return invites.getInvite(this.#ctx, id);
  }

  async getInviteByTokenHash(tokenHash: string): Promise<InviteRecord | null> {
    return invites.getInviteByTokenHash(this.#ctx, tokenHash);
  }

  async listInvites(eventId: string): Promise<InviteRecord[]> {
    return invites.listInvites(this.#ctx, eventId);
  }

  async revokeInvite(id: string): Promise<InviteRecord> {
    return invites.revokeInvite(this.#ctx, id);
  }

  async recordInviteUse(id: string, usedBy?: string): Promise<InviteRecord> {
    return invites.recordInviteUse(this.#ctx, id, usedBy);
  }

  async listPolls(sessionId: string): Promise<Poll[]> {
    return polls.listPolls(this.#ctx, sessionId);
  }

  async createPoll(poll: NewPoll): Promise<Sequenced<Poll>> {
    return polls.createPoll(this.#ctx, poll);
  }

  async getPoll(id: string): Promise<Poll | null> {
    return polls.getPoll(this.#ctx, id);
  }

  async updatePoll(id: string, change: PollChange, guard?: PollGuard): Promise<Sequenced<Poll>> {
    return polls.updatePoll(this.#ctx, id, change, guard);
  }

  async deletePoll(id: string): Promise<Sequenced<Poll>> {
    return polls.deletePoll(this.#ctx, id);
  }

  async resetPoll(id: string): Promise<Sequenced<Poll>> {
    return polls.resetPoll(this.#ctx, id);
  }

  async listOpenPolls(): Promise<Poll[]> {
    return polls.listOpenPolls(this.#ctx);
  }

  async castBallot(ballot: NewBallot): Promise<CastResult> {
    return polls.castBallot(this.#ctx, ballot);
  }

  async getTallyCounts(pollId: string): Promise<TallyCounts> {
    return polls.getTallyCounts(this.#ctx, pollId);
  }

  async listBallots(sessionId: string, voterKey: string): Promise<Record<string, Ballot>> {
    return polls.listBallots(this.#ctx, sessionId, voterKey);
  }

  async listTextAnswers(pollId: string): Promise<TextAnswer[]> {
    return polls.listTextAnswers(this.#ctx, pollId);
  }

  async setTextAnswerHidden(pollId: string, answerId: string, hidden: boolean): Promise<TextAnswer> {
    return polls.setTextAnswerHidden(this.#ctx, pollId, answerId, hidden);
  }

  async quizLeaderboard(sessionId: string, limit: number): Promise<{ name: string; score: number }[]> {
    return polls.quizLeaderboard(this.#ctx, sessionId, limit);
  }

  async getSeq(sessionId: string): Promise<number> {
    return qa.getSeq(this.#ctx, sessionId);
  }

  async getStage(sessionId: string): Promise<StageRecord> {
    return stage.getStage(this.#ctx, sessionId);
  }

  async setStage(sessionId: string, record: StageRecord, expected?: Stage): Promise<Sequenced<StageRecord>> {
    return stage.setStage(this.#ctx, sessionId, record, expected);
  }

  async recordInsights(eventId: string, batch: InsightBatch): Promise<void> {
    return insights.recordInsights(this.#ctx, eventId, batch);
  }

  async getInsights(eventId: string): Promise<Record<string, number>> {
    return insights.getInsights(this.#ctx, eventId);
  }

  async appendAudit(entry: NewAuditEntry): Promise<void> {
    return audit.appendAudit(this.#ctx, entry);
  }

  async listAudit(eventId: string, page: { before?: string; limit: number }): Promise<AuditEntry[]> {
    return audit.listAudit(this.#ctx, eventId, page);
  }

  async setRetention(eventId: string, retentionDays: number | null): Promise<RetentionRecord> {
    return retention.setRetention(this.#ctx, eventId, retentionDays);
  }

  async getRetention(eventId: string): Promise<RetentionRecord> {
    return retention.getRetention(this.#ctx, eventId);
  }

  async purgeAttendeeData(eventId: string, at: string): Promise<void> {
    return retention.purgeAttendeeData(this.#ctx, eventId, at);
  }

  async forgetAnonymousAuthorNames(): Promise<number> {
    return forgetAnonymousAuthorNames(this.#ctx);
  }
}

/**
 * Connects and returns the store, or fails within about `connectTimeoutMs` saying why, so
 * `main.ts` never starts listening without its store.
 * @example await openRedisStore({ url: 'redis://127.0.0.1:6379' })
 */
export async function openRedisStore(options: RedisStoreOptions): Promise<RedisStore> {
  const keys = new Keys(options.prefix ?? DEFAULT_PREFIX);
  const waitMs = options.replicaWaitMs ?? DEFAULT_REPLICA_WAIT_MS;
  const acks = waitMs > 0 ? new ReplicaAcks(waitMs, keys.inDirectory('replicationBarrier')) : undefined;
  const connect = (onMasterChange?: (master: RedisNode) => void) =>
    connectClient({
      target: options.url !== undefined ? { url: options.url } : { sentinel: options.sentinel },
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      onError: options.onError ?? reportError,
      onNewConnection: () => acks?.newConnection(),
      ...(onMasterChange ? { onMasterChange } : {}),
    });
  const client = await connect(options.onMasterChange);
  if (!acks) return new RedisStore(client, keys, options.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS);
  try {
    await acks.start(await connect());
  } catch (error) {
    await client.destroy();
    throw error;
  }
  return new RedisStore(acks.wrap(client), keys, options.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS, acks);
}
