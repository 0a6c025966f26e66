// Redis, when configured: it answers PING within the proxy's command timeout. Without it each
// replica keeps its own cache and rate limits (correct, but more Genesys calls and looser limits).
import { Redis } from 'ioredis';
import type { DoctorContext } from './doctor-context.ts';
import type { Finding } from './finding.ts';

const PINGS = 5;

export async function checkRedis(context: DoctorContext): Promise<Finding> {
  const id = 'redis';
  const title = 'Redis';
  const settings = context.config.redis;
  if (!settings)
    return {
      id,
      title,
      status: 'skip',
      detail:
        'not configured: fine for one replica; with several, set REDIS_URL so they share token checks and rate limits',
    };
  const where = redactedAddress(settings.url);
  const redis = new Redis(settings.url, {
    lazyConnect: true,
    connectTimeout: context.timeoutMs,
    commandTimeout: context.timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  redis.on('error', (error: Error) => {
    lastError = error;
  });
  try {
    await redis.connect();
    const times: number[] = [];
    for (let i = 0; i < PINGS; i += 1) {
      const started = performance.now();
      const reply = await redis.ping();
      times.push(performance.now() - started);
      if (reply !== 'PONG') throw new Error(`PING answered ${reply}`);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    const text = `PING ${median.toFixed(1)} ms (median of ${PINGS}) at ${where}`;
    if (median > settings.timeoutMs / 2)
      return {
        id,
        title,
        status: 'warn',
        detail: `${text}, more than half of REDIS_TIMEOUT_MS=${settings.timeoutMs}: commands will time out and the proxy will fall back to its own cache.`,
        fix: 'Run Redis next to the proxy (same zone), or raise REDIS_TIMEOUT_MS.',
      };
    return { id, title, status: 'pass', detail: text };
  } catch (error) {
    const reason = (lastError ?? (error as Error)).message;
    return {
      id,
      title,
      status: 'fail',
      detail: `${where} does not answer PING (${reason}): every replica runs on its own cache and rate limits.`,
      fix: /NOAUTH|WRONGPASS|AUTH/i.test(reason)
        ? 'Put the right password in REDIS_URL (redis://:<password>@host:6379, or REDIS_URL_FILE for a secret).'
        : 'Start Redis or correct REDIS_URL (rediss:// for TLS), and let the proxy’s host reach it.',
    };
  } finally {
    redis.disconnect();
  }
}

/** host:port of a Redis URL, never its password. */
function redactedAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'REDIS_URL';
  }
}
