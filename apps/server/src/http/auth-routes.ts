import { LoginRequest, type LoginResponse, type RefreshResponse } from '@jisr/protocol/http';
import { Router } from 'express';
import { verifyPassword, verifyWithoutAccount } from '../auth/passwords.js';
import { tokenExpiry } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { limitRefusal } from './limit-refusal.js';
import { parse } from './respond.js';
import { renewableClaims } from './staff-auth.js';

export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/auth/login', async (req, res) => {
    const input = parse(LoginRequest, req.body);
    const ip = req.ip ?? '';
    // Guessing is slowed per (email, address), failures only: a guesser elsewhere never
    // locks the organizer out. Unreadable counters refuse the login (fail closed).
    const verdict = await ctx.limiters.loginAllowed(ip, input.email);
    if (!verdict.ok) throw limitRefusal(res, verdict, 'Too many failed logins from here: wait before trying again.');
    const user = await ctx.store.getUserByEmail(input.email);
    // One answer, in the same time, for an unknown email and a wrong password: an unknown
    // email is checked against a dummy hash, so timing doesn't tell which accounts exist.
    const matches = user ? await verifyPassword(user.passwordHash, input.password) : await verifyWithoutAccount(input.password);
    if (!user || !matches) {
      await ctx.limiters.loginFailed(ip, input.email);
      throw new AppError('unauthorized', 'Wrong email or password.');
    }
    await ctx.limiters.loginSucceeded(ip, input.email);
    const token = await ctx.tokens.sign({ kind: 'user', userId: user.id });
    const body: LoginResponse = { token, user: { id: user.id, email: user.email, name: user.name } };
    res.json(body);
  });
  /**
   * A new token for an organizer whose token is still valid, or for a staff member whose
   * invite is (even when their own token lapsed while they were away: renewableClaims).
   * Attendees' tokens last the meeting.
   */
  router.post('/auth/refresh', async (req, res) => {
    const { claims, invite } = await renewableClaims(ctx, req);
    if (claims.kind === 'participant') throw new AppError('forbidden', 'Attendee tokens are not renewed.');
    if (claims.kind === 'user' && !(await ctx.store.getUser(claims.userId))) throw new AppError('unauthorized', 'Sign in first.');
    // A staff token never outlives its invite (renewableClaims refused an expired or revoked one).
    const notAfter = invite ? new Date(invite.expiresAt) : undefined;
    const token = await ctx.tokens.sign(claims, notAfter);
    const expiresAt = new Date(tokenExpiry(claims.kind, Math.floor(Date.now() / 1000), notAfter) * 1000);
    const body: RefreshResponse = { token, expiresAt: expiresAt.toISOString() };
    res.json(body);
  });
  return router;
}
