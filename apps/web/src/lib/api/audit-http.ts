import { AuditPage, RetentionState } from '@jisr/protocol/audit';
import type { Result } from './client-error.js';
import { callApi } from './http.js';
import { bearer, jsonBody } from './staff-http.js';

type Fetch = typeof fetch;

/** `GET /api/events/:id/audit`: a page of the audit log, newest first (organizers of the event). */
export function fetchAudit(fetchFn: Fetch, token: string, eventId: string, before?: string): Promise<Result<AuditPage>> {
  const query = before ? `?before=${encodeURIComponent(before)}` : '';
  return callApi(fetchFn, `/api/events/${encodeURIComponent(eventId)}/audit${query}`, AuditPage, { headers: bearer(token) });
}

/** `GET /api/events/:id/retention`: how long attendee data is kept after the event. */
export function fetchRetention(fetchFn: Fetch, token: string, eventId: string): Promise<Result<RetentionState>> {
  return callApi(fetchFn, `/api/events/${encodeURIComponent(eventId)}/retention`, RetentionState, { headers: bearer(token) });
}

/** `PATCH /api/events/:id/retention`: days after the event's end, or null to keep the data. */
export function saveRetention(fetchFn: Fetch, token: string, eventId: string, retentionDays: number | null): Promise<Result<RetentionState>> {
  const init = jsonBody({ retentionDays });
  return callApi(fetchFn, `/api/events/${encodeURIComponent(eventId)}/retention`, RetentionState, {
    ...init,
    method: 'PATCH',
    headers: { ...init.headers, ...bearer(token) },
  });
}
