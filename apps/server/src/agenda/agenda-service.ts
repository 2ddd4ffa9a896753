import type { Actor } from '@jisr/core/actor';
import { checkNewSession, newSessionQa, planSessionUpdate, type PlannedChange, type SessionPatchInput } from '@jisr/core/agenda-rules';
import { outsideScope } from '@jisr/core/permissions';
import type { SessionCreateRequest } from '@jisr/protocol/admin';
import type { Session } from '@jisr/protocol/event';
import { StoreConflict, type EventRecord, type Sequenced, type SessionChange, type SessionUpdate } from '@jisr/store/store';
import type { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { problemError } from './agenda-problems.js';

/**
 * Agenda changes as HTTP routes and socket handlers share them: read the event's agenda,
 * let core's rules plan the change, write every changed session in one atomic store call
 * guarded by the values the plan read (a session changed meanwhile: plan again), then tell
 * the event. What the guard can't see: another session moved into the room at the same
 * moment by a plan that touched none of these. Organizers and moderators are few; a lock
 * per event is not worth that window.
 */

/** Refuses a room or speakers that are not the event's, naming the field. */
async function checkReferences(ctx: AppContext, eventId: string, refs: { roomId?: string; speakerIds?: readonly string[] }): Promise<void> {
  if (refs.roomId !== undefined) {
    const rooms = await ctx.store.listRooms(eventId);
    if (!rooms.some((room) => room.id === refs.roomId)) throw new AppError('invalid_input', 'roomId: no such room in this event', 'roomId');
  }
  if (refs.speakerIds !== undefined && refs.speakerIds.length > 0) {
    const known = new Set((await ctx.store.listSpeakers(eventId)).map((speaker) => speaker.id));
    const unknown = refs.speakerIds.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new AppError('invalid_input', `speakerIds: no such speaker in this event: ${unknown.join(', ')}`, 'speakerIds');
  }
}

export async function createSession(
  ctx: AppContext,
  event: EventRecord,
  input: z.output<typeof SessionCreateRequest>,
): Promise<Session> {
  await checkReferences(ctx, event.id, input);
  const session: Omit<Session, 'id'> = {
    eventId: event.id,
    roomId: input.roomId,
    kind: input.kind,
    title: input.title,
    description: input.description,
    startsAt: new Date(input.startsAt).toISOString(),
    endsAt: new Date(input.endsAt).toISOString(),
    status: 'scheduled',
    delayMinutes: 0,
    speakerIds: [...new Set(input.speakerIds)],
    qa: input.qa ?? newSessionQa(event, input.kind),
  };
  const problem = checkNewSession(event, await ctx.store.listSessions(event.id), session);
  if (problem) throw problemError(problem);
  const created = await ctx.store.createSession(session);
  ctx.events.publish({ type: 'session.changed', session: created, seq: await ctx.store.getSeq(created.id), change: { kind: 'created' } });
  return created;
}

/** What the store must write for one planned change: the target's fields as patched, a pushed session's delay. */
function storeChange(planned: PlannedChange, patch: SessionPatchInput, isTarget: boolean): SessionChange {
  const { before, after } = planned;
  if (!isTarget) return { delayMinutes: after.delayMinutes };
  return {
    ...(after.status !== before.status ? { status: after.status } : {}),
    ...(after.delayMinutes !== before.delayMinutes ? { delayMinutes: after.delayMinutes } : {}),
    ...(patch.roomId !== undefined ? { roomId: after.roomId } : {}),
    ...(patch.startsAt !== undefined ? { startsAt: after.startsAt } : {}),
    ...(patch.endsAt !== undefined ? { endsAt: after.endsAt } : {}),
    ...(patch.kind !== undefined ? { kind: after.kind } : {}),
    ...(patch.title !== undefined ? { title: after.title } : {}),
    ...(patch.description !== undefined ? { description: after.description } : {}),
    ...(patch.speakerIds !== undefined ? { speakerIds: after.speakerIds } : {}),
    ...(patch.qa !== undefined ? { qa: patch.qa } : {}),
  };
}

export interface SessionUpdateResult {
  session: Session;
  /** Sessions a cascade pushed back, in agenda order. */
  cascaded: Session[];
}

/**
 * A live operation or an edit of one session, with the sessions it pushes back. `actor` is
 * checked against every session the plan changes, not only the target: a moderator invited
 * for one session may delay it, but a cascade into the rest of the room's day is refused
 * (naming the sessions it would move) and left to the organizer or an event-wide moderator.
 */
export async function updateSession(
  ctx: AppContext,
  event: EventRecord,
  actor: Actor,
  sessionId: string,
  patch: SessionPatchInput,
): Promise<SessionUpdateResult> {
  // Instants as the store keeps them (UTC, milliseconds), whatever offset the client wrote.
  const normalized: SessionPatchInput = {
    ...patch,
    ...(patch.startsAt === undefined ? {} : { startsAt: new Date(patch.startsAt).toISOString() }),
    ...(patch.endsAt === undefined ? {} : { endsAt: new Date(patch.endsAt).toISOString() }),
    ...(patch.speakerIds === undefined ? {} : { speakerIds: [...new Set(patch.speakerIds)] }),
  };
  await checkReferences(ctx, event.id, normalized);
  for (let attempt = 1; ; attempt++) {
    const plan = planSessionUpdate(event, await ctx.store.listSessions(event.id), sessionId, normalized);
    if (!plan.ok) throw problemError(plan.problem);
    const beyond = outsideScope(actor, 'agenda:update', event.id, plan.changes.map((planned) => planned.before.id));
    if (beyond.length > 0) {
      const titles = plan.changes.filter((planned) => beyond.includes(planned.before.id)).map((planned) => sessionName(planned.before));
      throw new AppError('forbidden', `cascade: would move sessions you do not run (${titles.join(', ')}): ask the organizer`, 'cascade', { sessionIds: beyond });
    }
    try {
      const updates = plan.changes.map((planned, index) => storeUpdate(planned, normalized, index === 0));
      return publish(ctx, sessionId, plan.changes, await ctx.store.updateSessions(event.id, updates));
    } catch (error) {
      // Someone changed a session the plan read (two moderators pressing +5 at once): plan again.
      if (!(error instanceof StoreConflict) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** A session as a refusal names it: its title in any language it has, else its id. */
function sessionName(session: Session): string {
  return Object.values(session.title).find((title) => title !== undefined && title.length > 0) ?? session.id;
}

/** Plans that lose a race are made again on a fresh read this many times before giving up with `conflict`. */
const MAX_ATTEMPTS = 3;

/** The store write of one planned change, guarded by the values the plan read. */
function storeUpdate(planned: PlannedChange, patch: SessionPatchInput, isTarget: boolean): SessionUpdate {
  const { before } = planned;
  return {
    sessionId: before.id,
    change: storeChange(planned, patch, isTarget),
    expected: { status: before.status, delayMinutes: before.delayMinutes, roomId: before.roomId, startsAt: before.startsAt, endsAt: before.endsAt },
  };
}

function publish(ctx: AppContext, sessionId: string, changes: readonly PlannedChange[], written: Sequenced<Session>[]): SessionUpdateResult {
  written.forEach(({ value, seq }, index) => {
    const change = changes[index]?.change;
    ctx.events.publish({ type: 'session.changed', session: value, seq, ...(change ? { change } : {}) });
  });
  const [first, ...rest] = written;
  if (!first) throw new Error(`updating session ${sessionId} wrote nothing`);
  return { session: first.value, cascaded: rest.map(({ value }) => value) };
}
