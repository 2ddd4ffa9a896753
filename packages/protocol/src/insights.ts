import { z } from 'zod';
import { ReactionCounts } from './audience.js';
import { Id, Instant, Lang, LocalizedText } from './common.js';
import { Event, Room, SessionStatus } from './event.js';
import { FeedbackSummary } from './feedback.js';
import { Poll, Tally } from './poll.js';
import { TextAnswer } from './poll-answers.js';
import { Question } from './question.js';

const Count = z.number().int().nonnegative();

/** How many, per language (languages with none left out). @example { ar: 12, fr: 30 } */
export const LangCounts = z.partialRecord(Lang, Count);
export type LangCounts = z.infer<typeof LangCounts>;

/** One session's figures, counted as things happened (see core insights.ts for each one's rule). */
export const SessionInsight = z.object({
  sessionId: Id,
  roomId: Id,
  title: LocalizedText,
  status: SessionStatus,
  startsAt: Instant,
  endsAt: Instant,
  /** `session:join` by attendees (a reconnecting phone joins again). */
  joins: Count,
  /** Distinct attendees who opened the session. */
  participants: Count,
  /** Sockets in the session's rooms at the last sample (every node summed). */
  liveNow: Count,
  /** The most sockets seen at once, by the per-minute samples. */
  livePeak: Count,
  asked: Count,
  /** Published: approved by a moderator, or straight away in an unmoderated session. */
  approved: Count,
  answered: Count,
  /** Upvotes given minus upvotes taken back. */
  upvotes: Count,
  /** First ballots (a changed ballot is not counted again). */
  ballots: Count,
  /** Questions waiting for a moderator now. */
  waiting: Count,
  askedByLang: LangCounts,
  /** asked + upvotes + ballots: how much the audience did. */
  engagement: Count,
  /** Reactions tapped during the session (taps a person's rate limit refused not counted). */
  reactions: Count,
  reactionsByKind: ReactionCounts,
});
export type SessionInsight = z.infer<typeof SessionInsight>;

/** One minute of the event. @example { minute: '2026-12-05T08:31:00.000Z', joins: 4, live: 120, reactions: 310 } */
export const TimelinePoint = z.object({ minute: Instant, joins: Count, live: Count, reactions: Count });
export type TimelinePoint = z.infer<typeof TimelinePoint>;

export const InsightTotals = z.object({
  joins: Count,
  participants: Count,
  liveNow: Count,
  livePeak: Count,
  asked: Count,
  approved: Count,
  answered: Count,
  upvotes: Count,
  ballots: Count,
  waiting: Count,
  reactions: Count,
});
export type InsightTotals = z.infer<typeof InsightTotals>;

/** `GET /api/events/:id/insights` (organizers of the event): the live dashboard's figures. */
export const InsightsResponse = z.object({
  eventId: Id,
  generatedAt: Instant,
  totals: InsightTotals,
  /** Attendees by the language they joined in. */
  participantsByLang: LangCounts,
  questionsByLang: LangCounts,
  /** Minute by minute, oldest first, from the first minute anything was counted. */
  timeline: z.array(TimelinePoint),
  /** In agenda order. */
  sessions: z.array(SessionInsight),
  /** Participants now per room (its sessions' sockets summed). */
  rooms: z.array(z.object({ roomId: Id, name: LocalizedText, liveNow: Count })),
  /** Session feedback, in agenda order, for the sessions someone rated (comments without their authors). */
  feedback: z.array(FeedbackSummary).optional(),
});
export type InsightsResponse = z.infer<typeof InsightsResponse>;

/** `GET /api/events/:id/report` (organizers of the event): the post-event report. */
export const ReportResponse = z.object({
  event: Event,
  insights: InsightsResponse,
  /** Session ids, most attended first (peak, then distinct participants). */
  byAttendance: z.array(Id),
  /** Session ids, most engaged first. */
  byEngagement: z.array(Id),
  /** The most upvoted published questions of each session, by session id (anonymous ones without a name). */
  topQuestions: z.record(z.string(), z.array(Question)),
  /**
   * Every poll that was opened, with its final tally, in agenda then creation order; an
   * open-text poll with its answers, oldest first (those hidden from the screen marked).
   */
  polls: z.array(z.object({ poll: Poll, tally: Tally, answers: z.array(TextAnswer).optional() })),
  rooms: z.array(Room),
});
export type ReportResponse = z.infer<typeof ReportResponse>;
