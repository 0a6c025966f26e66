import { createServer } from 'node:http';
import express, { type RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../../../proxy/cache/redis-connection.ts';
import { errorHandler } from '../../../proxy/http/error-handler.ts';
import { addressKey, ipRateLimit, userRateLimit } from '../../../proxy/http/rate-limits.ts';
import { createLogger } from '../../../proxy/logger.ts';
import { listenLoopback } from '../../../scripts/local-stack/free-port.ts';
import { type RedisServer, startRedis } from '../../../scripts/local-stack/redis.ts';

const log = createLogger('silent');

/** A stand-in for one replica: the user comes from X-User, as authentication would set it. */
async function replica(
  ...limits: RequestHandler[]
): Promise<{ get(user: string, from?: string): Promise<Response>; close(): void }> {
  const app = express();
  app.set('trust proxy', 1);
  app.use(
    (req, res, next) => {
      res.locals.userId = req.get('x-user');
      next();
    },
    ...limits,
  );
  app.get('/', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(errorHandler(log));
  const server = createServer(app);
  const url = `${await listenLoopback(server)}/`;
  return {
    // The load balancer in front (trust proxy: 1 hop) names the client in X-Forwarded-For.
    get: (user, from = '203.0.113.7') => fetch(url, { headers: { 'x-user': user, 'x-forwarded-for': from } }),
    close: () => server.close(),
  };
}

async function statuses(get: () => Promise<Response>, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await get()).status);
  return out;
}

describe('per-user rate limit in one process', () => {
  it('allows the limit per user, then answers 429 rate_limited with Retry-After and RateLimit headers', async () => {
    const app = await replica(userRateLimit(3, undefined));
    try {
      const first = await app.get('ada');
      expect(first.headers.get('ratelimit-policy')).toBe('"user";q=3;w=60');
      expect(first.headers.get('ratelimit')).toMatch(/^"user";r=2;t=\d+$/);
      expect(await statuses(() => app.get('ada'), 2)).toEqual([200, 200]);

      const refused = await app.get('ada');
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.headers.get('ratelimit')).toMatch(/^"user";r=0;t=\d+$/);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');

      // Another agent behind the same address is not affected (docs/security.md rule 10).
      expect((await app.get('grace')).status).toBe(200);
    } finally {
      app.close();
    }
  });
});

describe('per-user rate limit shared through Redis', () => {
  let server: RedisServer;
  const clients: Redis[] = [];

  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await server?.stop();
  });

  function connect(): Redis {
    // A generous command timeout: a slow answer on a busy machine must not look like Redis failing.
    const client = connectRedis(server.url, 2_000, log);
    clients.push(client);
    return client;
  }

  it('is one count across replicas, and each replica counts alone while Redis is gone', async () => {
    const [a, b] = [connect(), connect()];
    await Promise.all([a, b].map((c) => new Promise((resolve) => c.once('ready', resolve))));
    const one = await replica(userRateLimit(4, a));
    const two = await replica(userRateLimit(4, b));
    try {
      const shared = [];
      for (let i = 0; i < 6; i++) shared.push((await (i % 2 ? two : one).get('ada')).status);
      expect(shared).toEqual([200, 200, 200, 200, 429, 429]);

      await server.kill();
      await expect.poll(() => a.status, { timeout: 5_000 }).not.toBe('ready');
      // No Redis: never an error, each process holds the limit with its own count.
      expect(await statuses(() => one.get('bea'), 5)).toEqual([200, 200, 200, 200, 429]);
      expect(await statuses(() => two.get('bea'), 5)).toEqual([200, 200, 200, 200, 429]);
    } finally {
      one.close();
      two.close();
    }
  });
});

describe('per-address limit', () => {
  it('keys IPv4 as is, IPv4-mapped IPv6 as IPv4, and IPv6 by its /56', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:abcd:12ff::1')).toBe('2001:db8:abcd:1200::/56');
    expect(addressKey('2001:db8:abcd:1234:5678::9')).toBe(addressKey('2001:db8:abcd:12aa::1'));
    expect(addressKey('2001:db8:abcd:1300::1')).not.toBe(addressKey('2001:db8:abcd:1200::1'));
    // Ports some load balancers add are dropped; what does not parse keeps a key of its own.
    expect(addressKey('203.0.113.7:5555')).toBe('203.0.113.7');
    expect(addressKey('[2001:db8:abcd:12ff::1]:443')).toBe('2001:db8:abcd:1200::/56');
    expect(addressKey('not an address')).toBe('raw:not an address');
    expect(addressKey('another one')).not.toBe(addressKey('not an address'));
    expect(addressKey(`z${'x'.repeat(500)}`)).toHaveLength(4 + 64);
    expect(addressKey(undefined)).toBe('none');
  });

  it('counts requests by the client address that trust proxy resolves', async () => {
    const app = await replica(ipRateLimit(2, undefined));
    try {
      // Different users, one address: the per-address limit is shared.
      expect([
        (await app.get('u1')).status,
        (await app.get('u2')).status,
        (await app.get('u3')).status,
      ]).toEqual([200, 200, 429]);
      // Other clients have their own counts, IPv6 ones by their /56.
      expect((await app.get('u4', '198.51.100.9')).status).toBe(200);
      expect(await statuses(() => app.get('u5', '2001:db8:abcd:1201::7'), 2)).toEqual([200, 200]);
      expect((await app.get('u6', '2001:db8:abcd:12fe::8')).status).toBe(429);
    } finally {
      app.close();
    }
  });

  it('reports both limits when both answer one request', async () => {
    const app = await replica(ipRateLimit(10, undefined), userRateLimit(5, undefined));
    try {
      const res = await app.get('ada');
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-policy')).toBe('"ip";q=10;w=60, "user";q=5;w=60');
      expect(res.headers.get('ratelimit')).toMatch(/^"ip";r=9;t=\d+, "user";r=4;t=\d+$/);
    } finally {
      app.close();
    }
  });
});
