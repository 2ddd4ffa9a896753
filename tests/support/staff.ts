import { createHmac } from 'node:crypto';
import type { Event, Room, Session } from '@jisr/protocol/event';
import type { EventAgenda, InviteAcceptResponse, InviteCreateResponse, LoginResponse } from '@jisr/protocol/http';

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

/** A staff token as a real moderator or room screen gets one: the organizer's invite, accepted. */
export async function staffToken(url: string, eventId: string, role: 'moderator' | 'speaker' | 'screen', sessionId: string, name: string): Promise<string> {
  const link = await inviteLink(url, eventId, role, sessionId);
  const response = await fetch(`${url}/api/invites/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: link.split('#')[1], name }),
  });
  return (await json<InviteAcceptResponse>(response)).token;
}

/** POSTs JSON as the organizer and returns the parsed answer (throws on a refusal). */
async function asOrganizer<T>(url: string, token: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return json<T>(response);
}

export interface Forum {
  event: Event;
  rooms: Room[];
  sessions: Session[];
}

/**
 * The issue-25 forum over the API: two days in Brussels `daysAhead` days from now, two rooms,
 * a 09:30 session on each day (the same time twice, as the invite form must tell apart).
 */
export async function forumEvent(url: string, daysAhead: number, code: string): Promise<Forum> {
  const token = await organizerToken(url);
  const day = (offset: number): string => new Date(Date.now() + (daysAhead + offset) * 86_400_000).toISOString().slice(0, 10);
  const { event } = await asOrganizer<{ event: Event }>(url, token, '/api/events', {
    code,
    title: { fr: 'Forum de la jeunesse de la diaspora — Bruxelles', ar: 'منتدى شباب الجاليات — بروكسل' },
    timeZone: 'Europe/Brussels',
    languages: ['fr', 'ar', 'nl', 'en'],
    startDate: day(0),
    endDate: day(1),
  });
  const rooms: Room[] = [];
  for (const name of [{ fr: 'Grande salle', ar: 'القاعة الكبرى' }, { fr: 'Salle Atlas', ar: 'قاعة الأطلس' }]) {
    rooms.push((await asOrganizer<{ room: Room }>(url, token, `/api/events/${event.id}/rooms`, { name })).room);
  }
  const sessions: Session[] = [];
  for (const [offset, title] of [
    [0, { fr: 'Ouverture', ar: 'الافتتاح' }],
    [1, { fr: 'Atelier emploi', ar: 'ورشة التشغيل' }],
  ] as const) {
    // 09:30 in Brussels in winter or summer: the offset is read from the zone, not assumed.
    const startsAt = brusselsInstant(day(offset), 9, 30);
    sessions.push(
      (
        await asOrganizer<{ session: Session }>(url, token, `/api/events/${event.id}/sessions`, {
          roomId: rooms[0]?.id,
          title,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        })
      ).session,
    );
  }
  return { event, rooms, sessions };
}

/** The instant Brussels clocks show `hour:minute` on `day`. */
function brusselsInstant(day: string, hour: number, minute: number): Date {
  const guess = new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  const shown = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hour: '2-digit', hourCycle: 'h23' }).format(guess);
  return new Date(guess.getTime() - (Number(shown) - hour) * 3_600_000);
}

/**
 * A staff token signed with the server's SECRET that lapsed an hour ago, as a moderator's
 * laptop holds after days away (HS256 by hand: the tests have no JWT library).
 */
export function lapsedStaffToken(secret: string, claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256' })}.${part({ ...claims, iss: 'jisr', iat: now - 25 * 3600, exp: now - 3600 })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
