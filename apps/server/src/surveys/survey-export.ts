import { contentFallbacks, pickText } from '@jisr/core/localize';
import { summarizeSurvey } from '@jisr/core/surveys';
import type { Event } from '@jisr/protocol/event';
import type { SurveyWithResults } from '@jisr/protocol/survey';
import type { EventRecord } from '@jisr/store/store';
import type { AppContext } from '../context.js';
import { spreadsheetSafe } from '../http/csv-cell.js';

/** Every survey of the event with its results (core's summary: never who answered). */
export async function readEventSurveys(ctx: AppContext, event: EventRecord): Promise<SurveyWithResults[]> {
  const surveys = await ctx.store.listSurveys(event.id);
  return Promise.all(surveys.map(async (survey) => ({ survey, results: summarizeSurvey(survey, await ctx.store.listSurveyAnswers(event.id, survey.id)) })));
}

/**
 * `surveys.csv` of the export zip: a row per option of a choice or ranking question (its
 * count, or its Borda points), per value of a rating (with the mean), per open-text answer
 * (held ones marked); texts in the survey's own language; formula-safe.
 */
export function surveyCsvRows(surveys: readonly SurveyWithResults[], event: Pick<Event, 'defaultLang' | 'languages' | 'fallbackLangs'>): string[][] {
  const fallbacks = contentFallbacks(event);
  const rows: string[][] = [['survey_id', 'survey', 'state', 'respondents', 'question_id', 'kind', 'question', 'answer', 'count', 'average', 'held']];
  for (const { survey, results } of surveys) {
    const head = [survey.id, spreadsheetSafe(pickText(survey.title, survey.lang, fallbacks)), survey.state, String(results.respondents)];
    for (const question of survey.questions) {
      const result = results.questions.find((entry) => entry.questionId === question.id);
      const tally = result?.tally;
      const line = (answer: string, count: string, average = '', held = '') => [...head, question.id, question.kind, spreadsheetSafe(question.prompt), spreadsheetSafe(answer), count, average, held];
      if (question.kind === 'text') {
        const texts = result?.texts ?? [];
        if (texts.length === 0) rows.push(line('', '0'));
        for (const text of texts) rows.push(line(text.text, '1', '', text.held ? 'yes' : ''));
      } else if (question.kind === 'rating') {
        const average = tally?.average === undefined ? '' : String(Math.round(tally.average * 100) / 100);
        for (const [value, count] of Object.entries(tally?.counts ?? {})) rows.push(line(value, String(count), average));
      } else {
        for (const option of question.options) rows.push(line(option.label, String(tally?.counts[option.id] ?? 0)));
      }
    }
  }
  return rows;
}
