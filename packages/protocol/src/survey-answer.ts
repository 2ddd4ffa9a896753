import { z } from 'zod';
import { ClientId, Id } from './common.js';
import { Ballot } from './poll.js';

/**
 * The attendee's side of event surveys (survey.ts has the rest): apart, because the event
 * map (events.ts) names these schemas and every page carries it, while only the organizers'
 * pages and the survey page need the survey's own shape.
 */

/** A short survey: past a dozen questions people stop answering (and a phone screen scrolls forever). */
export const SURVEY_MAX_QUESTIONS = 12;

/** One question's answer: a ballot of the question's kind (as `poll:vote` takes). @example { questionId: 'q1', ballot: { value: 4 } } */
export const SurveyAnswerItem = z.object({ questionId: Id, ballot: Ballot });
export type SurveyAnswerItem = z.infer<typeof SurveyAnswerItem>;

/**
 * `survey:answer` (attendee of the survey's event, while it is open): once per person, not
 * changeable afterwards (as Slido's surveys); questions left out are skipped, one at least
 * is answered. The same clientId twice is one answer: a resend gets the stored one back.
 * @example { surveyId: 'sv_1', answers: [{ questionId: 'q1', ballot: { value: 4 } }], clientId: '3f0c…' }
 */
export const SurveyAnswerInput = z.object({
  surveyId: Id,
  answers: z.array(SurveyAnswerItem).min(1, 'must answer a question').max(SURVEY_MAX_QUESTIONS),
  clientId: ClientId,
});
export type SurveyAnswerInput = z.input<typeof SurveyAnswerInput>;

/** What the answerer gets back (an ack, never parsed: a type only). @example { surveyId: 'sv_1', answeredAt: '…' } */
export interface SurveyAnswered {
  surveyId: string;
  answeredAt: string;
}

/** `survey:list` (attendee): the open surveys of the event, each saying whether the caller answered it. @example { eventId: 'ev_1' } */
export const SurveyListInput = z.object({ eventId: Id });
export type SurveyListInput = z.input<typeof SurveyListInput>;

