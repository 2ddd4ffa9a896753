import { toStaffMute } from '@jisr/core/mutes';
import type { MutesResponse } from '@jisr/protocol/audience';
import { Id } from '@jisr/protocol/common';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { parse } from '../http/respond.js';
import { authorizeInEvent, eventById } from '../http/staff-auth.js';

/** The event's mutes, for its organizers' admin page: what was muted and until when, never who. */
export function muteRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/events/:id/mutes', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const body: MutesResponse = { mutes: (await ctx.store.listMutes(event.id)).map(toStaffMute) };
    res.status(200).set('cache-control', 'no-store').json(body);
  });
  return router;
}
