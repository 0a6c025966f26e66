import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { StorageBackend } from '../storage/storage-backend.ts';

/**
 * `/healthz`: the process answers. `/readyz`: storage answers (503 otherwise). Redis is reported but
 * does not fail readiness: without it each replica falls back to its in-process cache.
 */
export function healthRoutes(options: { backends: StorageBackend[]; redis?: Redis }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    await Promise.all(
      options.backends.map(async (b) => {
        checks[b.name] = await withTimeout(b.checkReady(), 2_000).then(
          () => 'ok',
          () => 'unavailable',
        );
      }),
    );
    if (options.redis) {
      checks.redis = await withTimeout(options.redis.ping(), 1_000).then(
        () => 'ok',
        () => 'unavailable',
      );
    }
    const ok = Object.entries(checks).every(([name, v]) => v === 'ok' || name === 'redis');
    res.setHeader('Cache-Control', 'no-store');
    if (!ok) res.setHeader('Retry-After', '5');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', checks });
  });
  return router;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}
