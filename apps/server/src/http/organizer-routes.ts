import { createHash, randomBytes } from 'node:crypto';
import { canRemoveOrganizer } from '@jisr/core/permissions';
import {
  MIN_PASSWORD_LENGTH,
  OrganizerInviteAcceptRequest,
  OrganizerInviteLookupRequest,
  OrganizerInviteRequest,
  type OrganizerInvite,
  type OrganizerInviteLookup,
  type OrganizerInviteResponse,
  type OrganizersResponse,
} from '@jisr/protocol/admin';
import { Id } from '@jisr/protocol/common';
import type { LoginResponse } from '@jisr/protocol/http';
import type { EventRecord, UserRecord } from '@jisr/store/store';
import type { OrganizerInviteRecord } from '@jisr/store/organizers';
import { StoreConflict } from '@jisr/store/store';
import { Router, type Request, type Response } from 'express';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { acceptableName } from '../input/display-name.js';
import { limitRefusal } from './limit-refusal.js';
import { publicEvent } from './public-event.js';
import { parse } from './respond.js';
import { authorizeInEvent, eventById } from './staff-auth.js';

/**
 * Co-organizers (DESIGN 4b): an organizer invites someone by email to run the event with
 * them; the link's holder signs in with the account of that email (or makes it) and the
 * event is theirs to run too. Only the owner removes a co-organizer; a co-organizer may leave.
 */

const HOUR_MS = 3_600_000;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

function publicInvite(record: OrganizerInviteRecord): OrganizerInvite {
  const { tokenHash: _tokenHash, createdBy: _createdBy, eventId: _eventId, ...invite } = record;
  return invite;
}

/** The invite a link names, still open: not revoked, not expired, not used by someone else. */
async function openInvite(ctx: AppContext, token: string): Promise<{ invite: OrganizerInviteRecord; event: EventRecord }> {
  const invite = await ctx.store.getOrganizerInviteByTokenHash(hashToken(token));
  if (!invite || invite.revoked) throw new AppError('not_found', 'This invitation does not exist or was revoked.', 'token');
  if (Date.parse(invite.expiresAt) <= ctx.clock.now().getTime()) throw new AppError('closed', 'This invitation has expired.', 'token');
  return { invite, event: await eventById(ctx, invite.eventId) };
}

/** The account of the invite's email (and no other): signed in with its password, or made with a new one. */
async function inviteeAccount(ctx: AppContext, req: Request, res: Response, email: string, password: string, name: string | undefined): Promise<UserRecord> {
  const existing = await ctx.store.getUserByEmail(email);
  if (existing) {
    const ip = req.ip ?? '';
    // The same throttle as the login form: an invite link is no way around it.
    const verdict = await ctx.limiters.loginAllowed(ip, email);
    if (!verdict.ok) throw limitRefusal(res, verdict, 'Too many failed logins from here: wait before trying again.');
    if (!(await verifyPassword(existing.passwordHash, password))) {
      await ctx.limiters.loginFailed(ip, email);
      throw new AppError('unauthorized', 'Wrong password for this account.', 'password');
    }
    await ctx.limiters.loginSucceeded(ip, email);
    return existing;
  }
  if (!name) throw new AppError('invalid_input', 'name: say how you are called', 'name');
  // The account's name is shown to the other organizers and in the audit: filtered as every name is.
  acceptableName(ctx, name);
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError('invalid_input', `password: at least ${MIN_PASSWORD_LENGTH} characters`, 'password');
  try {
    return await ctx.store.createUser({ email, name, passwordHash: await hashPassword(password) });
  } catch (error) {
    if (error instanceof StoreConflict) throw new AppError('conflict', 'An account with this email was made meanwhile: sign in instead.', 'email');
    throw error;
  }
}

export function organizerRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/events/:id/organizers', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const ids = [event.ownerId, ...event.organizerIds];
    const users = await Promise.all(ids.map((id) => ctx.store.getUser(id)));
    const body: OrganizersResponse = {
      organizers: users.flatMap((user) => (user ? [{ userId: user.id, name: user.name, email: user.email, owner: user.id === event.ownerId }] : [])),
      invites: (await ctx.store.listOrganizerInvites(event.id)).map(publicInvite),
    };
    res.set('cache-control', 'no-store').json(body);
  });

  router.post('/events/:id/organizers', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    const actor = await authorizeInEvent(ctx, req, event, 'event:manage');
    const input = parse(OrganizerInviteRequest, req.body);
    const token = randomBytes(24).toString('base64url');
    const now = ctx.clock.now();
    const invite = await ctx.store.createOrganizerInvite({
      eventId: event.id,
      email: input.email,
      tokenHash: hashToken(token),
      createdBy: actor.userId ?? '',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + input.expiresInHours * HOUR_MS).toISOString(),
    });
    // The secret travels in the fragment: browsers never send it to a server or a log.
    const body: OrganizerInviteResponse = { invite: publicInvite(invite), url: `${ctx.config.PUBLIC_URL}/organize#${token}`, token };
    res.status(201).json(body);
  });

  router.delete('/events/:id/organizers/:userId', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    const actor = await authorizeInEvent(ctx, req, event, 'event:manage');
    const userId = parse(Id, req.params['userId']);
    if (userId === event.ownerId) throw new AppError('forbidden', 'The owner of an event cannot be removed from it.');
    if (!event.organizerIds.includes(userId)) throw new AppError('not_found', 'This person does not co-organize the event.');
    if (!canRemoveOrganizer(actor, event, userId)) throw new AppError('forbidden', 'Only the event’s owner removes co-organizers.');
    await ctx.store.removeOrganizer(event.id, userId);
    ctx.events.publish({ type: 'organizer.removed', eventId: event.id, userId });
    res.status(204).end();
  });

  router.delete('/events/:id/organizer-invites/:inviteId', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const invite = await ctx.store.revokeOrganizerInvite(event.id, parse(Id, req.params['inviteId']));
    res.json({ invite: publicInvite(invite) });
  });

  /** What a link is for, so the page can ask for the right thing (a password, or a name and a new one). */
  router.post('/organizer-invites/lookup', async (req, res) => {
    const { token } = parse(OrganizerInviteLookupRequest, req.body);
    const { invite, event } = await openInvite(ctx, token);
    if (invite.acceptedBy) throw new AppError('closed', 'This invitation was used already.', 'token');
    const body: OrganizerInviteLookup = { event: publicEvent(event), email: invite.email, hasAccount: (await ctx.store.getUserByEmail(invite.email)) !== null };
    res.json(body);
  });

  router.post('/organizer-invites/accept', async (req, res) => {
    const input = parse(OrganizerInviteAcceptRequest, req.body);
    const { invite, event } = await openInvite(ctx, input.token);
    const user = await inviteeAccount(ctx, req, res, invite.email, input.password, input.name);
    try {
      await ctx.store.acceptOrganizerInvite(invite.id, user.id, ctx.clock.now().toISOString());
    } catch (error) {
      if (error instanceof StoreConflict) throw new AppError('closed', 'This invitation was used already.', 'token');
      throw error;
    }
    ctx.events.publish({ type: 'organizer.joined', eventId: event.id, userId: user.id });
    // No staff token came with this request, so the HTTP audit can't see it: written here.
    await ctx.store.appendAudit({
      eventId: event.id,
      at: ctx.clock.now().toISOString(),
      actor: { role: 'organizer', name: user.name, key: `user:${user.id}` },
      action: 'POST /api/organizer-invites/accept',
      target: user.id,
    });
    const body: LoginResponse = { token: await ctx.tokens.sign({ kind: 'user', userId: user.id }), user: { id: user.id, email: user.email, name: user.name } };
    res.json(body);
  });

  return router;
}
