import { LoginRequest, type LoginResponse, type RefreshResponse } from '@jisr/protocol/http';
import { Router } from 'express';
import { verifyPassword } from '../auth/passwords.js';
import { LIFETIME_SECONDS } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { parse } from './respond.js';
import { bearerClaims } from './staff-auth.js';

export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/auth/login', async (req, res) => {
    const input = parse(LoginRequest, req.body);
    const ip = req.ip ?? '';
    // Guessing is throttled per account and per IP; only failures count.
    if (!(await ctx.limiters.loginAllowed(ip, input.email))) {
      throw new AppError('rate_limited', 'Too many failed logins: wait a few minutes.');
    }
    const user = await ctx.store.getUserByEmail(input.email);
    // One answer for unknown email and wrong password: don't tell which accounts exist.
    if (!user || !(await verifyPassword(user.passwordHash, input.password))) {
      await ctx.limiters.loginFailed(ip, input.email);
      throw new AppError('unauthorized', 'Wrong email or password.');
    }
    await ctx.limiters.loginSucceeded(input.email);
    const token = await ctx.tokens.sign({ kind: 'user', userId: user.id });
    const body: LoginResponse = { token, user: { id: user.id, email: user.email, name: user.name } };
    res.json(body);
  });
  /**
   * A new token for a staff member or organizer whose token is still valid (and whose
   * invite is not revoked: bearerClaims checks). Attendees' tokens last the meeting.
   */
  router.post('/auth/refresh', async (req, res) => {
    const claims = await bearerClaims(ctx, req);
    if (claims.kind === 'participant') throw new AppError('forbidden', 'Attendee tokens are not renewed.');
    if (claims.kind === 'user' && !(await ctx.store.getUser(claims.userId))) throw new AppError('unauthorized', 'Sign in first.');
    const token = await ctx.tokens.sign(claims);
    const body: RefreshResponse = { token, expiresAt: new Date(Date.now() + LIFETIME_SECONDS[claims.kind] * 1000).toISOString() };
    res.json(body);
  });
  return router;
}
