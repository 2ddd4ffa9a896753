import { Router } from 'express';
import type { ClusterLink } from '../cluster/redis-cluster.js';
import type { AppContext } from '../context.js';

export function healthRoutes(ctx: AppContext, cluster?: Pick<ClusterLink, 'problem'>): Router {
  const router = Router();
  /** The process is up. */
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  /**
   * The process can serve: its store answers and, with several nodes, its links to Redis
   * work (503 with the reason otherwise, so a load balancer sends attendees elsewhere).
   */
  router.get('/readyz', async (_req, res) => {
    // Shutting down: the balancer must send newcomers elsewhere.
    if (ctx.drain.draining) {
      res.status(503).json({ ok: false, reason: 'draining: this node is shutting down' });
      return;
    }
    const store = await ctx.store.ping().catch((error: unknown) => {
      ctx.logger.warn({ err: error }, 'store ping failed');
      return false;
    });
    if (!cluster) {
      res.status(store ? 200 : 503).json({ ok: store, store });
      return;
    }
    const problem = await cluster.problem();
    const ok = store && problem === null;
    res.status(ok ? 200 : 503).json({ ok, store, redis: problem === null, ...(problem ? { reason: problem } : {}) });
  });
  return router;
}
