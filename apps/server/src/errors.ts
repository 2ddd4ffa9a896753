import type { ApiError, ApiErrorDetails, ErrorCode } from '@jisr/protocol/errors';
import { StoreConflict, StoreNotFound } from '@jisr/store/store';
import type { z } from 'zod';
import { isRedisUnavailable } from './cluster/redis-unavailable.js';

/** An error meant for the client: its code and message are sent as they are. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: ApiErrorDetails,
  ) {
    super(message);
  }
}

/** `invalid_input` naming the first offending field, e.g. "text: must be at most 500 characters". */
export function invalidInput(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const message = field ? `${field}: ${issue?.message}` : (issue?.message ?? 'invalid input');
  return new AppError('invalid_input', message, field);
}

/** `invalid_input` for a typed text with nothing readable left after clean-up (zero-width spaces alone). */
export function unreadable(field: string): AppError {
  const name = field.length > 0 ? field : 'text';
  return new AppError('invalid_input', `${name}: must contain readable text`, name);
}

/** What the client may see of any error: AppErrors as they are, anything else as `internal`. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.details ? { details: error.details } : {}),
    };
  }
  // A store guard that no longer holds: someone else acted first (two moderators at once).
  if (error instanceof StoreConflict) return { code: 'conflict', message: 'This changed meanwhile: refresh and try again.' };
  if (error instanceof StoreNotFound) return { code: 'not_found', message: 'It does not exist (any more).' };
  // Redis is away (restarting, unreachable): the write may not have been saved; a retry is safe.
  if (isRedisUnavailable(error)) return { code: 'unavailable', message: 'The service is briefly unavailable: try again in a moment.' };
  return { code: 'internal', message: 'Something went wrong on our side.' };
}
