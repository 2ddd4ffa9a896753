import { normalizeJoinCode } from '@jisr/store/normalize';
import { EventResetRequest, type EventResetResponse } from '@jisr/protocol/admin';
import { Id } from '@jisr/protocol/common';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { parse } from './respond.js';
import { authorizeInEvent, eventById } from './staff-auth.js';

/**
 * `POST /api/events/:id/reset`: after a dry run, what the audience did in one session (or
 * the whole event) goes, in one store step; polls stay as drafts. The join code typed back
 * is the confirmation: a slip of the mouse can't wipe a real session. Phones, screens and
 * moderators of each wiped session get `session:reset` and take a fresh, empty snapshot.
 */
export function rehearsalRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/events/:id/reset', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const input = parse(EventResetRequest, req.body);
    if (normalizeJoinCode(input.confirm) !== event.code) throw new AppError('invalid_input', 'confirm: type the event’s join code', 'confirm');
    if (input.sessionId) {
      const session = await ctx.store.getSession(input.sessionId);
      if (!session || session.eventId !== event.id) throw new AppError('not_found', 'No such session in this event.', 'sessionId');
      res.locals['auditSessionId'] = session.id;
    }
    const reset = await ctx.store.resetLiveData(event.id, input.sessionId);
    for (const poll of reset.polls) {
      ctx.pollTimers.disarm(poll.id);
      ctx.tallies.markDirty(poll.id);
    }
    for (const { sessionId, seq } of reset.sessions) ctx.events.publish({ type: 'session.reset', eventId: event.id, sessionId, seq });
    const body: EventResetResponse = { sessionIds: reset.sessions.map((session) => session.sessionId), polls: reset.polls.length };
    res.json(body);
  });
  return router;
}
