import { newId } from '../ids.js';
import type { NewOrganizerInvite, OrganizerInviteRecord } from '../organizers.js';
import { StoreNotFound, type EventRecord } from '../store.js';
import { insertRecord } from './agenda.js';
import { isRefusal } from './connection.js';
import { homeOf, inDirectory, inEvent, listIndexed, type RedisContext } from './context.js';
import { Fields, flag, given, toEvent, type Hash } from './records.js';
import { asArray, asHash } from './replies.js';

/**
 * Co-organizers (../organizers.ts): a JSON list in the event's hash (`organizerIds`, absent
 * when empty), invites in the event's slot. Their token hashes share the directory's
 * `inviteTokens` with staff invites, so a link finds one invite of either kind.
 */

function inviteHash(invite: OrganizerInviteRecord): Hash {
  return {
    id: invite.id,
    eventId: invite.eventId,
    email: invite.email,
    tokenHash: invite.tokenHash,
    createdBy: invite.createdBy,
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
    revoked: flag(invite.revoked),
    ...given('acceptedBy', invite.acceptedBy),
    ...given('acceptedAt', invite.acceptedAt),
  };
}

function toInvite(hash: Hash): OrganizerInviteRecord {
  const f = new Fields(hash, 'organizer invite');
  return {
    id: f.text('id'),
    eventId: f.text('eventId'),
    email: f.text('email'),
    tokenHash: f.text('tokenHash'),
    createdBy: f.text('createdBy'),
    createdAt: f.text('createdAt'),
    expiresAt: f.text('expiresAt'),
    revoked: f.flag('revoked'),
    ...f.present('acceptedBy'),
    ...f.present('acceptedAt'),
  };
}

/** As createInvite (invites.ts): the token claimed in the directory first, released if the event refuses. */
export async function createOrganizerInvite(ctx: RedisContext, invite: NewOrganizerInvite): Promise<OrganizerInviteRecord> {
  const record: OrganizerInviteRecord = { id: newId('invite'), ...invite, revoked: false };
  const hash = inviteHash(record);
  await inDirectory(ctx, 'claimInviteToken', [invite.tokenHash, record.id, invite.eventId]);
  try {
    await insertRecord(ctx, invite.eventId, { kind: 'organizerInvite', id: record.id, index: 'organizerInvites', parents: ['event', invite.eventId] }, hash);
  } catch (error) {
    if (isRefusal(error)) await inDirectory(ctx, 'releaseInviteToken', [invite.tokenHash, record.id]);
    throw error;
  }
  ctx.homes.remember(record.id, invite.eventId);
  return record;
}

async function readInvite(ctx: RedisContext, eventId: string, id: string): Promise<OrganizerInviteRecord | null> {
  const hash = await ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'organizerInvite', id));
  return Object.keys(hash).length > 0 ? toInvite(hash) : null;
}

export async function getOrganizerInviteByTokenHash(ctx: RedisContext, tokenHash: string): Promise<OrganizerInviteRecord | null> {
  const id = await ctx.client.hGet(ctx.keys.inDirectory('inviteTokens'), tokenHash);
  const eventId = id === null ? null : await ctx.homes.eventOf(id);
  return id === null || eventId === null ? null : readInvite(ctx, eventId, id);
}

export async function listOrganizerInvites(ctx: RedisContext, eventId: string): Promise<OrganizerInviteRecord[]> {
  return (await listIndexed(ctx, eventId, 'organizerInvites', '', 'organizerInvite', 'desc')).map(toInvite);
}

export async function revokeOrganizerInvite(ctx: RedisContext, eventId: string, inviteId: string): Promise<OrganizerInviteRecord> {
  const hash = await inEvent(ctx, eventId, 'updateRecord', ['organizerInvite', inviteId, '2', 'revoked', '1', '0']);
  return toInvite(asHash(hash, `organizer invite ${inviteId}`));
}

export async function acceptOrganizerInvite(
  ctx: RedisContext,
  inviteId: string,
  userId: string,
  at: string,
): Promise<{ invite: OrganizerInviteRecord; event: EventRecord }> {
  const eventId = await homeOf(ctx, inviteId, 'organizer invite');
  // Users live on the directory's slot and are never deleted: checked before, not inside, the event's script.
  if (!(await ctx.client.exists(ctx.keys.inDirectory('user', userId)))) throw new StoreNotFound(`no user ${userId}`);
  const [invite, event] = asArray(await inEvent(ctx, eventId, 'acceptOrganizerInvite', [inviteId, userId, at]), `organizer invite ${inviteId}`);
  return { invite: toInvite(asHash(invite, `organizer invite ${inviteId}`)), event: toEvent(asHash(event, `event ${eventId}`)) };
}

export async function removeOrganizer(ctx: RedisContext, eventId: string, userId: string): Promise<EventRecord> {
  return toEvent(asHash(await inEvent(ctx, eventId, 'removeOrganizer', [userId]), `event ${eventId}`));
}
