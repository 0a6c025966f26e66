// How long token checks and conversation reads are remembered.
import type { Settings } from '../settings-schema.ts';

export interface CacheConfig {
  tokenTtlMs: number;
  tokenNegativeTtlMs: number;
  conversationTtlMs: number;
}

export function deriveCache(s: Settings): CacheConfig {
  return {
    tokenTtlMs: s.TOKEN_CACHE_TTL_SECONDS * 1000,
    tokenNegativeTtlMs: s.TOKEN_NEGATIVE_TTL_SECONDS * 1000,
    conversationTtlMs: s.CONVERSATION_CACHE_TTL_SECONDS * 1000,
  };
}
