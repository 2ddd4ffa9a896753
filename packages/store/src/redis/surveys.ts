import type { SurveyAnswerRecord } from '@jisr/core/surveys';
import type { Survey, SurveyState } from '@jisr/protocol/survey';
import type { SurveyAnswerOutcome } from '../surveys.js';
import { inEvent, type RedisContext } from './context.js';
import { asArray, asString } from './replies.js';

/**
 * Event surveys (../surveys.ts): each survey a JSON string in its event's slot, a zset of
 * them by creation order, a hash of answers per survey (actor key -> JSON); the scripts in
 * survey-scripts.ts make each write one step. Addressed by (event, survey): every caller
 * knows the event (an organizer's route names it, an attendee's token carries it).
 */

const toAnswer = (json: string): SurveyAnswerRecord => {
  const parsed = JSON.parse(json) as SurveyAnswerRecord;
  return { surveyId: parsed.surveyId, authorKey: parsed.authorKey, answers: parsed.answers, clientId: parsed.clientId, answeredAt: parsed.answeredAt };
};

export async function createSurvey(ctx: RedisContext, survey: Survey): Promise<Survey> {
  await inEvent(ctx, survey.eventId, 'createSurvey', [survey.id, JSON.stringify(survey)]);
  return survey;
}

export async function getSurvey(ctx: RedisContext, eventId: string, surveyId: string): Promise<Survey | null> {
  const json = await ctx.client.get(ctx.keys.inEvent(eventId, 'survey', surveyId));
  return json ? (JSON.parse(json) as Survey) : null;
}

export async function listSurveys(ctx: RedisContext, eventId: string): Promise<Survey[]> {
  const ids = await ctx.client.zRange(ctx.keys.inEvent(eventId, 'surveys'), 0, -1);
  if (ids.length === 0) return [];
  const bodies = await ctx.client.mGet(ids.map((id) => ctx.keys.inEvent(eventId, 'survey', id)));
  return bodies.filter((json): json is string => typeof json === 'string').map((json) => JSON.parse(json) as Survey);
}

export async function replaceSurvey(ctx: RedisContext, survey: Survey, expected: SurveyState): Promise<Survey> {
  await inEvent(ctx, survey.eventId, 'replaceSurvey', [survey.id, expected, JSON.stringify(survey)]);
  return survey;
}

export async function deleteSurvey(ctx: RedisContext, eventId: string, surveyId: string): Promise<void> {
  await inEvent(ctx, eventId, 'deleteSurvey', [surveyId]);
}

export async function answerSurvey(ctx: RedisContext, eventId: string, answer: SurveyAnswerRecord): Promise<SurveyAnswerOutcome> {
  const reply = asArray(await inEvent(ctx, eventId, 'answerSurvey', [answer.surveyId, answer.authorKey, answer.clientId, JSON.stringify(answer)]), `an answer to ${answer.surveyId}`);
  const outcome = asString(reply[0], 'an answer outcome');
  if (outcome === 'closed') return { outcome };
  if (outcome !== 'stored' && outcome !== 'resent' && outcome !== 'answered_before') throw new Error(`answerSurvey replied ${outcome}`);
  return { outcome, value: toAnswer(asString(reply[1], 'an answer')) };
}

export async function listSurveyAnswers(ctx: RedisContext, eventId: string, surveyId: string): Promise<SurveyAnswerRecord[]> {
  const hash = await ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'surveyAnswers', surveyId));
  return Object.values(hash)
    .map(toAnswer)
    .sort((a, b) => a.answeredAt.localeCompare(b.answeredAt) || (a.authorKey < b.authorKey ? -1 : a.authorKey > b.authorKey ? 1 : 0));
}

export async function getSurveyAnswer(ctx: RedisContext, eventId: string, surveyId: string, authorKey: string): Promise<SurveyAnswerRecord | null> {
  const json = await ctx.client.hGet(ctx.keys.inEvent(eventId, 'surveyAnswers', surveyId), authorKey);
  return json ? toAnswer(json) : null;
}
