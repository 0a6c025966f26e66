import { type RequestHandler, Router } from 'express';
import type { Redis } from 'ioredis';
import type { StorageBackend } from '../storage/storage-backend.ts';

export interface ReadinessOptions {
  backends: StorageBackend[];
  redis?: Redis;
}

export interface Readiness {
  ok: boolean;
  /** Each dependency by name: `ok` or `unavailable`. For operators only (docs/security.md, finding 8). */
  checks: Record<string, string>;
}

/**
 * Storage answers (not ready otherwise). Redis is reported but does not fail readiness: without it
 * each replica falls back to its in-process cache.
 */
export async function readiness(options: ReadinessOptions): Promise<Readiness> {
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
  return { ok, checks };
}

/** The body of a readiness answer: with the checks on the private listener, without them in public. */
export function readinessBody(r: Readiness, withChecks: boolean) {
  const status = r.ok ? 'ready' : 'not ready';
  return withChecks ? { status, checks: r.checks } : { status };
}

/**
 * `/healthz`: the process answers. `/readyz`: ready or not, and nothing about which dependency is
 * down: that is on the metrics listener (proxy/server.ts). Both carry the API's headers.
 */
export function healthRoutes(options: ReadinessOptions & { headers: RequestHandler }): Router {
  const router = Router();
  router.get('/healthz', options.headers, (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', options.headers, async (_req, res) => {
    const r = await readiness(options);
    if (!r.ok) res.setHeader('Retry-After', '5');
    res.status(r.ok ? 200 : 503).json(readinessBody(r, false));
  });
  return router;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}
