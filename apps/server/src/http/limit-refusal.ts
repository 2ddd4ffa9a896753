import type { Response } from 'express';
import { AppError } from '../errors.js';
import type { LimitVerdict } from '../limits/limiters.js';

/**
 * The error for a limit that said no: `rate_limited` with the wait (as `Retry-After` and in
 * the details, so a page can say it in the reader's language), or `unavailable` when the
 * limit could not be read and the route fails closed.
 */
export function limitRefusal(res: Response, verdict: Exclude<LimitVerdict, { ok: true }>, message: string): AppError {
  if (verdict.reason === 'unavailable') return new AppError('unavailable', 'The service is briefly unavailable: try again in a moment.');
  res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
  return new AppError('rate_limited', message, undefined, { retryAfterSeconds: verdict.retryAfterSeconds });
}
