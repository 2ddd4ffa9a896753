import { SpeakerResponse } from '@jisr/protocol/admin';
import type { Result } from './client-error.js';
import { callApi } from './http.js';
import { bearer } from './staff-http.js';

type Fetch = typeof fetch;
const id = encodeURIComponent;

/** `PUT /api/events/:id/speakers/:speakerId/photo`: the file as the body, its type as Content-Type; the server resizes it. */
export function uploadSpeakerPhoto(fetchFn: Fetch, token: string, eventId: string, speakerId: string, file: Blob): Promise<Result<SpeakerResponse>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}/speakers/${id(speakerId)}/photo`, SpeakerResponse, {
    method: 'PUT',
    body: file,
    headers: { 'content-type': file.type || 'application/octet-stream', ...bearer(token) },
  });
}

export function removeSpeakerPhoto(fetchFn: Fetch, token: string, eventId: string, speakerId: string): Promise<Result<SpeakerResponse>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}/speakers/${id(speakerId)}/photo`, SpeakerResponse, { method: 'DELETE', headers: bearer(token) });
}
