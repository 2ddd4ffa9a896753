import type { Actor } from '@jisr/core/actor';
import { staffPassRenewable } from '@jisr/core/invites';
import { can, type Action } from '@jisr/core/permissions';
import type { TokenClaims } from '@jisr/protocol/http';
import type { EventRecord, InviteRecord } from '@jisr/store/store';
import type { Request } from 'express';
import { actorFor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

function bearerToken(req: Request): string | null {
  const match = /^Bearer ([\w.-]{10,4096})$/.exec(req.get('authorization') ?? '');
  return match?.[1] ?? null;
}

/** A staff token's invite, refusing a revoked or expired one (tokens signed before it was cut at its end too). */
async function checkInvite(ctx: AppContext, claims: TokenClaims): Promise<InviteRecord | null> {
  if (claims.kind !== 'staff') return null;
  const invite = await ctx.store.getInvite(claims.inviteId);
  if (!invite || invite.revoked) throw new AppError('unauthorized', 'This invitation was revoked.');
  if (!staffPassRenewable(invite, ctx.clock.now())) throw new AppError('unauthorized', 'This invitation has expired.');
  return invite;
}

/** The verified claims of the request's `Authorization: Bearer` token, or `unauthorized`. */
export async function bearerClaims(ctx: AppContext, req: Request): Promise<TokenClaims> {
  const token = bearerToken(req);
  const claims = token ? await ctx.tokens.verify(token) : null;
  if (!claims) throw new AppError('unauthorized', 'Sign in first.');
  await checkInvite(ctx, claims);
  return claims;
}

/**
 * For renewing a token: as bearerClaims, but a staff pass that has lapsed still counts while
 * its invite is valid (its holder came back days after accepting). With the invite, for
 * the new token's end.
 */
export async function renewableClaims(ctx: AppContext, req: Request): Promise<{ claims: TokenClaims; invite: InviteRecord | null }> {
  const token = bearerToken(req);
  const claims = token ? ((await ctx.tokens.verify(token)) ?? (await ctx.tokens.verifyLapsedStaff(token))) : null;
  if (!claims) throw new AppError('unauthorized', 'Sign in first.');
  return { claims, invite: await checkInvite(ctx, claims) };
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
