// How long token checks and conversation reads are remembered.
import type { Settings } from '../settings-schema.ts';

export interface CacheConfig {
  tokenTtlMs: number;
  tokenNegativeTtlMs: number;
  /**
   * The oldest token check a link may be minted on, and a listing answered on; older, Genesys is
   * asked again first. A session may use the whole tokenTtlMs (docs/security.md, finding 1).
   */
  tokenMintMaxAgeMs: number;
  tokenListMaxAgeMs: number;
  conversationTtlMs: number;
}

export function deriveCache(s: Settings): CacheConfig {
  // No check outlives the cache's TTL: a longer maximum age is the TTL.
  const atMostTtl = (seconds: number) => Math.min(seconds, s.TOKEN_CACHE_TTL_SECONDS) * 1000;
  return {
    tokenTtlMs: s.TOKEN_CACHE_TTL_SECONDS * 1000,
    tokenNegativeTtlMs: s.TOKEN_NEGATIVE_TTL_SECONDS * 1000,
    tokenMintMaxAgeMs: atMostTtl(s.TOKEN_MINT_MAX_AGE_SECONDS),
    tokenListMaxAgeMs: atMostTtl(s.TOKEN_LIST_MAX_AGE_SECONDS),
    conversationTtlMs: s.CONVERSATION_CACHE_TTL_SECONDS * 1000,
  };
}
