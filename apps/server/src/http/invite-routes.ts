import { createHash, randomBytes } from 'node:crypto';
import { inviteExpiry } from '@jisr/core/invites';
import { Id } from '@jisr/protocol/common';
import {
  InviteAcceptRequest,
  InviteCreateRequest,
  InviteLookupRequest,
  type InviteLookup,
  type Invite,
  type InviteAcceptResponse,
  type InviteCreateResponse,
  type TokenClaims,
} from '@jisr/protocol/http';
import type { InviteRecord } from '@jisr/store/store';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { publicEvent } from './public-event.js';
import { acceptableName } from '../input/display-name.js';
import { parse } from './respond.js';
import { authorizeInEvent, eventById } from './staff-auth.js';

/** Only a hash of an invite's secret is stored: a leaked database opens no door. */
export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function publicInvite(record: InviteRecord): Invite {
  const { tokenHash: _tokenHash, createdBy: _createdBy, ...invite } = record;
  return invite;
}

/** The invite behind a link's secret, or why it opens nothing (unknown or revoked, expired). */
async function validInvite(ctx: AppContext, token: string): Promise<InviteRecord> {
  const invite = await ctx.store.getInviteByTokenHash(hashInviteToken(token));
  if (!invite || invite.revoked) throw new AppError('not_found', 'This invitation does not exist or was revoked.', 'token');
  if (Date.parse(invite.expiresAt) <= ctx.clock.now().getTime()) throw new AppError('closed', 'This invitation has expired.', 'token');
  return invite;
}

/** Organizers invite moderators, speakers and screens by link; links expire and can be revoked. */
export function inviteRoutes(ctx: AppContext): Router {
  const router = Router();

  router.post('/events/:id/invites', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    const actor = await authorizeInEvent(ctx, req, event, 'event:manage');
    const input = parse(InviteCreateRequest, req.body);
    if (input.sessionId) {
      const session = await ctx.store.getSession(input.sessionId);
      if (!session || session.eventId !== event.id) throw new AppError('not_found', 'No such session in this event.', 'sessionId');
    }
    if (input.roomId) {
      // A room is what a screen follows; a session invite already names its own room.
      if (input.role !== 'screen' || input.sessionId) throw new AppError('invalid_input', 'roomId: only for a screen of a whole room', 'roomId');
      if (!(await ctx.store.listRooms(event.id)).some((room) => room.id === input.roomId)) {
        throw new AppError('not_found', 'No such room in this event.', 'roomId');
      }
    }
    const now = ctx.clock.now();
    const expiresAt = inviteExpiry(event, now, input.expiresInHours);
    if (!expiresAt) throw new AppError('invalid_input', 'expiresInHours: at most a week after the event ends', 'expiresInHours');
    const token = randomBytes(24).toString('base64url');
    const record = await ctx.store.createInvite({
      eventId: event.id,
      role: input.role,
      ...(input.sessionId ? { sessionId: input.sessionId } : {}),
      ...(input.roomId ? { roomId: input.roomId } : {}),
      ...(input.invitee ? { invitee: input.invitee } : {}),
      tokenHash: hashInviteToken(token),
      createdBy: actor.userId ?? '',
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    // The secret travels in the fragment: browsers never send it to a server or a log.
    const body: InviteCreateResponse = { invite: publicInvite(record), url: `${ctx.config.PUBLIC_URL}/invite#${token}`, token };
    res.status(201).json(body);
  });

  router.get('/events/:id/invites', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const invites = await ctx.store.listInvites(event.id);
    res.json({ invites: invites.map(publicInvite) });
  });

  router.delete('/invites/:id', async (req, res) => {
    const invite = await ctx.store.getInvite(parse(Id, req.params['id']));
    if (!invite) throw new AppError('not_found', 'No such invite.');
    await authorizeInEvent(ctx, req, await eventById(ctx, invite.eventId), 'event:manage');
    const revoked = await ctx.store.revokeInvite(invite.id);
    ctx.events.publish({ type: 'invite.revoked', inviteId: invite.id });
    res.json({ invite: publicInvite(revoked) });
  });

  /** What a link is for, so the invite page can say it before its holder accepts. */
  router.post('/invites/lookup', async (req, res) => {
    const input = parse(InviteLookupRequest, req.body);
    const invite = await validInvite(ctx, input.token);
    const event = await eventById(ctx, invite.eventId);
    const body: InviteLookup = {
      event: publicEvent(event),
      role: invite.role,
      ...(invite.sessionId ? { sessionId: invite.sessionId } : {}),
      ...(invite.roomId ? { roomId: invite.roomId } : {}),
      ...(invite.invitee ? { invitee: invite.invitee } : {}),
      expiresAt: invite.expiresAt,
    };
    res.json(body);
  });

  router.post('/invites/accept', async (req, res) => {
    const input = parse(InviteAcceptRequest, req.body);
    const invite = await validInvite(ctx, input.token);
    const event = await eventById(ctx, invite.eventId);
    const name = acceptableName(ctx, input.name);
    await ctx.store.recordInviteUse(invite.id, name);
    const claims: TokenClaims = {
      kind: 'staff',
      role: invite.role,
      eventId: invite.eventId,
      ...(invite.sessionId ? { sessionId: invite.sessionId } : {}),
      name,
      inviteId: invite.id,
    };
    // The token ends when its invite does, however long staff tokens otherwise live.
    const token = await ctx.tokens.sign(claims, new Date(invite.expiresAt));
    // A room removed since the invite was made: the screen picks its room instead.
    const roomId = invite.roomId && (await ctx.store.listRooms(event.id)).some((room) => room.id === invite.roomId) ? invite.roomId : undefined;
    const body: InviteAcceptResponse = {
      token,
      role: invite.role,
      event: publicEvent(event),
      ...(invite.sessionId ? { sessionId: invite.sessionId } : {}),
      ...(roomId ? { roomId } : {}),
    };
    res.json(body);
  });

  return router;
}
