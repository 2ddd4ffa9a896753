import type { MuteScope } from '@jisr/protocol/audience';

/**
 * Muting (DESIGN 4b): a moderator mutes the author of a question, for the session or the
 * whole event, optionally for some minutes. The mute is kept against the author's
 * participant id on the server alone; staff address it by the question and by its own id.
 */
export interface MuteRecord {
  id: string;
  eventId: string;
  /** The session of the question it was made from. */
  sessionId: string;
  scope: MuteScope;
  /** Who is muted: never sent to any client. */
  participantId: string;
  questionId: string;
  excerpt: string;
  createdAt: string;
  until?: string;
}

/** How much of the question's text a mute keeps, so staff can tell which one it was. */
export const MUTE_EXCERPT_LENGTH = 80;

/** The start of a question's text, cut on a whole character (never half a surrogate pair). */
export function muteExcerpt(text: string): string {
  const chars = Array.from(text);
  return chars.length <= MUTE_EXCERPT_LENGTH ? text : `${chars.slice(0, MUTE_EXCERPT_LENGTH - 1).join('')}…`;
}

/** When a mute of `minutes` made at `now` ends; undefined: until someone unmutes. */
export function muteUntil(now: Date, minutes: number | undefined): string | undefined {
  return minutes === undefined ? undefined : new Date(now.getTime() + minutes * 60_000).toISOString();
}

/** Whether this mute still holds at `now` in `sessionId` (an event-wide one holds in every session). */
export function muteHolds(mute: Pick<MuteRecord, 'scope' | 'sessionId' | 'until'>, sessionId: string, now: Date): boolean {
  if (mute.until !== undefined && Date.parse(mute.until) <= now.getTime()) return false;
  return mute.scope === 'event' || mute.sessionId === sessionId;
}

/**
 * The one rule every refusal reads: is this participant muted in this session now? Asks,
 * open-text answers, feedback comments and reactions all call it with the event's mutes.
 */
export function isMuted(mutes: readonly MuteRecord[], participantId: string, sessionId: string, now: Date): boolean {
  return mutes.some((mute) => mute.participantId === participantId && muteHolds(mute, sessionId, now));
}

/**
 * Is this participant muted for the whole event now? What stops answers that reach beyond
 * any one session (event surveys): a mute for one session stays in that session.
 */
export function isMutedInEvent(mutes: readonly MuteRecord[], participantId: string, now: Date): boolean {
  return mutes.some((mute) => mute.participantId === participantId && mute.scope === 'event' && muteHolds(mute, mute.sessionId, now));
}

/** The participant behind an actor key (`p:<id>`), or null for staff: only attendees can be muted. */
export function mutableParticipant(authorKey: string): string | null {
  return authorKey.startsWith('p:') ? authorKey.slice(2) : null;
}

/** A mute as staff see it: everything but who. */
export function toStaffMute(mute: MuteRecord): Omit<MuteRecord, 'participantId'> {
  const { participantId: _who, ...visible } = mute;
  return visible;
}

/**
 * Staff invited for one session act only there (permissions.ts): an event-wide mute reaches
 * beyond it, so only organizers and event-wide moderators may make one.
 */
export function muteScopeRefusal(actor: { sessionId?: string }, scope: MuteScope): 'beyond_session' | null {
  return scope === 'event' && actor.sessionId !== undefined ? 'beyond_session' : null;
}
