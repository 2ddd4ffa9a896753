import {
  EventResponse,
  RoomResponse,
  SessionChangeResponse,
  SessionResponse,
  SpeakerResponse,
  type AgendaImportResult,
  type EventCreateRequest,
  type EventPatchRequest,
  type RoomCreateRequest,
  type RoomPatchRequest,
  type SessionCreateRequest,
  type SpeakerCreateRequest,
  type SpeakerPatchRequest,
} from '@jisr/protocol/admin';
import type { SessionEditRequest } from '@jisr/protocol/agenda';
import { toClientError, type Result } from './client-error.js';
import { callApi, type Schema } from './http.js';
import { bearer, jsonBody } from './staff-http.js';

type Fetch = typeof fetch;

/** The organizer's API for one event (owner only): see packages/protocol/src/admin.ts. */
function send(method: 'POST' | 'PATCH', token: string, body: unknown): RequestInit {
  const init = jsonBody(body);
  return { ...init, method, headers: { ...init.headers, ...bearer(token) } };
}

const id = encodeURIComponent;

/** `POST /api/events`: a new event the caller owns. */
export function createEvent(fetchFn: Fetch, token: string, request: EventCreateRequest): Promise<Result<EventResponse>> {
  return callApi(fetchFn, '/api/events', EventResponse, send('POST', token, request));
}

/** `PATCH /api/events/:id` */
export function patchEvent(fetchFn: Fetch, token: string, eventId: string, request: EventPatchRequest): Promise<Result<EventResponse>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}`, EventResponse, send('PATCH', token, request));
}

/** `DELETE /api/events/:id`: the event and everything in it, for good. */
export function deleteEvent(fetchFn: Fetch, token: string, eventId: string): Promise<Result<null>> {
  return callNoContent(fetchFn, `/api/events/${id(eventId)}`, token);
}

export function createRoom(fetchFn: Fetch, token: string, eventId: string, request: RoomCreateRequest): Promise<Result<RoomResponse>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}/rooms`, RoomResponse, send('POST', token, request));
}

export function patchRoom(fetchFn: Fetch, token: string, eventId: string, roomId: string, request: RoomPatchRequest): Promise<Result<RoomResponse>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}/rooms/${id(roomId)}`, RoomResponse, send('PATCH', token, request));
}

export function deleteRoom(fetchFn: Fetch, token: string, eventId: string, roomId: string): Promise<Result<null>> {
  return callNoContent(fetchFn, `/api/events/${id(eventId)}/rooms/${id(roomId)}`, token);
}

export function createSpeaker(fetchFn: Fetch, token: string, eventId: string, request: SpeakerCreateRequest): Promise<Result<SpeakerResponse>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}/speakers`, SpeakerResponse, send('POST', token, request));
}

export function patchSpeaker(
  fetchFn: Fetch,
  token: string,
  eventId: string,
  speakerId: string,
  request: SpeakerPatchRequest,
): Promise<Result<SpeakerResponse>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}/speakers/${id(speakerId)}`, SpeakerResponse, send('PATCH', token, request));
}

export function deleteSpeaker(fetchFn: Fetch, token: string, eventId: string, speakerId: string): Promise<Result<null>> {
  return callNoContent(fetchFn, `/api/events/${id(eventId)}/speakers/${id(speakerId)}`, token);
}

export function createSession(fetchFn: Fetch, token: string, eventId: string, request: SessionCreateRequest): Promise<Result<SessionResponse>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}/sessions`, SessionResponse, send('POST', token, request));
}

/** `PATCH /api/sessions/:id`: content and times (organizer), with the sessions a cascade moved. */
export function editSession(fetchFn: Fetch, token: string, sessionId: string, request: SessionEditRequest): Promise<Result<SessionChangeResponse>> {
  return callApi(fetchFn, `/api/sessions/${id(sessionId)}`, SessionChangeResponse, send('PATCH', token, request));
}

export function deleteSession(fetchFn: Fetch, token: string, sessionId: string): Promise<Result<null>> {
  return callNoContent(fetchFn, `/api/sessions/${id(sessionId)}`, token);
}

/** `GET /api/events/:id/agenda.csv`: the file, for a download. */
export async function fetchAgendaCsv(fetchFn: Fetch, token: string, eventId: string): Promise<Result<Blob>> {
  let response: Response;
  try {
    response = await fetchFn(`/api/events/${id(eventId)}/agenda.csv`, { headers: bearer(token) });
  } catch (error) {
    return { ok: false, error: { code: 'network', message: error instanceof Error ? error.message : String(error) } };
  }
  if (!response.ok) return { ok: false, error: toClientError(await response.json().catch(() => null)) };
  return { ok: true, data: await response.blob() };
}

const ImportResult: Schema<AgendaImportResult> = {
  safeParse(input: unknown) {
    const value = input as Partial<AgendaImportResult> | null;
    const ok =
      typeof value === 'object' &&
      value !== null &&
      typeof value.dryRun === 'boolean' &&
      typeof value.sessions?.created === 'number' &&
      typeof value.sessions.updated === 'number' &&
      Array.isArray(value.rooms?.created) &&
      Array.isArray(value.speakers?.created) &&
      Array.isArray(value.problems);
    return ok ? { success: true, data: value as AgendaImportResult } : { success: false };
  },
};

/** The organizer's answers to the import's "did you mean…?": names as in the file, to map to the existing one or to create. */
export interface ImportNameChoices {
  use: readonly string[];
  create: readonly string[];
}

/** `POST /api/events/:id/agenda.csv[?dryRun=1][&use=…][&create=…]`: checks (and without dryRun, imports) a CSV. */
export function importAgendaCsv(
  fetchFn: Fetch,
  token: string,
  eventId: string,
  csv: string,
  dryRun: boolean,
  choices: ImportNameChoices = { use: [], create: [] },
): Promise<Result<AgendaImportResult>> {
  const query = new URLSearchParams();
  if (dryRun) query.set('dryRun', '1');
  for (const name of choices.use) query.append('use', name);
  for (const name of choices.create) query.append('create', name);
  const search = query.size > 0 ? `?${query.toString()}` : '';
  return callApi(fetchFn, `/api/events/${id(eventId)}/agenda.csv${search}`, ImportResult, {
    method: 'POST',
    headers: { 'content-type': 'text/csv; charset=utf-8', ...bearer(token) },
    body: csv,
  });
}

/** A DELETE answered `204 No Content`. */
export async function callNoContent(fetchFn: Fetch, path: string, token: string): Promise<Result<null>> {
  let response: Response;
  try {
    response = await fetchFn(path, { method: 'DELETE', headers: { accept: 'application/json', ...bearer(token) } });
  } catch (error) {
    return { ok: false, error: { code: 'network', message: error instanceof Error ? error.message : String(error) } };
  }
  if (!response.ok) return { ok: false, error: toClientError(await response.json().catch(() => null)) };
  return { ok: true, data: null };
}

/** `DELETE /api/events/:id/announcements/:announcementId`: withdrawn from every phone and screen. */
export function withdrawAnnouncement(fetchFn: Fetch, token: string, eventId: string, announcementId: string): Promise<Result<null>> {
  return callNoContent(fetchFn, `/api/events/${id(eventId)}/announcements/${id(announcementId)}`, token);
}
