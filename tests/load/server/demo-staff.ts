import type { InviteAcceptResponse, InviteCreateResponse, InviteRole, JoinResponse } from '@jisr/protocol/http';
import { demoAgenda, organizerToken } from '../../support/staff.js';

/** The demo event every benchmark server starts with, and the sessions the scenarios use. */
export interface BenchEvent {
  code: string;
  eventId: string;
  /** Q&A open, not moderated: questions go straight to every screen. */
  openSessionId: string;
  /** Q&A moderated: questions wait for a moderator. */
  moderatedSessionId: string;
}

export async function benchEvent(url: string): Promise<BenchEvent> {
  const agenda = await demoAgenda(url);
  const usable = agenda.sessions.filter((session) => session.qa.open && session.status !== 'ended' && session.status !== 'cancelled');
  const open = usable.find((session) => !session.qa.moderated);
  const moderated = usable.find((session) => session.qa.moderated);
  if (!open || !moderated) throw new Error('the demo event lacks an open or a moderated Q&A session');
  return { code: agenda.event.code, eventId: agenda.event.id, openSessionId: open.id, moderatedSessionId: moderated.id };
}

/** One login per server: a login verifies a password hash (deliberately slow), invites need none more. */
const logins = new Map<string, Promise<string>>();

function organizerLogin(url: string): Promise<string> {
  let login = logins.get(url);
  if (!login) {
    login = organizerToken(url);
    logins.set(url, login);
  }
  return login;
}

async function postJson<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A staff token through an invite made by the organizer, as a real moderator or screen gets one. */
export async function staffToken(url: string, eventId: string, role: InviteRole, sessionId: string, name: string): Promise<string> {
  const authorization = `Bearer ${await organizerLogin(url)}`;
  const invite = await postJson<InviteCreateResponse>(`${url}/api/events/${eventId}/invites`, { role, sessionId }, { authorization });
  return (await postJson<InviteAcceptResponse>(`${url}/api/invites/accept`, { token: invite.token, name })).token;
}

/**
 * An attendee's token, as a phone gets one after typing the event code. A request the network
 * dropped (a reset keep-alive connection on a loaded machine: `fetch failed`) is sent again, as
 * a phone would, and so is a 503 `unavailable` (the join limit, shared through Redis, could not
 * be read within its patience on a loaded machine: the answer says "try again in a moment");
 * any other answer from the server is never retried.
 */
export async function joinAsAttendee(url: string, code: string, name: string): Promise<JoinResponse> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await postJson<JoinResponse>(`${url}/api/join`, { code, name });
    } catch (error) {
      const dropped = error instanceof TypeError && error.message === 'fetch failed';
      const briefly = error instanceof Error && error.message.includes(': 503 ');
      if (!(dropped || briefly) || attempt >= 3) {
        const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
        throw new Error(`${error instanceof Error ? error.message : String(error)}${cause}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
