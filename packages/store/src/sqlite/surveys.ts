import type { SurveyAnswerRecord } from '@jisr/core/surveys';
import type { Survey, SurveyState } from '@jisr/protocol/survey';
import type { SurveyAnswerOutcome } from '../surveys.js';
import { StoreConflict, StoreNotFound } from '../store.js';
import type { Sql } from './sql.js';

/**
 * Event surveys (../surveys.ts): a row per survey holding it as JSON (it is read and written
 * whole), a row per (survey, person) answer; both go with their event (ON DELETE CASCADE).
 */

type SurveyRow = { id: string; event_id: string; body: string };
type AnswerRow = { survey_id: string; author_key: string; client_id: string; answers: string; answered_at: string };

const toSurvey = (row: SurveyRow): Survey => JSON.parse(row.body) as Survey;
const toAnswer = (row: AnswerRow): SurveyAnswerRecord => ({
  surveyId: row.survey_id,
  authorKey: row.author_key,
  answers: JSON.parse(row.answers) as SurveyAnswerRecord['answers'],
  clientId: row.client_id,
  answeredAt: row.answered_at,
});

const ONE = 'SELECT * FROM surveys WHERE id = :surveyId AND event_id = :eventId';

export function createSurvey(sql: Sql, survey: Survey): Survey {
  return sql.transaction((): Survey => {
    if (!sql.one('SELECT 1 AS x FROM events WHERE id = :eventId', { eventId: survey.eventId })) throw new StoreNotFound(`no event ${survey.eventId}`);
    if (sql.one('SELECT 1 AS x FROM surveys WHERE id = :id', { id: survey.id })) throw new StoreConflict(`survey ${survey.id} exists`);
    sql.run('INSERT INTO surveys (id, event_id, body) VALUES (:id, :eventId, :body)', { id: survey.id, eventId: survey.eventId, body: JSON.stringify(survey) });
    return survey;
  });
}

export function getSurvey(sql: Sql, eventId: string, surveyId: string): Survey | null {
  const row = sql.one<SurveyRow>(ONE, { eventId, surveyId });
  return row ? toSurvey(row) : null;
}

export function listSurveys(sql: Sql, eventId: string): Survey[] {
  return sql.all<SurveyRow>('SELECT * FROM surveys WHERE event_id = :eventId ORDER BY rowid', { eventId }).map(toSurvey);
}

export function replaceSurvey(sql: Sql, survey: Survey, expected: SurveyState): Survey {
  return sql.transaction((): Survey => {
    const row = sql.one<SurveyRow>(ONE, { eventId: survey.eventId, surveyId: survey.id });
    if (!row) throw new StoreNotFound(`no survey ${survey.id}`);
    const stored = toSurvey(row);
    if (stored.state !== expected) throw new StoreConflict(`survey ${survey.id} is ${stored.state}, not ${expected}`);
    sql.run('UPDATE surveys SET body = :body WHERE id = :id', { id: survey.id, body: JSON.stringify(survey) });
    return survey;
  });
}

export function deleteSurvey(sql: Sql, eventId: string, surveyId: string): void {
  const changes = sql.run('DELETE FROM surveys WHERE id = :surveyId AND event_id = :eventId', { eventId, surveyId });
  if (changes === 0) throw new StoreNotFound(`no survey ${surveyId}`);
}

export function answerSurvey(sql: Sql, eventId: string, answer: SurveyAnswerRecord): SurveyAnswerOutcome {
  return sql.transaction((): SurveyAnswerOutcome => {
    const row = sql.one<SurveyRow>(ONE, { eventId, surveyId: answer.surveyId });
    if (!row) throw new StoreNotFound(`no survey ${answer.surveyId}`);
    const stored = getSurveyAnswer(sql, eventId, answer.surveyId, answer.authorKey);
    if (stored) return { outcome: stored.clientId === answer.clientId ? 'resent' : 'answered_before', value: stored };
    if (toSurvey(row).state !== 'open') return { outcome: 'closed' };
    sql.run(
      `INSERT INTO survey_answers (survey_id, author_key, client_id, answers, answered_at)
       VALUES (:surveyId, :authorKey, :clientId, :answers, :answeredAt)`,
      { surveyId: answer.surveyId, authorKey: answer.authorKey, clientId: answer.clientId, answers: JSON.stringify(answer.answers), answeredAt: answer.answeredAt },
    );
    return { outcome: 'stored', value: answer };
  });
}

export function listSurveyAnswers(sql: Sql, eventId: string, surveyId: string): SurveyAnswerRecord[] {
  return sql
    .all<AnswerRow>(
      `SELECT a.* FROM survey_answers a JOIN surveys s ON s.id = a.survey_id
       WHERE a.survey_id = :surveyId AND s.event_id = :eventId ORDER BY a.answered_at, a.author_key`,
      { eventId, surveyId },
    )
    .map(toAnswer);
}

export function getSurveyAnswer(sql: Sql, eventId: string, surveyId: string, authorKey: string): SurveyAnswerRecord | null {
  const row = sql.one<AnswerRow>(
    `SELECT a.* FROM survey_answers a JOIN surveys s ON s.id = a.survey_id
     WHERE a.survey_id = :surveyId AND s.event_id = :eventId AND a.author_key = :authorKey`,
    { eventId, surveyId, authorKey },
  );
  return row ? toAnswer(row) : null;
}
