import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { RequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';

/** A request id a proxy may pass on: short, plain characters; anything else is replaced. */
const REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * Gives every request an id (the proxy's `X-Request-Id` when it sent a sane one), answers
 * with it, and logs one line per request when it ends, with that id: API calls at info,
 * pages and assets at debug. Only the path is logged, never the query or the headers.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const reqId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', reqId);
    const log = logger.child({ reqId });
    res.locals['log'] = log;
    const started = performance.now();
    res.on('finish', () => {
      const line = { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started) };
      if (req.path.startsWith('/api/')) log.info(line, 'request');
      else log.debug(line, 'request');
    });
    next();
  };
}

/** The request's logger (with its id), or the app's when the middleware did not run. */
export function requestLogger(res: Response, fallback: Logger): Logger {
  return (res.locals['log'] as Logger | undefined) ?? fallback;
}
