import { Survey, SurveyWithResults, type SurveyInput } from '@jisr/protocol/survey';
import { z } from 'zod';
import type { Result } from './client-error.js';
import { callNoContent } from './admin-http.js';
import { callApi } from './http.js';
import { bearer, jsonBody } from './staff-http.js';

type Fetch = typeof fetch;

/** The organizers' event surveys (packages/protocol/src/survey.ts), under `/api/events/:id/surveys`. */
const base = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}/surveys`;

function send(method: 'POST' | 'PUT', token: string, body: unknown): RequestInit {
  const init = jsonBody(body);
  return { ...init, method, headers: { ...init.headers, ...bearer(token) } };
}

/** Every survey of the event, oldest first, with its results. */
export function fetchSurveys(fetchFn: Fetch, token: string, eventId: string): Promise<Result<SurveyWithResults[]>> {
  return callApi(fetchFn, base(eventId), z.array(SurveyWithResults), { headers: bearer(token) });
}

/** A new draft. */
export function createSurvey(fetchFn: Fetch, token: string, eventId: string, input: SurveyInput): Promise<Result<Survey>> {
  return callApi(fetchFn, base(eventId), Survey, send('POST', token, input));
}

/** A draft's title and questions, replaced. */
export function editSurvey(fetchFn: Fetch, token: string, eventId: string, surveyId: string, input: SurveyInput): Promise<Result<Survey>> {
  return callApi(fetchFn, `${base(eventId)}/${encodeURIComponent(surveyId)}`, Survey, send('PUT', token, input));
}

/** Opens (a draft, or a closed survey again) or closes one. */
export function moveSurvey(fetchFn: Fetch, token: string, eventId: string, surveyId: string, to: 'open' | 'close'): Promise<Result<Survey>> {
  return callApi(fetchFn, `${base(eventId)}/${encodeURIComponent(surveyId)}/${to}`, Survey, send('POST', token, {}));
}

export function deleteSurvey(fetchFn: Fetch, token: string, eventId: string, surveyId: string): Promise<Result<null>> {
  return callNoContent(fetchFn, `${base(eventId)}/${encodeURIComponent(surveyId)}`, token);
}
