import { JoinCode } from '@jisr/protocol/event';
import type { EventAgenda } from '@jisr/protocol/http';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { currentAnnouncements } from '../agenda/announcements.js';
import { eventByCode } from './event-by-code.js';
import { publicEvent } from './public-event.js';
import { parse } from './respond.js';

export function eventRoutes(ctx: AppContext): Router {
  const router = Router();
  /** The public agenda: anyone with the code may read it, no token needed. */
  router.get('/events/:code', async (req, res) => {
    const event = await eventByCode(ctx, req, res, parse(JoinCode, req.params['code']));
    const [rooms, sessions, speakers, announcements] = await Promise.all([
      ctx.store.listRooms(event.id),
      ctx.store.listSessions(event.id),
      ctx.store.listSpeakers(event.id),
      currentAnnouncements(ctx, event.id),
    ]);
    const body: EventAgenda = { event: publicEvent(event), rooms, sessions, speakers, announcements };
    res.json(body);
  });
  return router;
}
