// How long minted links live, and the keys the proxy signs its own links with.
import { randomBytes } from 'node:crypto';
import type { SigningKey } from '../setting-values.ts';
import type { Settings } from '../settings-schema.ts';

export interface LinkConfig {
  linkTtlSeconds: number;
  /** Signs local-store URLs and seals relay links; the first signs, all verify (rotation). */
  signingKeys: SigningKey[];
}

export function deriveLinks(s: Settings, problems: string[]): LinkConfig {
  let signingKeys = s.LINK_SIGNING_KEYS ?? [];
  if (signingKeys.length === 0) {
    if (s.NODE_ENV === 'production')
      problems.push(
        'LINK_SIGNING_KEYS is required in production and must be the same on every replica (see the README to generate one)',
      );
    // Development only: links simply stop working when the process restarts.
    else signingKeys = [{ id: 'dev', secret: randomBytes(32) }];
  }
  return { linkTtlSeconds: s.LINK_TTL_SECONDS, signingKeys };
}
