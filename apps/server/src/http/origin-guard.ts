import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';

/**
 * Whether a browser request may act here (issue 9): no Origin (not a browser page: native
 * clients, curl, server-to-server), the page's own origin (its host is the one asked, as
 * through a proxy that keeps Host, or a venue LAN address), or one configured: PUBLIC_URL
 * and ALLOWED_ORIGINS. Anything else is another site's page, e.g. one that would open a
 * websocket with an attendee's session (cross-site websocket hijacking).
 * @example originAllowed('https://evil.example', 'jisr.example', ['https://jisr.example']) // false
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (host !== undefined && parsed.host === host.toLowerCase()) return true;
  return allowed.includes(parsed.origin);
}

/** The origins a config allows, normalised (scheme://host[:port], no path). */
export function allowedOrigins(publicUrl: string, extra: readonly string[]): string[] {
  return [publicUrl, ...extra].flatMap((url) => {
    try {
      return [new URL(url).origin];
    } catch {
      return [];
    }
  });
}

/** Socket.IO's `allowRequest`: refuses the handshake of a page from another site. */
export function socketOriginCheck(allowed: readonly string[]) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    callback(null, originAllowed(req.headers.origin, req.headers.host, allowed));
  };
}

/** Refuses writes (anything but GET/HEAD/OPTIONS) from another site's page: no CSRF, no permissive CORS. */
export function httpOriginCheck(allowed: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    if (originAllowed(req.get('origin'), req.get('host'), allowed)) return next();
    next(new AppError('forbidden', 'Requests from other sites are not accepted.'));
  };
}
