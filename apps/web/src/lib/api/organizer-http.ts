import {
  EventResetResponse,
  EventResponse,
  EventSetupResponse,
  OrganizerInvite,
  OrganizerInviteLookup,
  OrganizerInviteResponse,
  OrganizersResponse,
  type EventDuplicateRequest,
  type EventResetRequest,
  type OrganizerInviteAcceptRequest,
} from '@jisr/protocol/admin';
import { LoginResponse } from '@jisr/protocol/http';
import { callNoContent } from './admin-http.js';
import type { Result } from './client-error.js';
import { callApi } from './http.js';
import { bearer, field, jsonBody } from './staff-http.js';

type Fetch = typeof fetch;

/** The organizer's toolbox (issue 21): co-organizers, copies of an event, rehearsal resets, the set-up checklist. */

const id = encodeURIComponent;
const post = (token: string, body: unknown): RequestInit => {
  const init = jsonBody(body);
  return { ...init, headers: { ...init.headers, ...bearer(token) } };
};

/** `GET /api/events/:id/organizers` */
export function listOrganizers(fetchFn: Fetch, token: string, eventId: string): Promise<Result<OrganizersResponse>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}/organizers`, OrganizersResponse, { headers: bearer(token) });
}

/** `POST /api/events/:id/organizers {email}`: an invite link to co-organize. */
export function inviteOrganizer(fetchFn: Fetch, token: string, eventId: string, email: string): Promise<Result<OrganizerInviteResponse>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}/organizers`, OrganizerInviteResponse, post(token, { email }));
}

/** `DELETE /api/events/:id/organizers/:userId`: the owner removes a co-organizer, or one leaves. */
export function removeOrganizer(fetchFn: Fetch, token: string, eventId: string, userId: string): Promise<Result<null>> {
  return callNoContent(fetchFn, `/api/events/${id(eventId)}/organizers/${id(userId)}`, token);
}

/** `DELETE /api/events/:id/organizer-invites/:inviteId`: a link not used yet, cancelled. */
export function revokeOrganizerInvite(fetchFn: Fetch, token: string, eventId: string, inviteId: string): Promise<Result<OrganizerInvite>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}/organizer-invites/${id(inviteId)}`, field('invite', OrganizerInvite), {
    method: 'DELETE',
    headers: bearer(token),
  });
}

/** `POST /api/organizer-invites/lookup`: what a link is for (no token needed: the link is the key). */
export function lookupOrganizerInvite(fetchFn: Fetch, token: string): Promise<Result<OrganizerInviteLookup>> {
  return callApi(fetchFn, '/api/organizer-invites/lookup', OrganizerInviteLookup, jsonBody({ token }));
}

/** `POST /api/organizer-invites/accept`: signs in (or makes the account) and joins the event's organizers. */
export function acceptOrganizerInvite(fetchFn: Fetch, request: OrganizerInviteAcceptRequest): Promise<Result<LoginResponse>> {
  return callApi(fetchFn, '/api/organizer-invites/accept', LoginResponse, jsonBody(request));
}

/** `POST /api/events/:id/duplicate` */
export function duplicateEvent(fetchFn: Fetch, token: string, eventId: string, request: EventDuplicateRequest): Promise<Result<EventResponse>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}/duplicate`, EventResponse, post(token, request));
}

/** `POST /api/events/:id/reset` */
export function resetEvent(fetchFn: Fetch, token: string, eventId: string, request: EventResetRequest): Promise<Result<EventResetResponse>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}/reset`, EventResetResponse, post(token, request));
}

/** `GET /api/events/:id/setup` */
export function fetchSetup(fetchFn: Fetch, token: string, eventId: string): Promise<Result<EventSetupResponse>> {
  return callApi(fetchFn, `/api/events/${id(eventId)}/setup`, EventSetupResponse, { headers: bearer(token) });
}
