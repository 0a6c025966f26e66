// Rate limits keyed on the verified user (call centres share NAT addresses; security.md rule 10),
// shared across replicas through Redis, and held by each process alone while Redis is away.
import type { RequestHandler } from 'express';
import { type IncrementResponse, MemoryStore, type Options, rateLimit, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { ProxyError } from '../errors.ts';

/** A fixed-window counter in Redis, falling back to an in-process store on any Redis error. */
class RedisWithFallbackStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private readonly fallback = new MemoryStore();

  constructor(
    private readonly redis: Redis,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
    this.fallback.init(options);
  }

  async increment(key: string): Promise<IncrementResponse> {
    if (this.redis.status === 'ready') {
      try {
        const k = `${this.prefix}${key}`;
        const result = await this.redis.multi().incr(k).pexpire(k, this.windowMs, 'NX').pttl(k).exec();
        const hits = Number(result?.[0]?.[1]);
        const ttl = Number(result?.[2]?.[1]);
        if (Number.isFinite(hits) && Number.isFinite(ttl))
          return { totalHits: hits, resetTime: new Date(Date.now() + Math.max(ttl, 0)) };
      } catch {
        // fall through to the in-process count
      }
    }
    return this.fallback.increment(key);
  }

  async decrement(key: string): Promise<void> {
    await this.redis.decr(`${this.prefix}${key}`).catch(() => undefined);
    await this.fallback.decrement(key);
  }

  async resetKey(key: string): Promise<void> {
    await this.redis.del(`${this.prefix}${key}`).catch(() => undefined);
    await this.fallback.resetKey(key);
  }
}

function limiter(
  name: string,
  perMinute: number,
  keyGenerator: Options['keyGenerator'] | undefined,
  redis: Redis | undefined,
) {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(keyGenerator ? { keyGenerator } : {}),
    store: redis ? new RedisWithFallbackStore(redis, `av:rl:${name}:`) : new MemoryStore(),
    handler: (_req, res, next) => {
      const reset = (res.getHeader('RateLimit-Reset') as string | undefined) ?? '';
      const seconds = Number(/t=(\d+)/.exec(String(res.getHeader('RateLimit') ?? ''))?.[1] ?? reset) || 60;
      next(
        new ProxyError(429, 'rate_limited', 'Too many requests. Wait a moment and try again.', {
          retryAfterSeconds: seconds,
        }),
      );
    },
  });
}

export function userRateLimit(perMinute: number, redis: Redis | undefined): RequestHandler {
  return limiter('user', perMinute, (_req, res) => String(res.locals.userId), redis);
}

/** A coarse per-address limit in front of authentication, so floods of bad tokens cost Genesys nothing. */
export function ipRateLimit(perMinute: number, redis: Redis | undefined): RequestHandler {
  return limiter('ip', perMinute, undefined, redis);
}
