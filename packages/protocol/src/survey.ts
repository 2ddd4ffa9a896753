import { z } from 'zod';
import { Id, Instant, Lang, LocalizedText } from './common.js';
import { PollOption, PollOptionLabel, PollPrompt, PollTranslations, PollTranslationsInput, Tally } from './poll.js';
import { SURVEY_MAX_QUESTIONS } from './survey-answer.js';

export { SURVEY_MAX_QUESTIONS, SurveyAnswerInput, SurveyAnswerItem, SurveyListInput, type SurveyAnswered } from './survey-answer.js';

/**
 * Event surveys (DESIGN 4b, issue 22): a short questionnaire for the whole event, its
 * questions asked with the poll kinds and answered with the poll ballots. Word clouds and
 * quizzes are left out: a word cloud is for a room screen, a quiz for a race in the room.
 */
export const SURVEY_KINDS = ['single', 'multiple', 'rating', 'text', 'ranking'] as const;
export const SurveyKind = z.enum(SURVEY_KINDS);
export type SurveyKind = z.infer<typeof SurveyKind>;

/** draft (organizers only) -> open (attendees answer) -> closed (results stay); a closed survey may open again. */
export const SURVEY_STATES = ['draft', 'open', 'closed'] as const;
export const SurveyState = z.enum(SURVEY_STATES);
export type SurveyState = z.infer<typeof SurveyState>;

/** A question's settings: the rating scale's top, a cap on multiple choices. @example { scaleMax: 10 } */
export const SurveyQuestionSettings = z.object({
  scaleMax: z.union([z.literal(5), z.literal(10)]).optional(),
  maxChoices: z.number().int().min(1).max(20).optional(),
});
export type SurveyQuestionSettings = z.infer<typeof SurveyQuestionSettings>;

/**
 * One question as an organizer writes it, like a poll draft: the prompt and option labels
 * in the survey's `lang`, `translations` in other languages (labels in the options' order).
 * @example { kind: 'single', prompt: 'Reviendrez-vous ?', options: ['Oui', 'Non'], translations: { ar: { prompt: 'هل ستعود؟', options: ['نعم', 'لا'] } } }
 */
export const SurveyQuestionInput = z.object({
  kind: SurveyKind,
  prompt: PollPrompt,
  options: z.array(PollOptionLabel).max(20).default([]),
  settings: SurveyQuestionSettings.default({}),
  translations: PollTranslationsInput.optional(),
});
export type SurveyQuestionInput = z.input<typeof SurveyQuestionInput>;

/** A survey's title per language: at least one, each a line. @example { fr: 'Votre avis', ar: 'رأيكم' } */
export const SurveyTitle = z
  .partialRecord(Lang, z.string().trim().max(200, 'must be at most 200 characters'))
  .refine((title) => Object.values(title).some((text) => text !== undefined && text.length > 0), 'must have a title in one language at least');

/**
 * `POST /api/events/:id/surveys` (create, as a draft) and `PUT /api/events/:id/surveys/:surveyId`
 * (replace a draft's title and questions): `lang` is the language the prompts are written in.
 * @example { title: { fr: 'Votre avis' }, lang: 'fr', questions: [{ kind: 'rating', prompt: 'Note globale ?' }] }
 */
export const SurveyInput = z.object({
  title: SurveyTitle,
  lang: Lang,
  questions: z.array(SurveyQuestionInput).min(1, 'must have a question').max(SURVEY_MAX_QUESTIONS, `must have at most ${SURVEY_MAX_QUESTIONS} questions`),
});
export type SurveyInput = z.input<typeof SurveyInput>;
/** A survey input as parsed (defaults applied): what the server builds a survey from. */
export type ParsedSurveyInput = z.output<typeof SurveyInput>;

/** A question as a survey carries it: a poll's prompt, options (with ids), translations. */
export const SurveyQuestion = z.object({
  id: Id,
  kind: SurveyKind,
  prompt: z.string(),
  options: z.array(PollOption),
  settings: SurveyQuestionSettings,
  translations: PollTranslations.optional(),
});
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

/** @example { id: 'sv_1', eventId: 'ev_1', title: { fr: 'Votre avis' }, lang: 'fr', questions: [...], state: 'open', createdAt: '…', openedAt: '…' } */
export const Survey = z.object({
  id: Id,
  eventId: Id,
  title: LocalizedText,
  lang: Lang,
  questions: z.array(SurveyQuestion),
  state: SurveyState,
  createdAt: Instant,
  openedAt: Instant.optional(),
  closedAt: Instant.optional(),
});
export type Survey = z.infer<typeof Survey>;

/** An open survey as an attendee reads it. */
export const AttendeeSurvey = Survey.extend({ answered: z.boolean() });
export type AttendeeSurvey = z.infer<typeof AttendeeSurvey>;

/** An open-text answer as organizers read it: never who wrote it; `held` when the profanity filter caught it. */
export const SurveyTextAnswer = z.object({ text: z.string(), answeredAt: Instant, held: z.boolean().optional() });
export type SurveyTextAnswer = z.infer<typeof SurveyTextAnswer>;

/**
 * One question's results: a poll tally (`pollId` is the question's id, `sessionId` the
 * survey's): counts per option, rating counts and mean, ranking points; open texts listed.
 */
export const SurveyQuestionResult = z.object({ questionId: Id, tally: Tally, texts: z.array(SurveyTextAnswer) });
export type SurveyQuestionResult = z.infer<typeof SurveyQuestionResult>;

/** @example { surveyId: 'sv_1', respondents: 12, questions: [...] } */
export const SurveyResults = z.object({ surveyId: Id, respondents: z.number().int().nonnegative(), questions: z.array(SurveyQuestionResult) });
export type SurveyResults = z.infer<typeof SurveyResults>;

/** `GET /api/events/:id/surveys` (organizers): every survey of the event, oldest first, with its results. */
export const SurveyWithResults = z.object({ survey: Survey, results: SurveyResults });
export type SurveyWithResults = z.infer<typeof SurveyWithResults>;
