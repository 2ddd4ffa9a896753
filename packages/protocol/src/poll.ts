import { z } from 'zod';
import { ClientId, Id, Instant, Lang } from './common.js';
import { Translator } from './question.js';

export const POLL_KINDS = ['single', 'multiple', 'rating', 'wordcloud', 'text', 'ranking', 'quiz'] as const;
export const PollKind = z.enum(POLL_KINDS);
export type PollKind = z.infer<typeof PollKind>;

export const POLL_STATES = ['draft', 'open', 'closed'] as const;
export const PollState = z.enum(POLL_STATES);
export type PollState = z.infer<typeof PollState>;

export const RESULT_VISIBILITIES = ['live', 'after_close', 'hidden'] as const;
export const ResultVisibility = z.enum(RESULT_VISIBILITIES);
export type ResultVisibility = z.infer<typeof ResultVisibility>;

export const PollSettings = z.object({
  results: ResultVisibility.default('live'),
  allowChange: z.boolean().default(false),
  anonymous: z.boolean().default(true),
  maxChoices: z.number().int().min(1).max(50).optional(),
  timerSeconds: z.number().int().min(5).max(3600).optional(),
  /** Rating scale top value (1..scaleMax). */
  scaleMax: z.union([z.literal(5), z.literal(10)]).optional(),
  /** Quiz: index in `options` of the correct answer (at creation). */
  correctOption: z.number().int().min(0).optional(),
  /** Word cloud: words a moderator took off the cloud (`poll:hide-word`), in core's folded form. */
  hiddenWords: z.array(z.string().min(1).max(100)).max(500).optional(),
});
export type PollSettings = z.infer<typeof PollSettings>;

export const PollOption = z.object({ id: Id, label: z.string() });
export type PollOption = z.infer<typeof PollOption>;

/** A poll's prompt as a moderator writes it: short enough for one screen line or two. */
export const PollPrompt = z.string().trim().min(1).max(300);
/** An option's label as a moderator writes it. */
export const PollOptionLabel = z.string().trim().min(1).max(200);

/**
 * The prompt and option labels in one more language; labels in the order of the poll's
 * options, one per option (none for kinds without options).
 * @example { prompt: 'أين نلتقي المرة القادمة؟', options: ['مدريد', 'الرباط'] }
 */
export const PollTranslationInput = z.object({
  prompt: PollPrompt,
  options: z.array(PollOptionLabel).max(20).default([]),
});
export type PollTranslationInput = z.input<typeof PollTranslationInput>;

/**
 * Translations by language, as `poll:create` and `poll:edit` take them (an edit replaces
 * the whole map; `{}` removes them all).
 * @example { ar: { prompt: 'أين نلتقي؟', options: ['مدريد', 'الرباط'] } }
 */
export const PollTranslationsInput = z.partialRecord(Lang, PollTranslationInput);
export type PollTranslationsInput = z.input<typeof PollTranslationsInput>;

/**
 * A translation as a poll carries it. `by` says who made it (DESIGN 4b): a moderator
 * (`human`, also what a translation without `by` is: polls stored before machine drafts)
 * or an engine (`machine`, named in `engine`, through `pivot` when it had no direct pair),
 * a draft the moderator can correct before opening; a correction is never replaced by a
 * machine's.
 * @example { prompt: '¿Dónde nos vemos?', options: ['Madrid', 'Rabat'], by: 'machine', engine: 'apertium' }
 */
export const PollTranslation = z.object({
  prompt: z.string(),
  options: z.array(z.string()),
  by: Translator.optional(),
  engine: z.string().max(64).optional(),
  pivot: Lang.optional(),
});
export type PollTranslation = z.infer<typeof PollTranslation>;

/** A poll's translations by language. @example { ar: { prompt: 'أين نلتقي؟', options: ['مدريد', 'الرباط'] } } */
export const PollTranslations = z.partialRecord(Lang, PollTranslation);
export type PollTranslations = z.infer<typeof PollTranslations>;

export const Poll = z.object({
  id: Id,
  sessionId: Id,
  kind: PollKind,
  prompt: z.string(),
  options: z.array(PollOption),
  /** The language `prompt` and the labels are written in; absent on polls made before it was asked. */
  lang: Lang.optional(),
  /** The prompt and labels in other languages (never in `lang`); core's localizePoll picks one. */
  translations: PollTranslations.optional(),
  state: PollState,
  settings: PollSettings,
  /** Set when the moderator reveals results kept `hidden`. */
  revealed: z.boolean(),
  createdAt: Instant,
  openedAt: Instant.optional(),
  closesAt: Instant.optional(),
});
export type Poll = z.infer<typeof Poll>;

/**
 * A new poll's settings: visibility, changing answers and anonymity left out take the
 * event's poll defaults (the server knows the event; a schema default here could not).
 * @example { results: 'after_close' } // allowChange and anonymous as the event says
 */
export const PollCreateSettings = PollSettings.extend({
  results: ResultVisibility.optional(),
  allowChange: z.boolean().optional(),
  anonymous: z.boolean().optional(),
});
export type PollCreateSettings = z.infer<typeof PollCreateSettings>;

/**
 * `poll:create`: options are labels; the server makes their ids. `lang` is the language
 * they are written in; `translations` give them in other languages.
 * @example { sessionId: 's_1', kind: 'single', prompt: 'Où ?', options: ['Madrid', 'Rabat'], lang: 'fr', translations: { ar: { prompt: 'أين؟', options: ['مدريد', 'الرباط'] } } }
 */
export const PollCreateInput = z.object({
  sessionId: Id,
  kind: PollKind,
  prompt: PollPrompt,
  options: z.array(PollOptionLabel).max(20).default([]),
  settings: PollCreateSettings.default({}),
  lang: Lang.optional(),
  translations: PollTranslationsInput.optional(),
});
export type PollCreateInput = z.input<typeof PollCreateInput>;

/** `poll:edit`: a draft's prompt, options or settings. */
/**
 * The settings a `poll:edit` changes: a field left out stays as it is, a `null` clears an
 * optional one (no timer, no cap on choices). No defaults here, unlike PollSettings: an
 * edit of the timer alone must not reset the visibility.
 */
export const PollSettingsPatch = z.object({
  results: ResultVisibility.optional(),
  allowChange: z.boolean().optional(),
  anonymous: z.boolean().optional(),
  maxChoices: PollSettings.shape.maxChoices.unwrap().nullable().optional(),
  timerSeconds: PollSettings.shape.timerSeconds.unwrap().nullable().optional(),
  scaleMax: PollSettings.shape.scaleMax.unwrap().nullable().optional(),
  correctOption: PollSettings.shape.correctOption.unwrap().nullable().optional(),
});
export type PollSettingsPatch = z.input<typeof PollSettingsPatch>;

/**
 * `poll:hide-word` (moderator): takes a word off a word cloud for everyone (or puts it back
 * with `hidden: false`), open or closed; spellings that fold alike go together.
 * @example { pollId: 'po_1', word: 'Salaud', hidden: true }
 */
export const PollHideWordInput = z.object({
  pollId: Id,
  word: z.string().trim().min(1).max(100),
  hidden: z.boolean().default(true),
});
export type PollHideWordInput = z.input<typeof PollHideWordInput>;

/** `poll:edit`: a field left out stays; `translations` replaces the whole map. */
export const PollEditInput = z.object({
  pollId: Id,
  prompt: PollPrompt.optional(),
  options: z.array(PollOptionLabel).max(20).optional(),
  settings: PollSettingsPatch.optional(),
  lang: Lang.optional(),
  translations: PollTranslationsInput.optional(),
});
export type PollEditInput = z.input<typeof PollEditInput>;

/** `poll:open`, `poll:close`, `poll:reveal`, `poll:reset`, `poll:duplicate`, `poll:delete` */
export const PollRefInput = z.object({ pollId: Id });
export type PollRefInput = z.input<typeof PollRefInput>;

/** A ballot; which shape fits is decided by the poll's kind. */
export const Ballot = z.union([
  z.object({ optionId: Id }),
  z.object({ optionIds: z.array(Id).min(1).max(50) }),
  z.object({ value: z.number().int().min(1).max(10) }),
  z.object({ words: z.array(z.string().trim().min(1).max(40)).min(1).max(3) }),
  z.object({ text: z.string().trim().min(1).max(500) }),
  z.object({ order: z.array(Id).min(1).max(20) }),
]);
export type Ballot = z.infer<typeof Ballot>;

export const PollVoteInput = z.object({ pollId: Id, ballot: Ballot, clientId: ClientId });
export type PollVoteInput = z.input<typeof PollVoteInput>;

/** Live results of a poll; kind-specific aggregates appear where they apply. */
export const Tally = z.object({
  pollId: Id,
  sessionId: Id,
  total: z.number().int().nonnegative(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  average: z.number().optional(),
  words: z.array(z.object({ word: z.string(), count: z.number().int() })).optional(),
  ranking: z.array(z.object({ optionId: Id, score: z.number() })).optional(),
  leaderboard: z.array(z.object({ name: z.string(), score: z.number() })).optional(),
});
export type Tally = z.infer<typeof Tally>;
