import { timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import type { Metrics } from './metrics.js';

/** Loopback and private (RFC 1918, unique local) addresses: a scraper inside the deployment. */
const PRIVATE = /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$|f[cd][0-9a-f]{2}:|::ffff:(127|10)\.|::ffff:192\.168\.)/i;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics` in the Prometheus text format. With METRICS_TOKEN set it wants
 * `Authorization: Bearer <token>`; without, it answers only a scraper that connects
 * straight from loopback or a private network. A request that came through a proxy (it
 * carries forwarding headers) is refused: behind nginx every peer looks private.
 */
export function metricsRoute(metrics: Metrics, token: string | undefined): Router {
  const router = Router();
  const allowed = (req: Request): boolean => {
    if (token) return sameSecret(req.get('authorization') ?? '', `Bearer ${token}`);
    const proxied = req.get('x-forwarded-for') !== undefined || req.get('x-real-ip') !== undefined || req.get('forwarded') !== undefined;
    return !proxied && PRIVATE.test(req.socket.remoteAddress ?? '');
  };
  router.get('/metrics', async (req, res) => {
    if (!allowed(req)) {
      res.status(403).json({ error: { code: 'forbidden', message: 'Metrics are for the operators’ scraper.' } });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
