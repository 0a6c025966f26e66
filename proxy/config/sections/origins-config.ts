// Which other origins may call the API (CORS) or frame the widget (CSP frame-ancestors): exact
// origins only, and Agent Workspace of every configured region may frame it.
import type { GenesysRegion } from '../../../core/genesys-regions.ts';
import { list, origin } from '../setting-values.ts';
import type { Settings } from '../settings-schema.ts';

export interface OriginsConfig {
  corsOrigins: string[];
  frameAncestors: string[];
}

export function deriveOrigins(s: Settings, regions: GenesysRegion[], problems: string[]): OriginsConfig {
  const frameAncestors = [...regions.map((r) => `https://apps.${r.tld}`), ...list(s.EXTRA_FRAME_ANCESTORS)];
  const corsOrigins = list(s.CORS_ORIGINS);
  for (const o of [...corsOrigins, ...list(s.EXTRA_FRAME_ANCESTORS)]) {
    if (!origin('').safeParse(o).success)
      problems.push(
        `CORS_ORIGINS/EXTRA_FRAME_ANCESTORS: "${o}" must be an exact origin like https://apps.mypurecloud.com`,
      );
  }
  return { corsOrigins, frameAncestors };
}
