import type { StaffMe } from '@jisr/protocol/http';
import { organizes } from '@jisr/core/permissions';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { publicEvent } from './public-event.js';
import { bearerClaims } from './staff-auth.js';

export function meRoutes(ctx: AppContext): Router {
  const router = Router();
  /** Who a staff token belongs to and which events they run: the staff views start here. */
  router.get('/me', async (req, res) => {
    const claims = await bearerClaims(ctx, req);
    let body: StaffMe;
    if (claims.kind === 'user') {
      const user = await ctx.store.getUser(claims.userId);
      if (!user) throw new AppError('unauthorized', 'Sign in first.');
      const events = (await ctx.store.listEvents()).filter((event) => organizes(event, user.id));
      body = { role: 'organizer', name: user.name, userId: user.id, events: events.map(publicEvent) };
    } else if (claims.kind === 'staff') {
      const event = await ctx.store.getEvent(claims.eventId);
      body = {
        role: claims.role,
        name: claims.name,
        events: event ? [publicEvent(event)] : [],
        ...(claims.sessionId ? { sessionId: claims.sessionId } : {}),
      };
    } else {
      throw new AppError('forbidden', 'Attendees have no staff profile.');
    }
    res.json(body);
  });
  return router;
}
