import type { EventAgenda, InviteCreateResponse, LoginResponse } from '@jisr/protocol/http';

export const ADMIN = { email: 'org@example.org', password: 'correct horse battery' };

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function organizerToken(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  return (await json<LoginResponse>(response)).token;
}

export async function demoAgenda(url: string): Promise<EventAgenda> {
  return json<EventAgenda>(await fetch(`${url}/api/events/DEMO`));
}

/** An invite link made by the organizer over the API (the admin UI has its own test). */
export async function inviteLink(url: string, eventId: string, role: 'moderator' | 'speaker' | 'screen', sessionId?: string): Promise<string> {
  const response = await fetch(`${url}/api/events/${eventId}/invites`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await organizerToken(url)}` },
    body: JSON.stringify({ role, ...(sessionId ? { sessionId } : {}) }),
  });
  return (await json<InviteCreateResponse>(response)).url;
}
