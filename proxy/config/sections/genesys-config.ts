// Which Genesys Cloud the proxy serves: regions (an exact allowlist), the pinned organization and
// OAuth client, and how Genesys-hosted files are fetched.
import { type GenesysRegion, regionByTld } from '../../../core/genesys-regions.ts';
import { list } from '../setting-values.ts';
import type { Settings } from '../settings-schema.ts';

export interface GenesysConfig {
  regions: GenesysRegion[];
  orgId?: string;
  oauthClientId?: string;
  /** Loopback sandbox org used instead of `https://api.<tld>`; never set in production. */
  apiBaseOverride?: string;
  timeoutMs: number;
  downloads: 'relay' | 'direct';
  downloadHosts: string[];
  /**
   * How long a Genesys download URL lives when the URL does not say itself: a Genesys link ends no
   * later (docs/security.md, finding 5).
   */
  downloadUrlTtlSeconds: number;
}

export function deriveGenesys(s: Settings, problems: string[]): GenesysConfig {
  const regions: GenesysRegion[] = [];
  for (const tld of list(s.GENESYS_REGIONS)) {
    const region = regionByTld(tld);
    if (region) regions.push(region);
    else
      problems.push(
        `GENESYS_REGIONS: "${tld}" is not a Genesys Cloud region; use a domain such as mypurecloud.com or mypurecloud.ie`,
      );
  }
  if (regions.length === 0) problems.push('GENESYS_REGIONS: name at least one region, e.g. mypurecloud.com');
  if (s.NODE_ENV === 'production') {
    if (!s.GENESYS_ORG_ID)
      problems.push(
        'GENESYS_ORG_ID is required in production: tokens of other organizations must be refused',
      );
    if (s.GENESYS_API_BASE)
      problems.push('GENESYS_API_BASE points at a sandbox org and is not allowed in production');
  }
  return {
    regions,
    orgId: s.GENESYS_ORG_ID,
    oauthClientId: s.GENESYS_OAUTH_CLIENT_ID,
    apiBaseOverride: s.GENESYS_API_BASE?.replace(/\/$/, ''),
    timeoutMs: s.GENESYS_TIMEOUT_MS,
    downloads: s.GENESYS_DOWNLOADS,
    downloadHosts: list(s.GENESYS_DOWNLOAD_HOSTS).map((h) => h.toLowerCase()),
    downloadUrlTtlSeconds: s.GENESYS_DOWNLOAD_URL_TTL_SECONDS,
  };
}
