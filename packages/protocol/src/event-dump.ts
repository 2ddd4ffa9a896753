import { z } from 'zod';
import { Announcement } from './agenda.js';
import { Id, Instant } from './common.js';
import { Event, PhotoVersion, Room, Session, Speaker } from './event.js';
import { Invite, Participant } from './http.js';
import { Ballot, Poll } from './poll.js';
import { Question } from './question.js';
import { Survey, SurveyAnswerItem } from './survey.js';

/**
 * One event with everything in it, as a store-neutral JSON document: what `jisr export`
 * writes and `jisr import` reads, to back an event up or move it between stores (SQLite ->
 * Redis). Ids are kept, so links, invite tokens and staff tokens (same SECRET) keep working
 * after a move.
 *
 * Arrays are in creation order (each kind on its own), except where noted, so that an import
 * gives back the same listing orders. Exporting what was imported gives the same document
 * (but `exportedAt`), whichever store each side is.
 *
 * Left out on purpose: password hashes (a dump is a file that travels; the owner is matched
 * by email in the target, or created there with a new password), the invites' secret
 * tokens (only their hashes exist anywhere).
 *
 * @example { format: 'jisr-event-dump', version: 1, exportedAt: '2026-12-07T08:00:00.000Z', owner: {...}, event: {...}, rooms: [], ... }
 */

export const EVENT_DUMP_FORMAT = 'jisr-event-dump';
/** Bumped when the document changes shape; an import refuses a version it doesn't know. */
export const EVENT_DUMP_VERSION = 1;

/** The organizer who owns the event: matched by email in the target store. */
export const DumpOwner = z.object({
  id: Id,
  email: z.string().min(3),
  name: z.string(),
  createdAt: z.string(),
});
export type DumpOwner = z.infer<typeof DumpOwner>;

/** A session with its change counter, so clients' `seq` stays monotonic after a move. */
export const DumpSession = Session.extend({ seq: z.number().int().nonnegative() });
export type DumpSession = z.infer<typeof DumpSession>;

/** A question with what only the server knows: its author's key, its clientId, who upvoted it (sorted). */
export const DumpQuestion = Question.extend({
  authorKey: z.string().min(1),
  clientId: z.string().min(1),
  voters: z.array(z.string().min(1)),
  /** Merged into another question of the dump (a variant of it), with its place in that group's merge order. */
  mergedInto: z.string().min(1).optional(),
  mergeOrder: z.number().int().nonnegative().optional(),
});
export type DumpQuestion = z.infer<typeof DumpQuestion>;

/** What a ballot added to the poll's counts (taken back exactly when the voter changes it). */
export const DumpContribution = z.object({ key: z.string(), weight: z.number().int() });

export const DumpBallot = z.object({
  /** `actorKey` of the voter: one ballot per voter per poll. */
  voterKey: z.string().min(1),
  voterName: z.string().optional(),
  ballot: Ballot,
  contributions: z.array(DumpContribution),
  /** Quiz points of this ballot (0 otherwise). */
  score: z.number().int(),
  clientId: z.string().min(1),
  castAt: z.string(),
  /** Its place in the poll's answer order (open-text answers are listed by it). */
  place: z.number().int().positive(),
  /** A moderator hid its open-text answer from the stage choices (absent: shown). */
  hidden: z.boolean().optional(),
});
export type DumpBallot = z.infer<typeof DumpBallot>;

/** A poll with its ballots (by place) and running counts, as stored (keys at 0 included). */
export const DumpPoll = Poll.extend({
  /** Ballots stored so far, cast or changed: the place the next one takes. */
  casts: z.number().int().nonnegative(),
  counts: z.record(z.string(), z.number().int()),
  /** The first label seen per count key (how a word cloud shows a word). */
  labels: z.record(z.string(), z.string()),
  ballots: z.array(DumpBallot),
});
export type DumpPoll = z.infer<typeof DumpPoll>;

/** One line of a session's quiz leaderboard (sorted by session id, then voter key). */
export const DumpQuizScore = z.object({
  sessionId: Id,
  voterKey: z.string().min(1),
  /** The name of the voter's latest named quiz ballot. */
  name: z.string(),
  score: z.number().int(),
  /** How many named quiz ballots the score sums. */
  ballots: z.number().int().positive(),
});
export type DumpQuizScore = z.infer<typeof DumpQuizScore>;

/** An invite link: only the hash of its secret token exists, here as in the store. */
export const DumpInvite = Invite.extend({ tokenHash: z.string().min(1), createdBy: z.string().min(1) });
export type DumpInvite = z.infer<typeof DumpInvite>;

/** An uploaded speaker photo (the stored WebP), base64: a backup or a move between stores keeps it. */
export const DumpSpeakerPhoto = z.object({ speakerId: Id, version: PhotoVersion, data: z.base64().max(4 * 1024 * 1024) });
export type DumpSpeakerPhoto = z.infer<typeof DumpSpeakerPhoto>;

/** One person's answer to a survey, under their actor key (one per survey per person). */
export const DumpSurveyAnswer = z.object({
  authorKey: z.string().min(1),
  answers: z.array(SurveyAnswerItem.extend({ held: z.boolean().optional() })),
  clientId: z.string().min(1),
  answeredAt: z.string(),
});
export type DumpSurveyAnswer = z.infer<typeof DumpSurveyAnswer>;

/** An event survey with its answers, oldest first (then by author key). */
export const DumpSurvey = Survey.extend({ answers: z.array(DumpSurveyAnswer) });
export type DumpSurvey = z.infer<typeof DumpSurvey>;

export const EventDump = z.object({
  format: z.literal(EVENT_DUMP_FORMAT),
  version: z.literal(EVENT_DUMP_VERSION),
  exportedAt: Instant,
  owner: DumpOwner,
  /**
   * Co-organizers, in the order they joined: matched by email in the target like the
   * owner; one without an account there is left out (no password travels in a dump).
   * Absent in dumps made before co-organizers existed.
   */
  coOrganizers: z.array(DumpOwner).default([]),
  event: Event,
  rooms: z.array(Room),
  speakers: z.array(Speaker),
  /** By speaker id; absent in dumps made before photos were uploaded. */
  speakerPhotos: z.array(DumpSpeakerPhoto).default([]),
  sessions: z.array(DumpSession),
  /** Sorted by id: attendees have no creation order worth keeping. */
  participants: z.array(Participant),
  questions: z.array(DumpQuestion),
  polls: z.array(DumpPoll),
  quizScores: z.array(DumpQuizScore),
  invites: z.array(DumpInvite),
  /** Oldest first (the store keeps only the newest few). */
  announcements: z.array(Announcement),
  /** Event surveys in creation order; absent in dumps made before surveys existed. */
  surveys: z.array(DumpSurvey).default([]),
});
export type EventDump = z.infer<typeof EventDump>;
