import { HTTP_STATUS } from '@jisr/protocol/errors';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import { AppError, invalidInput, toApiError, unreadable } from '../errors.js';
import { cleanInput } from '../input/typed-input.js';
import type { Logger } from '../logger.js';
import { requestLogger } from './request-log.js';

/**
 * Parses a request part with its protocol schema, after the typed-text clean-up of every
 * string in it, or throws `invalid_input` naming the field.
 */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const cleaned = cleanInput(value);
  if (!cleaned.ok) throw unreadable(cleaned.field);
  const result = schema.safeParse(cleaned.value);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

/** JSON 404 for API paths no route took. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No route ${req.method} ${req.path}.`));
};

/** What Express, its router and body-parser attach to the errors they raise (http-errors). */
interface HttpLayerError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** Client mistakes the HTTP layer reports before any route runs, as the client should read them. */
const CLIENT_MISTAKES: Record<string, string> = {
  'entity.parse.failed': 'The body is not valid JSON.',
  'entity.too.large': 'The body is too large.',
  'request.aborted': 'The request ended before its body did.',
  'request.size.invalid': 'The body is shorter or longer than announced.',
  'encoding.unsupported': 'The body has an encoding this server does not read.',
  'charset.unsupported': 'The body has a character set this server does not read.',
};

/**
 * A client's mistake the HTTP layer raised (a body that isn't JSON, a path with a broken
 * `%` escape, a body cut off by a client that went away), with its 4xx status; null for
 * anything else. These are the client's doing: no stack, no error log.
 */
function clientMistake(error: unknown): { error: AppError; status: number } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { type, status, expose } = error as HttpLayerError;
  const known = type !== undefined ? CLIENT_MISTAKES[type] : undefined;
  const isClientStatus = typeof status === 'number' && status >= 400 && status < 500 && expose !== false;
  if (known === undefined && !isClientStatus) return null;
  const message = known ?? (error instanceof URIError ? 'The path has a broken % escape.' : 'The request is malformed.');
  return { error: new AppError('invalid_input', message), status: isClientStatus ? status : 400 };
}

/**
 * Every HTTP error leaves as `{ error: { code, message, field? } }`; internals never do.
 * Unexpected errors are logged in full; a client's mistakes get one line at debug level (the
 * request line is logged anyway), and nothing is sent to a client that has gone.
 */
export function errorResponder(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const mistake = clientMistake(error);
    const body = toApiError(mistake ? mistake.error : error);
    const log = requestLogger(res, logger);
    if (mistake) log.debug({ method: req.method, path: req.path, status: mistake.status, reason: body.message }, 'client mistake');
    else if (body.code === 'internal') log.error({ err: error, method: req.method, path: req.path }, 'request failed');
    if (res.headersSent || req.socket.destroyed) return;
    res.status(mistake ? mistake.status : HTTP_STATUS[body.code]).json({ error: body });
  };
}
