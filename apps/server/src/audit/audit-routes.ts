import { AuditQuery, type AuditPage } from '@jisr/protocol/audit';
import { Id } from '@jisr/protocol/common';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { parse } from '../http/respond.js';
import { authorizeInEvent, eventById } from '../http/staff-auth.js';

/** The audit log, newest first, a page at a time: only the event's organizers read it. */
export function auditRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/events/:id/audit', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const query = parse(AuditQuery, req.query);
    const entries = await ctx.store.listAudit(event.id, { ...(query.before ? { before: query.before } : {}), limit: query.limit });
    const last = entries.at(-1);
    const page: AuditPage = { entries, ...(entries.length === query.limit && last ? { next: last.id } : {}) };
    res.status(200).set('cache-control', 'no-store').json(page);
  });
  return router;
}
