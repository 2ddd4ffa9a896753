import { z } from 'zod';
import { ClientId, Id, Instant, Lang, LocalizedText } from './common.js';

/** Longest question, in characters, after trimming. */
export const QUESTION_MAX_LENGTH = 500;

export const QUESTION_STATUSES = ['pending', 'approved', 'answered', 'rejected', 'archived'] as const;
export const QuestionStatus = z.enum(QUESTION_STATUSES);
export type QuestionStatus = z.infer<typeof QuestionStatus>;

/**
 * A question as a viewer may see it. `authorName` is absent on anonymous questions,
 * whoever the viewer is; the author's id never leaves the server.
 */
export const Question = z.object({
  id: Id,
  sessionId: Id,
  text: z.string(),
  lang: Lang,
  status: QuestionStatus,
  votes: z.number().int().nonnegative(),
  pinned: z.boolean(),
  anonymous: z.boolean(),
  authorName: z.string().optional(),
  createdAt: Instant,
  answeredAt: Instant.optional(),
  editedAt: Instant.optional(),
  /** A moderator's reply, shown under the question ("answered in the chat: ..."). */
  reply: z.string().optional(),
  /** Moderators' labels, to sort the queue ("budget", "for the panel"...). */
  labels: z.array(z.string()),
  /** Held for review by the profanity filter (the question is pending). */
  held: z.boolean().optional(),
  /** Moderators' translations into other languages (never into `lang`), set by `question:translate`. */
  translations: LocalizedText.optional(),
});
export type Question = z.infer<typeof Question>;

export const QuestionText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(QUESTION_MAX_LENGTH, `must be at most ${QUESTION_MAX_LENGTH} characters`);

/** `question:ask` @example { sessionId: 's_1', text: 'Quand ?', anonymous: false, clientId: '3f0c…' } */
export const QuestionAskInput = z.object({
  sessionId: Id,
  text: QuestionText,
  anonymous: z.boolean().default(false),
  clientId: ClientId,
  /** The language the question is written in; the asker's language when absent. */
  lang: Lang.optional(),
});
export type QuestionAskInput = z.input<typeof QuestionAskInput>;

/** `question:vote`: `vote: false` takes one's vote back. @example { questionId: 'q_1', vote: true } */
export const QuestionVoteInput = z.object({
  questionId: Id,
  vote: z.boolean(),
});
export type QuestionVoteInput = z.input<typeof QuestionVoteInput>;

/** Ack of `question:vote`: the question's count after the change, and the caller's vote. */
export const QuestionVoteResult = z.object({
  questionId: Id,
  votes: z.number().int().nonnegative(),
  voted: z.boolean(),
});
export type QuestionVoteResult = z.infer<typeof QuestionVoteResult>;

export const QuestionEditInput = z.object({ questionId: Id, text: QuestionText });
export type QuestionEditInput = z.input<typeof QuestionEditInput>;

export const QuestionDeleteInput = z.object({ questionId: Id });
export type QuestionDeleteInput = z.input<typeof QuestionDeleteInput>;

export const MODERATION_ACTIONS = ['approve', 'reject', 'answer', 'pin', 'unpin', 'archive', 'restore'] as const;
export const ModerationAction = z.enum(MODERATION_ACTIONS);
export type ModerationAction = z.infer<typeof ModerationAction>;

export const QuestionModerateInput = z.object({ questionId: Id, action: ModerationAction });
export type QuestionModerateInput = z.input<typeof QuestionModerateInput>;

/** `question:reply`: an empty text removes the reply. @example { questionId: 'q_1', text: 'Answered in the chat' } */
export const QuestionReplyInput = z.object({
  questionId: Id,
  text: z.string().trim().max(QUESTION_MAX_LENGTH, `must be at most ${QUESTION_MAX_LENGTH} characters`),
});
export type QuestionReplyInput = z.input<typeof QuestionReplyInput>;

export const QUESTION_LABEL_MAX = 5;

/** A label: a short word or two. */
export const QuestionLabel = z.string().trim().min(1).max(24);

/** `question:label`: replaces the question's labels. @example { questionId: 'q_1', labels: ['budget'] } */
export const QuestionLabelInput = z.object({
  questionId: Id,
  labels: z.array(QuestionLabel).max(QUESTION_LABEL_MAX),
});
export type QuestionLabelInput = z.input<typeof QuestionLabelInput>;

/**
 * `question:translate` (moderators): the question in another language than its own, shown
 * under it to viewers of that language and beside it on the room screen. An empty text
 * removes that translation.
 * @example { questionId: 'q_1', lang: 'ar', text: 'متى تبدأ المرحلة الثانية؟' }
 */
export const QuestionTranslateInput = z.object({
  questionId: Id,
  lang: Lang,
  text: z.string().trim().max(QUESTION_MAX_LENGTH, `must be at most ${QUESTION_MAX_LENGTH} characters`),
});
export type QuestionTranslateInput = z.input<typeof QuestionTranslateInput>;
