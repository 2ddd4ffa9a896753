import type { Poll } from '@jisr/protocol/poll';
import type {
  ParsedSurveyInput,
  Survey,
  SurveyAnswerItem,
  SurveyQuestion,
  SurveyQuestionResult,
  SurveyResults,
  SurveyState,
  SurveyTextAnswer,
} from '@jisr/protocol/survey';
import { ballotContributions, ballotRefusal, buildTally, type BallotRefusal, type TallyCounts } from './poll-ballots.js';
import { pollSetupRefusal, type PollSetupRefusal } from './polls.js';

/** One answered question as stored: its ballot, and `held` when the profanity filter caught its open text. */
export interface StoredSurveyAnswer extends SurveyAnswerItem {
  held?: boolean;
}

/**
 * One person's answer to a survey as the stores keep it: under the answerer's actor key
 * (one per survey per person, never replaced) with the clientId of the send that made it
 * (a resend of that send gets it back).
 */
export interface SurveyAnswerRecord {
  surveyId: string;
  authorKey: string;
  answers: StoredSurveyAnswer[];
  clientId: string;
  answeredAt: string;
}

/**
 * A survey question seen as a poll, so the poll rules apply to it unchanged: ballot shapes
 * (ballotRefusal), what a ballot counts for (ballotContributions), the tally (buildTally),
 * localized texts (localizePoll). The survey stands in for the session.
 */
export function questionAsPoll(survey: Pick<Survey, 'id' | 'lang' | 'createdAt'>, question: SurveyQuestion): Poll {
  return {
    id: question.id,
    sessionId: survey.id,
    kind: question.kind,
    prompt: question.prompt,
    options: question.options,
    lang: survey.lang,
    ...(question.translations ? { translations: question.translations } : {}),
    state: 'open',
    settings: { results: 'live', allowChange: false, anonymous: true, ...question.settings },
    revealed: false,
    createdAt: survey.createdAt,
  };
}

export type SurveySetupRefusal = PollSetupRefusal | 'translation_labels';

/** Why a survey can't be built as written (and which field), or null when it can. */
export function surveySetupRefusal(input: ParsedSurveyInput): { field: string; reason: SurveySetupRefusal } | null {
  for (const [at, question] of input.questions.entries()) {
    const settings = { results: 'live' as const, allowChange: false, anonymous: true, ...question.settings };
    const refusal = pollSetupRefusal(question.kind, question.options, settings);
    if (refusal) return { field: `questions.${at}.options`, reason: refusal };
    for (const [lang, translation] of Object.entries(question.translations ?? {})) {
      if (translation && translation.options.length !== question.options.length) {
        return { field: `questions.${at}.translations.${lang}.options`, reason: 'translation_labels' };
      }
    }
  }
  return null;
}

/**
 * The survey a (checked) input makes, or the draft it replaces: option and question ids made
 * by `newId`; the title's empty languages dropped; translations in the survey's own language
 * dropped (the prompts are that language already).
 */
export function buildSurvey(
  input: ParsedSurveyInput,
  base: Pick<Survey, 'id' | 'eventId' | 'state' | 'createdAt'> & Partial<Pick<Survey, 'openedAt' | 'closedAt'>>,
  newId: () => string,
): Survey {
  const title = Object.fromEntries(Object.entries(input.title).filter(([, text]) => text !== undefined && text.length > 0));
  const questions: SurveyQuestion[] = input.questions.map((question) => {
    const translations = Object.fromEntries(Object.entries(question.translations ?? {}).filter(([lang, given]) => lang !== input.lang && given !== undefined));
    return {
      id: newId(),
      kind: question.kind,
      prompt: question.prompt,
      options: question.options.map((label) => ({ id: newId(), label })),
      settings: question.settings,
      ...(Object.keys(translations).length > 0 ? { translations } : {}),
    };
  });
  return { ...base, title, lang: input.lang, questions };
}

/** Only a draft changes its questions: answers given to one wording must not count for another. */
export function surveyEditRefusal(survey: Pick<Survey, 'state'>): 'not_draft' | null {
  return survey.state === 'draft' ? null : 'not_draft';
}

/** Open: a draft or a closed survey (opened again). Close: an open one. Anything else is refused. */
export function surveyMove(survey: Survey, to: 'open' | 'close', now: Date): Survey | null {
  const at = now.toISOString();
  if (to === 'open' && survey.state !== 'open') {
    const { closedAt: _closed, ...rest } = survey;
    return { ...rest, state: 'open', openedAt: survey.openedAt ?? at };
  }
  if (to === 'close' && survey.state === 'open') return { ...survey, state: 'closed', closedAt: at };
  return null;
}

/** The states an attendee can see: an open survey only. */
export function surveyVisibleToAttendees(state: SurveyState): boolean {
  return state === 'open';
}

export type SurveyAnswerRefusal = BallotRefusal | 'unknown_question' | 'duplicate_question';

/** Why these answers don't fit the survey, naming the field of the first that doesn't; null when they all do. */
export function surveyAnswersRefusal(survey: Survey, answers: readonly SurveyAnswerItem[]): { field: string; reason: SurveyAnswerRefusal } | null {
  const questions = new Map(survey.questions.map((question) => [question.id, question]));
  const seen = new Set<string>();
  for (const [at, answer] of answers.entries()) {
    const question = questions.get(answer.questionId);
    if (!question) return { field: `answers.${at}.questionId`, reason: 'unknown_question' };
    if (seen.has(answer.questionId)) return { field: `answers.${at}.questionId`, reason: 'duplicate_question' };
    seen.add(answer.questionId);
    const refusal = ballotRefusal(questionAsPoll(survey, question), answer.ballot);
    if (refusal) return { field: `answers.${at}.ballot`, reason: refusal };
  }
  return null;
}

/** Answers in the survey's question order (how they are stored and exported). */
export function orderAnswers<T extends SurveyAnswerItem>(survey: Survey, answers: readonly T[]): T[] {
  const place = new Map(survey.questions.map((question, at) => [question.id, at]));
  return [...answers].sort((a, b) => (place.get(a.questionId) ?? 0) - (place.get(b.questionId) ?? 0));
}

/**
 * A survey's results for its organizers: for each question, the poll tally of its answers
 * (counts per option, rating counts and mean, ranking points by Borda) and, for open text,
 * the texts oldest first, held ones marked. Never who answered.
 */
export function summarizeSurvey(survey: Survey, records: readonly SurveyAnswerRecord[]): SurveyResults {
  const questions: SurveyQuestionResult[] = survey.questions.map((question) => {
    const poll = questionAsPoll(survey, question);
    const running: Required<Pick<TallyCounts, 'total' | 'counts'>> = { total: 0, counts: {} };
    const texts: SurveyTextAnswer[] = [];
    for (const record of records) {
      const answer = record.answers.find((entry) => entry.questionId === question.id);
      if (!answer) continue;
      running.total += 1;
      for (const { key, weight } of ballotContributions(poll, answer.ballot)) running.counts[key] = (running.counts[key] ?? 0) + weight;
      if ('text' in answer.ballot) texts.push({ text: answer.ballot.text, answeredAt: record.answeredAt, ...(answer.held ? { held: true } : {}) });
    }
    texts.sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
    return { questionId: question.id, tally: buildTally(poll, running), texts };
  });
  return { surveyId: survey.id, respondents: records.length, questions };
}

/** The answers an input makes to store: in question order, open texts the filter caught marked `held`. */
export function storedAnswers(survey: Survey, answers: readonly SurveyAnswerItem[], isProfane: (text: string) => boolean): StoredSurveyAnswer[] {
  return orderAnswers(survey, answers).map((answer) => ('text' in answer.ballot && isProfane(answer.ballot.text) ? { ...answer, held: true } : { ...answer }));
}

/** Whether the answers carry open text (what an event-wide mute stops, as it stops asks). */
export function hasOpenText(answers: readonly SurveyAnswerItem[]): boolean {
  return answers.some((answer) => 'text' in answer.ballot);
}
