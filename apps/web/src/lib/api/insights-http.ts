import { InsightsResponse, ReportResponse } from '@jisr/protocol/insights';
import { toClientError, type Result } from './client-error.js';
import { callApi } from './http.js';
import { bearer } from './staff-http.js';

type Fetch = typeof fetch;

const id = (eventId: string) => encodeURIComponent(eventId);

/** `GET /api/events/:id/insights`: the live dashboard's figures (organizers of the event). */
export function fetchInsights(fetchFn: Fetch, token: string, eventId: string): Promise<Result<InsightsResponse>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}/insights`, InsightsResponse, { headers: bearer(token) });
}

/** `GET /api/events/:id/report`: the post-event report. */
export function fetchReport(fetchFn: Fetch, token: string, eventId: string): Promise<Result<ReportResponse>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}/report`, ReportResponse, { headers: bearer(token) });
}

/** `GET /api/events/:id/export.zip` or `export.json`: the file, for a download. */
export async function fetchEventExport(fetchFn: Fetch, token: string, eventId: string, format: 'zip' | 'json'): Promise<Result<Blob>> {
  let response: Response;
  try {
    response = await fetchFn(`/api/events/${id(eventId)}/export.${format}`, { headers: bearer(token) });
  } catch (error) {
    return { ok: false, error: { code: 'network', message: error instanceof Error ? error.message : String(error) } };
  }
  if (!response.ok) return { ok: false, error: toClientError(await response.json().catch(() => null)) };
  return { ok: true, data: await response.blob() };
}
