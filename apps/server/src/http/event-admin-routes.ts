import { randomBytes } from 'node:crypto';
import { generateJoinCode } from '@jisr/core/join-codes';
import { checkEventDates, checkEventLanguages, sessionsOutside, type AgendaProblem } from '@jisr/core/agenda-rules';
import { canCreateEvent, canDeleteEvent } from '@jisr/core/permissions';
import {
  EventCreateRequest,
  EventPatchRequest,
  RoomCreateRequest,
  RoomPatchRequest,
  SpeakerCreateRequest,
  SpeakerPatchRequest,
  type EventResponse,
  type RoomResponse,
  type SpeakerResponse,
} from '@jisr/protocol/admin';
import { Id } from '@jisr/protocol/common';
import { StoreConflict } from '@jisr/store/store';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { problemError } from '../agenda/agenda-problems.js';
import { publicEvent } from './public-event.js';
import { parse } from './respond.js';
import { authorizeInEvent, bearerClaims, eventById } from './staff-auth.js';

function throwIf(problem: AgendaProblem | null): void {
  if (problem) throw problemError(problem);
}

/** Draws made before giving up on a free code: with 887 million codes, a second draw is already rare. */
const CODE_DRAWS = 5;

/** Creates with a code Jisr makes, drawing again while the code is taken. */
async function withNewCode<T>(create: (code: string) => Promise<T>): Promise<T> {
  for (let draw = 1; ; draw++) {
    try {
      return await create(generateJoinCode((count) => randomBytes(count)));
    } catch (error) {
      if (!(error instanceof StoreConflict) || draw >= CODE_DRAWS) throw error;
    }
  }
}

/** A join code taken by another event, said on the field. */
function codeTaken(error: unknown): never {
  if (error instanceof StoreConflict) throw new AppError('conflict', 'code: this join code is taken by another event', 'code');
  throw error;
}

/** The organizer's events, rooms and speakers (DESIGN.md section 4: organizer CRUD). */
export function eventAdminRoutes(ctx: AppContext): Router {
  const router = Router();

  /** Any signed-in organizer creates events; they own what they create. */
  router.post('/events', async (req, res) => {
    const claims = await bearerClaims(ctx, req);
    // A staff login is an organizer's; invites and attendee tokens speak for other roles.
    const role = claims.kind === 'user' ? 'organizer' : claims.kind === 'staff' ? claims.role : 'attendee';
    if (!canCreateEvent(role) || claims.kind !== 'user') throw new AppError('forbidden', 'Only organizers create events.');
    const input = parse(EventCreateRequest, req.body);
    throwIf(checkEventDates(input));
    const defaultLang = input.defaultLang ?? input.languages[0] ?? 'en';
    throwIf(checkEventLanguages({ ...input, defaultLang }));
    const { logoUrl, color, defaults, code, ...rest } = input;
    const create = (joinCode: string) =>
      ctx.store.createEvent({
        ...rest,
        code: joinCode,
        defaultLang,
        ownerId: claims.userId,
        ...(logoUrl ? { logoUrl } : {}),
        ...(color ? { color } : {}),
        ...(defaults ? { defaults } : {}),
      });
    const event = code === undefined ? await withNewCode(create) : await create(code).catch(codeTaken);
    ctx.events.publish({ type: 'event.created', eventId: event.id, ownerId: event.ownerId });
    const body: EventResponse = { event: publicEvent(event) };
    res.status(201).json(body);
  });

  router.patch('/events/:id', async (req, res) => {
    const current = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, current, 'event:manage');
    const input = parse(EventPatchRequest, req.body);
    const next = { ...current, ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) };
    throwIf(checkEventDates(next));
    throwIf(checkEventLanguages(next));
    if (input.timeZone !== undefined || input.startDate !== undefined || input.endDate !== undefined) {
      const outside = sessionsOutside(next, await ctx.store.listSessions(current.id));
      if (outside.length > 0) {
        const ids = outside.map((session) => session.id);
        throw new AppError('conflict', `These sessions would fall outside the event's dates: ${ids.join(', ')}`, undefined, { sessionIds: ids });
      }
    }
    const event = await ctx.store.updateEvent(current.id, input).catch(codeTaken);
    ctx.events.publish({ type: 'agenda.refresh', eventId: event.id, reason: 'event' });
    const body: EventResponse = { event: publicEvent(event) };
    res.json(body);
  });

  router.delete('/events/:id', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    const actor = await authorizeInEvent(ctx, req, event, 'event:manage');
    if (!canDeleteEvent(actor, event)) throw new AppError('forbidden', 'Only the event’s owner deletes it.');
    await ctx.store.deleteEvent(event.id);
    // Its participants and staff are gone with it: their pages refetch (404) and their sockets close.
    ctx.events.publish({ type: 'event.deleted', eventId: event.id, ownerId: event.ownerId });
    res.status(204).end();
  });

  router.post('/events/:id/rooms', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const input = parse(RoomCreateRequest, req.body);
    const position = input.position ?? Math.max(-1, ...(await ctx.store.listRooms(event.id)).map((room) => room.position)) + 1;
    const room = await ctx.store.createRoom({ eventId: event.id, name: input.name, position });
    ctx.events.publish({ type: 'agenda.refresh', eventId: event.id, reason: 'rooms' });
    const body: RoomResponse = { room };
    res.status(201).json(body);
  });

  router.patch('/events/:id/rooms/:roomId', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const room = await ctx.store.updateRoom(event.id, parse(Id, req.params['roomId']), parse(RoomPatchRequest, req.body));
    ctx.events.publish({ type: 'agenda.refresh', eventId: event.id, reason: 'rooms' });
    const body: RoomResponse = { room };
    res.json(body);
  });

  router.delete('/events/:id/rooms/:roomId', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const roomId = parse(Id, req.params['roomId']);
    try {
      await ctx.store.deleteRoom(event.id, roomId);
    } catch (error) {
      if (!(error instanceof StoreConflict)) throw error;
      const ids = (await ctx.store.listSessions(event.id)).filter((session) => session.roomId === roomId).map((session) => session.id);
      throw new AppError('conflict', `Sessions are planned in this room: ${ids.join(', ')}. Move or delete them first.`, undefined, { sessionIds: ids });
    }
    ctx.events.publish({ type: 'agenda.refresh', eventId: event.id, reason: 'rooms' });
    res.status(204).end();
  });

  router.post('/events/:id/speakers', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const { photoUrl, affiliation, country, ...input } = parse(SpeakerCreateRequest, req.body);
    const speaker = await ctx.store.createSpeaker({
      eventId: event.id,
      ...input,
      ...(photoUrl ? { photoUrl } : {}),
      ...(affiliation ? { affiliation } : {}),
      ...(country ? { country } : {}),
    });
    ctx.events.publish({ type: 'agenda.refresh', eventId: event.id, reason: 'speakers' });
    const body: SpeakerResponse = { speaker };
    res.status(201).json(body);
  });

  router.patch('/events/:id/speakers/:speakerId', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const input = parse(SpeakerPatchRequest, req.body);
    // An emptied text field clears it, as null does.
    const cleared = (value: string | null | undefined) => (value === '' ? null : value);
    const speaker = await ctx.store.updateSpeaker(event.id, parse(Id, req.params['speakerId']), {
      ...input,
      affiliation: cleared(input.affiliation),
      country: cleared(input.country),
    });
    ctx.events.publish({ type: 'agenda.refresh', eventId: event.id, reason: 'speakers' });
    const body: SpeakerResponse = { speaker };
    res.json(body);
  });

  router.delete('/events/:id/speakers/:speakerId', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const speakerId = parse(Id, req.params['speakerId']);
    try {
      await ctx.store.deleteSpeaker(event.id, speakerId);
    } catch (error) {
      if (!(error instanceof StoreConflict)) throw error;
      const ids = (await ctx.store.listSessions(event.id)).filter((session) => session.speakerIds.includes(speakerId)).map((session) => session.id);
      throw new AppError('conflict', `This speaker is on sessions: ${ids.join(', ')}. Take them off first.`, undefined, { sessionIds: ids });
    }
    ctx.events.publish({ type: 'agenda.refresh', eventId: event.id, reason: 'speakers' });
    res.status(204).end();
  });

  return router;
}
