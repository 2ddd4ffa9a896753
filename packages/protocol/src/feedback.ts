import { z } from 'zod';
import { ClientId, Id, Instant } from './common.js';

/** The ratings a session can get: 1 (poor) to 5 (excellent). */
export const FEEDBACK_RATINGS = [1, 2, 3, 4, 5] as const;
export const FeedbackRating = z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5');
export type FeedbackRating = z.infer<typeof FeedbackRating>;

/** A comment is a few sentences for the speaker, not an essay: the length of a question. */
export const FEEDBACK_COMMENT_MAX_LENGTH = 500;

/**
 * `feedback:give` (attendee of the session, once it ended): once per session per person,
 * changeable (a second give replaces the first); the same clientId twice is one give.
 * An empty comment is no comment.
 * @example { sessionId: 'se_1', rating: 4, comment: 'Clair et utile', clientId: '3f0c…' }
 */
export const FeedbackGiveInput = z.object({
  sessionId: Id,
  rating: FeedbackRating,
  comment: z.string().trim().max(FEEDBACK_COMMENT_MAX_LENGTH, `must be at most ${FEEDBACK_COMMENT_MAX_LENGTH} characters`).optional(),
  clientId: ClientId,
});
export type FeedbackGiveInput = z.input<typeof FeedbackGiveInput>;

/**
 * One person's feedback on a session, as its giver gets it back (the ack, and `myFeedback`
 * in their snapshot). @example { sessionId: 'se_1', rating: 4, comment: 'Clair', givenAt: '…' }
 */
export const Feedback = z.object({
  sessionId: Id,
  rating: FeedbackRating,
  comment: z.string().optional(),
  givenAt: Instant,
});
export type Feedback = z.infer<typeof Feedback>;

/**
 * A comment as speakers and organizers read it: never who wrote it. `held` when the
 * profanity filter caught it (organizers see it marked; speakers never see it).
 */
export const FeedbackComment = z.object({
  rating: FeedbackRating,
  comment: z.string(),
  givenAt: Instant,
  held: z.boolean().optional(),
});
export type FeedbackComment = z.infer<typeof FeedbackComment>;

/**
 * A session's feedback summed up: how many rated, the mean, how many gave each rating
 * (`distribution[0]` is the count of 1s … `distribution[4]` of 5s), the comments, newest first.
 * @example { sessionId: 'se_1', count: 3, average: 4.33, distribution: [0, 0, 0, 2, 1], comments: [] }
 */
export const FeedbackSummary = z.object({
  sessionId: Id,
  count: z.number().int().nonnegative(),
  /** Null when nobody rated yet. Two decimals. */
  average: z.number().nullable(),
  distribution: z.array(z.number().int().nonnegative()).length(5),
  comments: z.array(FeedbackComment),
});
export type FeedbackSummary = z.infer<typeof FeedbackSummary>;
