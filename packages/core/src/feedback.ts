import type { Feedback, FeedbackComment, FeedbackSummary } from '@jisr/protocol/feedback';
import type { Role } from '@jisr/protocol/roles';
import { cleanTypedText, isReadable } from './typed-text.js';

/**
 * One person's feedback on a session as the stores keep it: under the giver's actor key
 * (one per session per person, a new give replaces it) with the clientId of the give that
 * made it (a resend of that give changes nothing). `held` when the profanity filter caught
 * the comment.
 */
export interface FeedbackRecord {
  sessionId: string;
  authorKey: string;
  rating: number;
  comment?: string;
  held?: boolean;
  clientId: string;
  givenAt: string;
}

/** What the feedback rule reads of a session: its status and whether a moderator opened feedback. */
export interface FeedbackSessionState {
  status: string;
  qa: { feedbackOpen?: boolean | undefined };
}

/**
 * Feedback is asked for once the session is over (rating a talk halfway through rates half a
 * talk), or earlier when its moderator opens it while the session runs: the last minutes of
 * a talk, before the room empties, are when people still have their phones out. A cancelled
 * session had nothing to rate; an opening on a session not yet started means nothing.
 */
export function feedbackRefusal(session: FeedbackSessionState): 'not_ended' | 'cancelled' | null {
  if (session.status === 'cancelled') return 'cancelled';
  if (session.status === 'ended') return null;
  return session.status === 'live' && session.qa.feedbackOpen === true ? null : 'not_ended';
}

/** Whether phones offer "How was this session?" now: the same rule `feedback:give` is judged by. */
export function feedbackOffered(session: FeedbackSessionState): boolean {
  return feedbackRefusal(session) === null;
}

/**
 * Speakers read their session's feedback once it ended (not a running tally that could put
 * them off mid-talk); organizers whenever they like.
 */
export function feedbackReadable(role: Role, session: { status: string }): boolean {
  if (role === 'organizer') return true;
  return role === 'speaker' && session.status === 'ended';
}

/** The comment as stored: core's typed-text clean-up; nothing readable (or only spaces) is no comment. */
export function feedbackComment(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const text = cleanTypedText(raw);
  return isReadable(text) ? text : undefined;
}

/** What the giver gets back: their rating and comment, never their key or clientId. */
export function toOwnFeedback(record: FeedbackRecord): Feedback {
  return {
    sessionId: record.sessionId,
    rating: record.rating,
    ...(record.comment === undefined ? {} : { comment: record.comment }),
    givenAt: record.givenAt,
  };
}

/**
 * A session's feedback summed up for `role`: the distribution and mean over every rating,
 * the comments newest first without their authors. Held comments are for organizers only,
 * marked; speakers never read what the filter caught.
 */
export function summarizeFeedback(sessionId: string, records: readonly FeedbackRecord[], role: Role): FeedbackSummary {
  const distribution = [0, 0, 0, 0, 0];
  let sum = 0;
  for (const record of records) {
    distribution[record.rating - 1] = (distribution[record.rating - 1] ?? 0) + 1;
    sum += record.rating;
  }
  const comments: FeedbackComment[] = records
    .filter((record) => record.comment !== undefined && (role === 'organizer' || !record.held))
    .sort((a, b) => b.givenAt.localeCompare(a.givenAt))
    .map((record) => ({
      rating: record.rating,
      comment: record.comment ?? '',
      givenAt: record.givenAt,
      ...(record.held ? { held: true } : {}),
    }));
  return {
    sessionId,
    count: records.length,
    average: records.length === 0 ? null : Math.round((sum / records.length) * 100) / 100,
    distribution,
    comments,
  };
}
