import { EventDuplicateRequest, type EventResponse } from '@jisr/protocol/admin';
import { Id } from '@jisr/protocol/common';
import { StoreConflict } from '@jisr/store/store';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { publicEvent } from './public-event.js';
import { parse } from './respond.js';
import { authorizeInEvent, eventById } from './staff-auth.js';

/**
 * `POST /api/events/:id/duplicate`: a roadshow's next city. The organizer (owner or
 * co-organizer) of the source owns the copy; the store copies it in one step (event-copy.ts).
 */
export function eventCopyRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/events/:id/duplicate', async (req, res) => {
    const source = await eventById(ctx, parse(Id, req.params['id']));
    const actor = await authorizeInEvent(ctx, req, source, 'event:manage');
    const input = parse(EventDuplicateRequest, req.body);
    if (!actor.userId) throw new AppError('forbidden', 'Only organizers copy events.');
    let copy;
    try {
      copy = await ctx.store.duplicateEvent(source.id, {
        code: input.code,
        startDate: input.startDate,
        ...(input.timeZone ? { timeZone: input.timeZone } : {}),
        ...(input.title ? { title: input.title } : {}),
        ownerId: actor.userId,
        at: ctx.clock.now().toISOString(),
      });
    } catch (error) {
      if (error instanceof StoreConflict) throw new AppError('conflict', 'This join code is taken: choose another.', 'code');
      throw error;
    }
    ctx.events.publish({ type: 'event.created', eventId: copy.id, ownerId: copy.ownerId });
    const body: EventResponse = { event: publicEvent(copy) };
    res.status(201).json(body);
  });
  return router;
}
