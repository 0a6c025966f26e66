// Rate limits keyed on the verified user (call centres share NAT addresses; docs/security.md rule 10),
// shared across replicas through Redis, and counted by each process alone while Redis is away.
// rate-limiter-flexible does the counting (an atomic Redis script per hit) and the fallback (its
// insurance limiter); what is left here is the HTTP side: headers, and the 429 as a ProxyError.
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import ipaddr from 'ipaddr.js';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ProxyError } from '../errors.ts';

const WINDOW_SECONDS = 60;

type KeyOf = (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1]) => string;

function limiter(name: string, perMinute: number, redis: Redis | undefined, keyOf: KeyOf): RequestHandler {
  const options = { keyPrefix: `av:rl:${name}`, points: perMinute, duration: WINDOW_SECONDS };
  const memory = new RateLimiterMemory(options);
  const limits = redis
    ? new RateLimiterRedis({
        ...options,
        storeClient: redis,
        // While disconnected, count in-process without sending the command at all. (A stalled Redis
        // still costs each hit the command timeout, REDIS_TIMEOUT_MS, before the fallback answers.)
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      })
    : memory;
  // IETF draft-ietf-httpapi-ratelimit-headers (as express-rate-limit's draft-8 headers were).
  const policy = `"${name}";q=${perMinute};w=${WINDOW_SECONDS}`;

  return async (req, res, next) => {
    let result: RateLimiterRes;
    let allowed = true;
    try {
      result = await limits.consume(keyOf(req, res));
    } catch (rejection) {
      // Store errors never get here (the insurance limiter answers instead), but do not assume it.
      if (!(rejection instanceof RateLimiterRes)) return next(rejection);
      result = rejection;
      allowed = false;
    }
    const resetSeconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
    // Appended: the per-address and per-user limits can both answer one request.
    res.append('RateLimit-Policy', policy);
    res.append('RateLimit', `"${name}";r=${Math.max(0, result.remainingPoints)};t=${resetSeconds}`);
    if (allowed) return next();
    next(
      new ProxyError(429, 'rate_limited', 'Too many requests. Wait a moment and try again.', {
        retryAfterSeconds: resetSeconds,
      }),
    );
  };
}

export function userRateLimit(perMinute: number, redis: Redis | undefined): RequestHandler {
  return limiter('user', perMinute, redis, (_req, res) => String(res.locals.userId));
}

/** A coarse per-address limit in front of authentication, so floods of bad tokens cost Genesys nothing. */
export function ipRateLimit(perMinute: number, redis: Redis | undefined): RequestHandler {
  return limiter('ip', perMinute, redis, (req) => addressKey(req.ip));
}

/**
 * IPv4 addresses as they are (IPv4-mapped IPv6 included); IPv6 by their /56, which one subscriber
 * usually holds whole (RIPE-690), so rotating through it does not reset the count. Some load
 * balancers forward `address:port` or `[v6]:port`: the port is dropped. Anything else is keyed as
 * given (bounded), never lumped together: one bucket for all would let one client lock out everyone.
 */
export function addressKey(ip: string | undefined): string {
  if (!ip) return 'none';
  const address = parseAddress(ip) ?? parseAddress(withoutPort(ip));
  if (!address) return `raw:${ip.slice(0, 64)}`;
  if (address.kind() === 'ipv4') return address.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/56`).toString()}/56`;
}

function parseAddress(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  return ipaddr.isValid(ip) ? ipaddr.process(ip) : undefined;
}

function withoutPort(ip: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed?.[1]) return bracketed[1];
  return /^[\d.]+:\d+$/.test(ip) ? ip.slice(0, ip.lastIndexOf(':')) : ip;
}
