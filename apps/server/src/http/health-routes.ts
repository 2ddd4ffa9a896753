import { Router } from 'express';
import type { AppContext } from '../context.js';

export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  /** The process is up. */
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  /** The process can serve: its store answers. */
  router.get('/readyz', async (_req, res) => {
    const store = await ctx.store.ping().catch((error: unknown) => {
      ctx.logger.warn({ err: error }, 'store ping failed');
      return false;
    });
    res.status(store ? 200 : 503).json({ ok: store, store });
  });
  return router;
}
