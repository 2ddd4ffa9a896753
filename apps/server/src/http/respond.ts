import { HTTP_STATUS } from '@jisr/protocol/errors';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import { AppError, invalidInput, toApiError } from '../errors.js';
import type { Logger } from '../logger.js';
import { requestLogger } from './request-log.js';

/** Parses a request part with its protocol schema or throws `invalid_input` naming the field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

/** JSON 404 for API paths no route took. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No route ${req.method} ${req.path}.`));
};

interface BodyParserError {
  type?: string;
}

/** Every HTTP error leaves as `{ error: { code, message, field? } }`; internals never do. */
export function errorResponder(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    let appError = error;
    const type = (error as BodyParserError | null)?.type;
    if (type === 'entity.parse.failed') appError = new AppError('invalid_input', 'The body is not valid JSON.');
    if (type === 'entity.too.large') appError = new AppError('invalid_input', 'The body is too large.');
    const body = toApiError(appError);
    if (body.code === 'internal') requestLogger(res, logger).error({ err: error, method: req.method, path: req.path }, 'request failed');
    res.status(type === 'entity.too.large' ? 413 : HTTP_STATUS[body.code]).json({ error: body });
  };
}
