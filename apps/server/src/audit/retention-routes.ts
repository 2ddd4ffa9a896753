import { RetentionSetting } from '@jisr/protocol/audit';
import { Id } from '@jisr/protocol/common';
import { Router, type Request } from 'express';
import type { AppContext } from '../context.js';
import { parse } from '../http/respond.js';
import { authorizeInEvent, eventById } from '../http/staff-auth.js';

async function organizersEvent(ctx: AppContext, req: Request) {
  const event = await eventById(ctx, parse(Id, req.params['id']));
  await authorizeInEvent(ctx, req, event, 'event:manage');
  return event;
}

/** The event's data retention (see retention-sweep.ts): read and set by its organizers only. */
export function retentionRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/events/:id/retention', async (req, res) => {
    const event = await organizersEvent(ctx, req);
    res.status(200).set('cache-control', 'no-store').json(await ctx.store.getRetention(event.id));
  });
  router.patch('/events/:id/retention', async (req, res) => {
    const event = await organizersEvent(ctx, req);
    const { retentionDays } = parse(RetentionSetting, req.body);
    res.status(200).json(await ctx.store.setRetention(event.id, retentionDays));
  });
  return router;
}
