import {
  Invite,
  InviteAcceptResponse,
  InviteCreateResponse,
  InviteLookup,
  LoginResponse,
  RefreshResponse,
  StaffMe,
  type InviteAcceptRequest,
  type InviteCreateRequest,
  type LoginRequest,
} from '@jisr/protocol/http';
import { toClientError, type Result } from './client-error.js';
import { callApi, type Schema } from './http.js';

type Fetch = typeof fetch;

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function jsonBody(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** One field of a JSON object, parsed by its schema (`{ invites: [...] }` -> the invites). */
export function field<T>(name: string, schema: Schema<T>): Schema<T> {
  return {
    safeParse(input: unknown) {
      const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined;
      return schema.safeParse(value);
    },
  };
}

/** `POST /api/auth/login`: an organizer's staff token. */
export function login(fetchFn: Fetch, request: LoginRequest): Promise<Result<LoginResponse>> {
  return callApi(fetchFn, '/api/auth/login', LoginResponse, jsonBody(request));
}

/** `POST /api/auth/refresh`: the same staff token with a new expiry. */
export function refreshToken(fetchFn: Fetch, token: string): Promise<Result<RefreshResponse>> {
  return callApi(fetchFn, '/api/auth/refresh', RefreshResponse, { method: 'POST', headers: bearer(token) });
}

/** `GET /api/me`: who the token belongs to, and the events they may run. */
export function fetchMe(fetchFn: Fetch, token: string): Promise<Result<StaffMe>> {
  return callApi(fetchFn, '/api/me', StaffMe, { headers: bearer(token) });
}

/** `POST /api/events/:id/invites`: a link for a moderator, speaker or screen. */
export function createInvite(
  fetchFn: Fetch,
  token: string,
  eventId: string,
  request: InviteCreateRequest,
): Promise<Result<InviteCreateResponse>> {
  const init = jsonBody(request);
  return callApi(fetchFn, `/api/events/${encodeURIComponent(eventId)}/invites`, InviteCreateResponse, {
    ...init,
    headers: { ...init.headers, ...bearer(token) },
  });
}

/** `GET /api/events/:id/invites` */
export function listInvites(fetchFn: Fetch, token: string, eventId: string): Promise<Result<Invite[]>> {
  return callApi(fetchFn, `/api/events/${encodeURIComponent(eventId)}/invites`, field('invites', Invite.array()), {
    headers: bearer(token),
  });
}

/** `DELETE /api/invites/:id`: the link stops working and everyone who came in through it is let go. */
export function revokeInvite(fetchFn: Fetch, token: string, inviteId: string): Promise<Result<Invite>> {
  return callApi(fetchFn, `/api/invites/${encodeURIComponent(inviteId)}`, field('invite', Invite), {
    method: 'DELETE',
    headers: bearer(token),
  });
}

/** `POST /api/invites/accept`: trades the link's secret and a name for a staff token. */
export function acceptInvite(fetchFn: Fetch, request: InviteAcceptRequest): Promise<Result<InviteAcceptResponse>> {
  return callApi(fetchFn, '/api/invites/accept', InviteAcceptResponse, jsonBody(request));
}

/** `POST /api/invites/lookup`: what a link is for (event, role, who it was made for), before accepting it. */
export function lookupInvite(fetchFn: Fetch, token: string): Promise<Result<InviteLookup>> {
  return callApi(fetchFn, '/api/invites/lookup', InviteLookup, jsonBody({ token }));
}

/** `GET /api/sessions/:id/questions.csv`: the file itself (not JSON), for a download. */
export async function fetchQuestionsCsv(fetchFn: Fetch, token: string, sessionId: string): Promise<Result<Blob>> {
  let response: Response;
  try {
    response = await fetchFn(`/api/sessions/${encodeURIComponent(sessionId)}/questions.csv`, { headers: bearer(token) });
  } catch (error) {
    return { ok: false, error: { code: 'network', message: error instanceof Error ? error.message : String(error) } };
  }
  if (!response.ok) return { ok: false, error: toClientError(await response.json().catch(() => null)) };
  return { ok: true, data: await response.blob() };
}

/** `GET /api/polls/:id/results.csv`: a poll's results file, for a download. */
export async function fetchPollResultsCsv(fetchFn: Fetch, token: string, pollId: string): Promise<Result<Blob>> {
  let response: Response;
  try {
    response = await fetchFn(`/api/polls/${encodeURIComponent(pollId)}/results.csv`, { headers: bearer(token) });
  } catch (error) {
    return { ok: false, error: { code: 'network', message: error instanceof Error ? error.message : String(error) } };
  }
  if (!response.ok) return { ok: false, error: toClientError(await response.json().catch(() => null)) };
  return { ok: true, data: await response.blob() };
}
