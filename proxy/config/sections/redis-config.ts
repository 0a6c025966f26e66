// The Redis the replicas share caches and rate limits through (optional: in-process otherwise).
import type { Settings } from '../settings-schema.ts';

export interface RedisConfig {
  url: string;
  timeoutMs: number;
}

export function deriveRedis(s: Settings): RedisConfig | undefined {
  return s.REDIS_URL ? { url: s.REDIS_URL, timeoutMs: s.REDIS_TIMEOUT_MS } : undefined;
}
