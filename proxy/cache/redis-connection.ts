import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * A Redis connection that fails fast instead of queueing: commands time out after `timeoutMs`
 * (docs/security.md rule 11) and are refused while disconnected, so callers fall back to the
 * in-process cache at once.
 */
export function connectRedis(url: string, timeoutMs: number, log: Logger): Redis {
  const redis = new Redis(url, {
    commandTimeout: timeoutMs,
    connectTimeout: Math.max(timeoutMs * 5, 1_000),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Keep trying to reconnect in the background, at most once a second.
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    lazyConnect: false,
  });
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) log.warn({ err: { message: error.message } }, 'redis unavailable; using the in-process cache');
    down = true;
  });
  redis.on('ready', () => {
    if (down) log.info('redis reconnected');
    down = false;
  });
  return redis;
}
