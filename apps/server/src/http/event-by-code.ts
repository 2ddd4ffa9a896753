import type { EventRecord } from '@jisr/store/store';
import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { limitRefusal } from './limit-refusal.js';

/**
 * The event a public request names by its join code, the only key to its agenda and Q&A.
 * Codes are guessable at speed, so an address that keeps naming codes no event has is
 * refused for a while (`rate_limited`, every code alike: a refusal must not tell a real code
 * from a wrong one), and each miss is counted for /metrics.
 */
export async function eventByCode(ctx: AppContext, req: Request, res: Response, code: string): Promise<EventRecord> {
  const ip = req.ip ?? '';
  const verdict = await ctx.limiters.codeLookupAllowed(ip);
  if (!verdict.ok) throw limitRefusal(res, verdict, 'Too many wrong event codes from this network: wait before trying again.');
  const event = await ctx.store.getEventByCode(code);
  if (event) return event;
  ctx.metrics.unknownCode();
  await ctx.limiters.codeMissed(ip);
  throw new AppError('not_found', 'No event has this code.', 'code');
}
