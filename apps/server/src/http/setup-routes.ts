import { eventSetup } from '@jisr/core/event-setup';
import type { EventSetupResponse } from '@jisr/protocol/admin';
import { Id } from '@jisr/protocol/common';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { parse } from './respond.js';
import { authorizeInEvent, eventById } from './staff-auth.js';

/** `GET /api/events/:id/setup`: the event page's checklist (core's event-setup.ts says what is missing). */
export function setupRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/events/:id/setup', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const [sessions, invites] = await Promise.all([ctx.store.listSessions(event.id), ctx.store.listInvites(event.id)]);
    const polls = (await Promise.all(sessions.map((session) => ctx.store.listPolls(session.id)))).flat();
    const body: EventSetupResponse = eventSetup({ event, sessions, polls, invites, now: ctx.clock.now() });
    res.set('cache-control', 'no-store').json(body);
  });
  return router;
}
