import { MutesResponse } from '@jisr/protocol/audience';
import type { Result } from './client-error.js';
import { callApi } from './http.js';
import { bearer } from './staff-http.js';

/** `GET /api/events/:id/mutes`: the event's mutes, for its organizers (what was muted and until when, never who). */
export function fetchMutes(fetchFn: typeof fetch, token: string, eventId: string): Promise<Result<MutesResponse>> {
  return callApi(fetchFn, `/api/events/${encodeURIComponent(eventId)}/mutes`, MutesResponse, { headers: bearer(token) });
}
