import type { Actor } from '@jisr/core/actor';
import { can, type Action } from '@jisr/core/permissions';
import type { TokenClaims } from '@jisr/protocol/http';
import type { EventRecord } from '@jisr/store/store';
import type { Request } from 'express';
import { actorFor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

/** The verified claims of the request's `Authorization: Bearer` token, or `unauthorized`. */
export async function bearerClaims(ctx: AppContext, req: Request): Promise<TokenClaims> {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer ([\w.-]{10,4096})$/.exec(header);
  const claims = match?.[1] ? await ctx.tokens.verify(match[1]) : null;
  if (!claims) throw new AppError('unauthorized', 'Sign in first.');
  if (claims.kind === 'staff') {
    const invite = await ctx.store.getInvite(claims.inviteId);
    if (!invite || invite.revoked) throw new AppError('unauthorized', 'This invitation was revoked.');
  }
  return claims;
}

/** Checks that the bearer may do `action` in this event (or one session of it). */
export async function authorizeInEvent(
  ctx: AppContext,
  req: Request,
  event: EventRecord,
  action: Action,
  sessionId?: string,
): Promise<Actor> {
  const claims = await bearerClaims(ctx, req);
  const actor = actorFor({ claims }, event);
  if (!actor || !can(actor, action, { eventId: event.id, ...(sessionId ? { sessionId } : {}) })) {
    throw new AppError('forbidden', 'You may not do this in this event.');
  }
  return actor;
}

/** The event with this id, or `not_found`. */
export async function eventById(ctx: AppContext, id: string): Promise<EventRecord> {
  const event = await ctx.store.getEvent(id);
  if (!event) throw new AppError('not_found', 'No such event.');
  return event;
}
