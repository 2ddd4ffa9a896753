import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppContext } from '../context.js';
import { auditActor } from './audit-actor.js';

/** The admin writes that are audited: every change under these, by an organizer or staff. */
const AUDITED_PATH = /^\/(events|sessions|invites)(?:\/([A-Za-z0-9_-]+))?(?:\/|$)/;
const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
/** A server-made id (store ids.ts): a short prefix, `_`, 16 base64url characters. */
const SERVER_ID = /^[a-z]{1,2}_[A-Za-z0-9_-]{16}$/;

/** The event a path is about; looked up before the route runs (a deleted session can't be found after). */
async function eventOf(ctx: AppContext, kind: string, id: string | undefined): Promise<string | undefined> {
  if (!id) return undefined;
  if (kind === 'events') return id;
  if (kind === 'sessions') return (await ctx.store.getSession(id))?.eventId;
  if (id === 'accept') return undefined;
  return (await ctx.store.getInvite(id))?.eventId;
}

function bearer(req: Request): string | undefined {
  return /^Bearer ([\w.-]{10,4096})$/.exec(req.get('authorization') ?? '')?.[1];
}

/**
 * Records each successful (2xx) admin write, before its answer is sent, in its event's audit log: who (organizer or
 * staff, never the token), the method and route with ids masked, and the record it
 * touched (an id). Request bodies are never logged. Attendees' writes (join) are not admin
 * writes; accepting an invite carries no staff token yet.
 */
export function auditHttpWrites(ctx: AppContext): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const match = AUDITED_PATH.exec(req.path);
    const token = bearer(req);
    if (!WRITES.has(req.method) || !match?.[1] || !token) {
      next();
      return;
    }
    const [, kind, id] = match;
    const located = eventOf(ctx, kind, id);
    located.catch(() => undefined);
    let created: string | undefined;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['id'] : undefined;
      if (typeof value === 'string') created = value;
      return json(body);
    };
    // The entry is written before the answer goes out, so the organizer's next read of the
    // log has it (and entries keep the order of the answers).
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const deferredEnd = (...args: unknown[]): Response => {
      if (res.statusCode < 200 || res.statusCode >= 300) return end(...args);
      const sessionId = typeof res.locals['auditSessionId'] === 'string' ? res.locals['auditSessionId'] : undefined;
      void record(ctx, req, token, kind === 'events' && !id ? created : located, created, sessionId)
        .catch((error: unknown) => ctx.logger.error({ err: error, path: req.path }, 'audit entry not written'))
        .finally(() => end(...args));
      return res;
    };
    res.end = deferredEnd as Response['end'];
    next();
  };
}

async function record(
  ctx: AppContext,
  req: Request,
  token: string,
  located: Promise<string | undefined> | string | undefined,
  created: string | undefined,
  /** The session a route acted on when its path doesn't name it (a reset of one session: `res.locals.auditSessionId`). */
  bodySessionId: string | undefined,
): Promise<void> {
  const eventId = await located;
  const claims = await ctx.tokens.verify(token);
  if (!eventId || !claims) return;
  const name = claims.kind === 'user' ? (await ctx.store.getUser(claims.userId))?.name : undefined;
  const actor = auditActor(claims, name);
  if (!actor) return;
  const segments = req.path.split('/');
  const ids = segments.filter((segment) => SERVER_ID.test(segment) && segment !== eventId);
  const target = (req.method === 'POST' ? created : undefined) ?? ids.at(-1);
  const route = segments.map((segment) => (SERVER_ID.test(segment) ? ':id' : segment)).join('/');
  const sessionId = bodySessionId ?? ids.find((segment) => segment.startsWith('se_'));
  await ctx.store.appendAudit({
    eventId,
    at: ctx.clock.now().toISOString(),
    actor,
    action: `${req.method} /api${route}`.slice(0, 120),
    ...(sessionId ? { sessionId } : {}),
    ...(target ? { target } : {}),
  });
}
