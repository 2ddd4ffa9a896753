import { createHash, randomBytes } from 'node:crypto';
import { Id } from '@jisr/protocol/common';
import {
  InviteAcceptRequest,
  InviteCreateRequest,
  type Invite,
  type InviteAcceptResponse,
  type InviteCreateResponse,
} from '@jisr/protocol/http';
import type { InviteRecord } from '@jisr/store/store';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { publicEvent } from './public-event.js';
import { parse } from './respond.js';
import { authorizeInEvent, eventById } from './staff-auth.js';

const HOUR_MS = 3_600_000;

/** Only a hash of an invite's secret is stored: a leaked database opens no door. */
export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function publicInvite(record: InviteRecord): Invite {
  const { tokenHash: _tokenHash, createdBy: _createdBy, ...invite } = record;
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
    const token = randomBytes(24).toString('base64url');
    const now = ctx.clock.now();
    const record = await ctx.store.createInvite({
      eventId: event.id,
      role: input.role,
      ...(input.sessionId ? { sessionId: input.sessionId } : {}),
      tokenHash: hashInviteToken(token),
      createdBy: actor.userId ?? '',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + input.expiresInHours * HOUR_MS).toISOString(),
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

  router.post('/invites/accept', async (req, res) => {
    const input = parse(InviteAcceptRequest, req.body);
    const invite = await ctx.store.getInviteByTokenHash(hashInviteToken(input.token));
    if (!invite || invite.revoked) throw new AppError('not_found', 'This invitation does not exist or was revoked.', 'token');
    if (Date.parse(invite.expiresAt) <= ctx.clock.now().getTime()) throw new AppError('closed', 'This invitation has expired.', 'token');
    const event = await eventById(ctx, invite.eventId);
    await ctx.store.recordInviteUse(invite.id);
    const token = await ctx.tokens.sign({
      kind: 'staff',
      role: invite.role,
      eventId: invite.eventId,
      ...(invite.sessionId ? { sessionId: invite.sessionId } : {}),
      name: input.name,
      inviteId: invite.id,
    });
    const body: InviteAcceptResponse = {
      token,
      role: invite.role,
      event: publicEvent(event),
      ...(invite.sessionId ? { sessionId: invite.sessionId } : {}),
    };
    res.json(body);
  });

  return router;
}
