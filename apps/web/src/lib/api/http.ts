import { EventAgenda, JoinResponse, type JoinRequest } from '@jisr/protocol/http';
import { toClientError, type Result } from './client-error.js';

type Fetch = typeof fetch;

/** What this module needs of a protocol (zod) schema. */
export interface Schema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

/**
 * One JSON call to the API on this origin. The answer is parsed by its protocol schema:
 * the web app trusts nothing it has not checked, not even its own server.
 */
export async function callApi<T>(fetchFn: Fetch, path: string, schema: Schema<T>, init?: RequestInit): Promise<Result<T>> {
  let response: Response;
  try {
    response = await fetchFn(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch (error) {
    return { ok: false, error: { code: 'network', message: error instanceof Error ? error.message : String(error) } };
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) return { ok: false, error: toClientError(body) };
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, error: { code: 'internal', message: `unexpected answer from ${path}` } };
  return { ok: true, data: parsed.data };
}

/** `POST /api/join`: an attendee token for the event with this code. */
export function joinEvent(fetchFn: Fetch, request: JoinRequest): Promise<Result<JoinResponse>> {
  return callApi(fetchFn, '/api/join', JoinResponse, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
}

/** `GET /api/events/:code`: the public agenda. */
export function fetchAgenda(fetchFn: Fetch, code: string): Promise<Result<EventAgenda>> {
  return callApi(fetchFn, `/api/events/${encodeURIComponent(code)}`, EventAgenda);
}
