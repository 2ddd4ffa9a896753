import { z } from 'zod';
import { ClientId, Id, Instant, Lang } from './common.js';

/** Longest question, in characters, after trimming. */
export const QUESTION_MAX_LENGTH = 500;

export const QUESTION_STATUSES = ['pending', 'approved', 'answered', 'rejected', 'archived'] as const;
export const QuestionStatus = z.enum(QUESTION_STATUSES);
export type QuestionStatus = z.infer<typeof QuestionStatus>;

/** Who made a translation: a moderator (`human`) or a translation engine (`machine`). */
export const TRANSLATORS = ['machine', 'human'] as const;
export const Translator = z.enum(TRANSLATORS);
export type Translator = z.infer<typeof Translator>;

/**
 * One translation of a question (DESIGN 4b). `engine` names the machine engine
 * (`apertium`, `libretranslate`); `pivot` the language an engine went through when it had
 * no direct pair (fra -> spa -> eng gives `pivot: 'es'`). A human one replaces a machine
 * one, never the reverse.
 * @example { text: '¿Cuándo empieza la segunda fase?', by: 'machine', engine: 'apertium' }
 */
export const QuestionTranslation = z.object({
  text: z.string().max(4000),
  by: Translator,
  engine: z.string().max(64).optional(),
  pivot: Lang.optional(),
});
export type QuestionTranslation = z.infer<typeof QuestionTranslation>;

/**
 * A question's translations by language. A bare string (dumps and rows from before machine
 * translation) reads as a moderator's.
 * @example { es: { text: '¿Cuándo?', by: 'machine', engine: 'apertium' }, ar: { text: 'متى؟', by: 'human' } }
 */
export const QuestionTranslations = z.partialRecord(
  Lang,
  z.preprocess((value) => (typeof value === 'string' ? { text: value, by: 'human' } : value), QuestionTranslation),
);
export type QuestionTranslations = z.infer<typeof QuestionTranslations>;

/**
 * The language a question's text is written in, as detected from the text (the phone's
 * language is only a hint): one of Jisr's six, or `und` (undetermined: too short, another
 * language, or Darija written in Latin letters, which no engine reads).
 * @example 'ar'
 */
export const DetectedLang = z.union([Lang, z.literal('und')]);
export type DetectedLang = z.infer<typeof DetectedLang>;
/** A merged question's text, kept under the question it was merged into. @example { text: 'Quand ?', lang: 'fr' } */
export const QuestionVariant = z.object({ text: z.string(), lang: Lang });
export type QuestionVariant = z.infer<typeof QuestionVariant>;

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
  /**
   * The reply machine-translated into the event's other languages (DESIGN 4b, `by: 'machine'`),
   * arriving after it as `question:upsert`; a new reply drops them until its own arrive.
   * @example { es: { text: 'Respondido en el chat', by: 'machine', engine: 'apertium' } }
   */
  replyTranslations: QuestionTranslations.optional(),
  /** Moderators' labels, to sort the queue ("budget", "for the panel"...). */
  labels: z.array(z.string()),
  /** Held for review by the profanity filter (the question is pending). */
  held: z.boolean().optional(),
  /**
   * Translations into other languages than the text's own: moderators' (`question:translate`,
   * `by: 'human'`) and, with a translation engine configured, machine ones.
   */
  translations: QuestionTranslations.optional(),
  /** The text's language as detected (DESIGN 4b); absent on questions asked before detection. */
  detectedLang: DetectedLang.optional(),
  /**
   * Staff only (never sent to attendees, speakers or screens): ids of the session's questions
   * this one is likely a duplicate of, in any language, best match first (core's duplicates.ts).
   */
  similar: z.array(Id).optional(),
  /** Texts of the questions merged into this one (`question:merge`), in the order merged. */
  variants: z.array(QuestionVariant).optional(),
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

/**
 * `question:merge` (moderators): `questionId` becomes a variant of `intoId`, which stays.
 * Voters are pooled (one who voted for both counts once); the merged question leaves the
 * lists, its author and voters follow the kept one. Acks the kept question.
 * @example { questionId: 'q_2', intoId: 'q_1' }
 */
export const QuestionMergeInput = z.object({ questionId: Id, intoId: Id });
export type QuestionMergeInput = z.input<typeof QuestionMergeInput>;

/**
 * `question:unmerge` (moderators): the kept question's variant at `variantIndex` (its place
 * in `variants`) becomes a question of its own again, with its own voters. Acks the kept question.
 * @example { questionId: 'q_1', variantIndex: 0 }
 */
export const QuestionUnmergeInput = z.object({ questionId: Id, variantIndex: z.number().int().nonnegative() });
export type QuestionUnmergeInput = z.input<typeof QuestionUnmergeInput>;

/** How many similar questions `question:similar` offers at most. */
export const SIMILAR_QUESTIONS_MAX = 3;

/**
 * `question:similar` (attendees, before asking): published questions of the session that
 * look like `text`, at most SIMILAR_QUESTIONS_MAX, best first.
 * @example { sessionId: 'se_1', text: 'Will the slides be shared?' }
 */
export const QuestionSimilarInput = z.object({ sessionId: Id, text: QuestionText });
export type QuestionSimilarInput = z.input<typeof QuestionSimilarInput>;

/** One answer of `question:similar`. @example { questionId: 'q_1', text: 'Could you share the slides?' } */
export const SimilarQuestion = z.object({ questionId: Id, text: z.string() });
export type SimilarQuestion = z.infer<typeof SimilarQuestion>;
