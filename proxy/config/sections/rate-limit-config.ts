// Requests per minute: per verified user, and per address for tokens that need a Genesys check.
import type { Settings } from '../settings-schema.ts';

export interface RateLimitConfig {
  perUserPerMinute: number;
  perIpPerMinute: number;
}

export function deriveRateLimits(s: Settings): RateLimitConfig {
  return { perUserPerMinute: s.RATE_LIMIT_PER_MINUTE, perIpPerMinute: s.RATE_LIMIT_IP_PER_MINUTE };
}
