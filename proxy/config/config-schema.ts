// The proxy's whole configuration, validated at startup with messages that say how to fix a
// mistake. Input is a flat map of setting names (see README's configuration table); each section
// of the result is derived by its own function in sections/.
import type { DetectionRules } from '../../core/detection-rules.ts';
import { ValidationError } from '../../core/validation-error.ts';
import { type AuditConfig, deriveAudit } from './sections/audit-config.ts';
import { type CacheConfig, deriveCache } from './sections/cache-config.ts';
import { deriveDetection } from './sections/detection-config.ts';
import { deriveGenesys, type GenesysConfig } from './sections/genesys-config.ts';
import { deriveLinks, type LinkConfig } from './sections/link-config.ts';
import { deriveObservability, type ObservabilityConfig } from './sections/observability-config.ts';
import { deriveOrigins, type OriginsConfig } from './sections/origins-config.ts';
import { deriveRateLimits, type RateLimitConfig } from './sections/rate-limit-config.ts';
import { deriveRedis, type RedisConfig } from './sections/redis-config.ts';
import { deriveRenditions, type RenditionConfig } from './sections/rendition-config.ts';
import { deriveServer, type ServerConfig } from './sections/server-config.ts';
import { deriveStorage, type StorageConfig } from './sections/storage-config.ts';
import { deriveViewer, type ViewerConfig } from './sections/viewer-config.ts';
import { type Settings, settingsSchema } from './settings-schema.ts';

export interface Config extends ServerConfig, LinkConfig, StorageConfig, OriginsConfig, ObservabilityConfig {
  env: Settings['NODE_ENV'];
  genesys: GenesysConfig;
  cache: CacheConfig;
  viewer: ViewerConfig;
  detection: DetectionRules;
  redis?: RedisConfig;
  renditions?: RenditionConfig;
  audit: AuditConfig;
  rateLimit: RateLimitConfig;
}

/** Validates settings and derives the configuration. Throws a ValidationError listing every problem. */
export function parseConfig(input: Record<string, string | undefined>): Config {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod('configuration', parsed.error);
  const s = parsed.data;
  // Every section adds what is wrong to one list, so one start reports every mistake.
  const problems: string[] = [];
  const genesys = deriveGenesys(s, problems);
  const server = deriveServer(s, problems);
  const links = deriveLinks(s, problems);
  const storage = deriveStorage(s, problems);
  const detection = deriveDetection(s, server.publicUrl, problems);
  const origins = deriveOrigins(s, genesys.regions, problems);
  const renditions = deriveRenditions(s, problems);
  if (problems.length > 0 || !detection) throw new ValidationError('configuration', problems);

  return {
    env: s.NODE_ENV,
    ...server,
    genesys,
    cache: deriveCache(s),
    viewer: deriveViewer(s),
    ...links,
    ...storage,
    detection,
    redis: deriveRedis(s),
    renditions,
    audit: deriveAudit(s),
    ...origins,
    rateLimit: deriveRateLimits(s),
    ...deriveObservability(s),
  };
}
