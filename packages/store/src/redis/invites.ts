import { USED_BY_KEPT } from '@jisr/core/invites';
import { newId } from '../ids.js';
import type { InviteRecord, NewInvite } from '../store.js';
import { insertRecord } from './agenda.js';
import { isRefusal } from './connection.js';
import { homeOf, inDirectory, inEvent, listIndexed, type RedisContext } from './context.js';
import { inviteHash, toInvite } from './records.js';
import { asHash } from './replies.js';

/** Invite links for moderators, speakers and screens. Only a hash of each link's secret is kept. */

/**
 * The token hash is claimed first, in the directory (StoreConflict when taken), then the
 * invite is stored in its event after checking the event and session (StoreNotFound); if
 * that fails, the claim is released. Between the two steps the token finds no invite yet.
 */
export async function createInvite(ctx: RedisContext, invite: NewInvite): Promise<InviteRecord> {
  const { eventId, sessionId, tokenHash } = invite;
  const id = newId('invite');
  const hash = inviteHash({ id, ...invite, revoked: false, uses: 0, usedBy: [] });
  await inDirectory(ctx, 'claimInviteToken', [tokenHash, id, eventId]);
  const parents = ['event', eventId, ...(sessionId === undefined ? [] : ['session', sessionId])];
  try {
    await insertRecord(ctx, eventId, { kind: 'invite', id, index: 'invites', parents }, hash);
  } catch (error) {
    if (isRefusal(error)) await inDirectory(ctx, 'releaseInviteToken', [tokenHash, id]);
    throw error;
  }
  ctx.homes.remember(id, eventId);
  return toInvite(hash);
}

export async function getInvite(ctx: RedisContext, id: string): Promise<InviteRecord | null> {
  const eventId = await ctx.homes.eventOf(id);
  if (eventId === null) return null;
  const hash = await ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'invite', id));
  return Object.keys(hash).length > 0 ? toInvite(hash) : null;
}

export async function getInviteByTokenHash(ctx: RedisContext, tokenHash: string): Promise<InviteRecord | null> {
  const id = await ctx.client.hGet(ctx.keys.inDirectory('inviteTokens'), tokenHash);
  return id === null ? null : getInvite(ctx, id);
}

/** Newest first: by creation order, not by the caller-supplied `createdAt`. */
export async function listInvites(ctx: RedisContext, eventId: string): Promise<InviteRecord[]> {
  return (await listIndexed(ctx, eventId, 'invites', '', 'invite', 'desc')).map(toInvite);
}

/** Revoking twice is harmless: the invite stays revoked. */
export async function revokeInvite(ctx: RedisContext, id: string): Promise<InviteRecord> {
  const eventId = await homeOf(ctx, id, 'invite');
  return toInvite(asHash(await inEvent(ctx, eventId, 'revokeInvite', [id]), `invite ${id}`));
}

/** One script, so concurrent acceptances never lose a count or a name. */
export async function recordInviteUse(ctx: RedisContext, id: string, usedBy?: string): Promise<InviteRecord> {
  const eventId = await homeOf(ctx, id, 'invite');
  const args = usedBy === undefined ? [id] : [id, usedBy, String(USED_BY_KEPT)];
  return toInvite(asHash(await inEvent(ctx, eventId, 'recordInviteUse', args), `invite ${id}`));
}
