import type { SurveyAnswerRecord } from '@jisr/core/surveys';
import type { DumpSurvey } from '@jisr/protocol/event-dump';
import type { Survey, SurveyState } from '@jisr/protocol/survey';

/**
 * What an answer did: `stored` (the first), `resent` (the same clientId again: the stored
 * answer back, nothing changed), `answered_before` (another send of a person who already
 * answered: refused, the stored one back), `closed` (the survey takes no answers now).
 */
export type SurveyAnswerOutcome =
  | { outcome: 'stored' | 'resent' | 'answered_before'; value: SurveyAnswerRecord }
  | { outcome: 'closed' };

/**
 * Event surveys (core surveys.ts, DESIGN 4b): the survey is programme (it goes with a
 * duplicate, as a draft without answers); the answers are attendee data (they go with a
 * rehearsal reset of the whole event, with the attendee purge, with their survey or event).
 */
export interface SurveyStore {
  /** StoreNotFound for an unknown event; StoreConflict for a taken id. */
  createSurvey(survey: Survey): Promise<Survey>;
  getSurvey(eventId: string, surveyId: string): Promise<Survey | null>;
  /** The event's surveys in creation order; empty for an unknown event. */
  listSurveys(eventId: string): Promise<Survey[]>;
  /**
   * Replaces the stored survey (same id and event) in one step, if its state is still
   * `expected`: StoreConflict when it moved meanwhile (another organizer opened it), StoreNotFound when it is gone.
   */
  replaceSurvey(survey: Survey, expected: SurveyState): Promise<Survey>;
  /** Deletes a survey with its answers. StoreNotFound for an unknown one. */
  deleteSurvey(eventId: string, surveyId: string): Promise<void>;
  /**
   * Stores a person's answer in one step, checking that the survey is open and that they have
   * not answered it yet (see SurveyAnswerOutcome). StoreNotFound for an unknown survey.
   */
  answerSurvey(eventId: string, answer: SurveyAnswerRecord): Promise<SurveyAnswerOutcome>;
  /** A survey's answers, oldest first (then by author key). */
  listSurveyAnswers(eventId: string, surveyId: string): Promise<SurveyAnswerRecord[]>;
  getSurveyAnswer(eventId: string, surveyId: string, authorKey: string): Promise<SurveyAnswerRecord | null>;
}

/** A survey and its answers as the event dump holds them (answers oldest first, as listed). */
export function dumpSurvey(survey: Survey, answers: readonly SurveyAnswerRecord[]): DumpSurvey {
  return {
    ...survey,
    answers: answers.map(({ authorKey, answers: items, clientId, answeredAt }) => ({ authorKey, answers: items.map((item) => ({ ...item })), clientId, answeredAt })),
  };
}

/** The survey record of a dumped one (its answers apart). */
export function surveyOfDump({ answers: _answers, ...survey }: DumpSurvey): Survey {
  return survey;
}

/** The answer records of a dumped survey. */
export function answersOfDump(dumped: DumpSurvey): SurveyAnswerRecord[] {
  return dumped.answers.map((answer) => ({ surveyId: dumped.id, ...answer }));
}
