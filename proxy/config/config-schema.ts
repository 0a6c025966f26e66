// The proxy's whole configuration: one schema, validated at startup, with messages that say how to
// fix a mistake. Input is a flat map of setting names (see README's configuration table).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  type DetectionRules,
  defaultDetectionRules,
  detectionRulesSchema,
} from '../../core/detection-rules.ts';
import { type GenesysRegion, regionByTld } from '../../core/genesys-regions.ts';
import { ValidationError } from '../../core/validation-error.ts';

export interface SigningKey {
  id: string;
  secret: Buffer;
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

const bool = (name: string) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: `${name} must be true or false` })
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (name: string, min: number, max: number) =>
  z.coerce
    .number({ message: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

const origin = (name: string) =>
  z.string().refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === v;
    } catch {
      return false;
    }
  }, `${name} entries must be exact origins like "https://viewer.example.com" (scheme and host, no path, no "*")`);

const loopbackUrl = (name: string) =>
  z.string().refine((v) => {
    try {
      const u = new URL(v);
      return (
        u.protocol === 'http:' &&
        ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) &&
        u.pathname === '/'
      );
    } catch {
      return false;
    }
  }, `${name} may only point at a sandbox org on this machine, like "http://127.0.0.1:8081"; for Genesys Cloud set GENESYS_REGIONS instead`);

const signingKeys = z.string().transform((v, ctx): SigningKey[] => {
  const keys: SigningKey[] = [];
  for (const entry of list(v)) {
    const [id, secret] = entry.split(':', 2);
    const bytes = Buffer.from(secret ?? '', 'base64url');
    if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || bytes.length < 32) {
      ctx.addIssue({
        code: 'custom',
        message:
          "LINK_SIGNING_KEYS must be a comma list of \"<id>:<secret>\" with a short id and a base64url secret of at least 32 bytes; generate one with: node -p \"'k1:'+require('crypto').randomBytes(32).toString('base64url')\"",
      });
      return z.NEVER;
    }
    keys.push({ id, secret: bytes });
  }
  return keys;
});

const settingsSchema = z
  .object({
    NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: int('PORT', 0, 65535).default(8080),
    PUBLIC_URL: origin('PUBLIC_URL').optional(),
    TRUST_PROXY_HOPS: int('TRUST_PROXY_HOPS', 0, 10).default(0),
    TLS_CERT_FILE: z.string().optional(),
    TLS_KEY_FILE: z.string().optional(),

    GENESYS_REGIONS: z.string().default('mypurecloud.com'),
    GENESYS_ORG_ID: z
      .string()
      .uuid('GENESYS_ORG_ID must be your organization id (a UUID: Admin > Organization Settings)')
      .optional(),
    GENESYS_OAUTH_CLIENT_ID: z.string().min(1).optional(),
    GENESYS_API_BASE: loopbackUrl('GENESYS_API_BASE').optional(),
    GENESYS_TIMEOUT_MS: int('GENESYS_TIMEOUT_MS', 100, 30_000).default(2_500),
    GENESYS_DOWNLOADS: z
      .enum(['relay', 'direct'], { message: 'GENESYS_DOWNLOADS must be "relay" or "direct"' })
      .default('relay'),
    GENESYS_DOWNLOAD_HOSTS: z.string().default(''),

    TOKEN_CACHE_TTL_SECONDS: int('TOKEN_CACHE_TTL_SECONDS', 1, 300).default(60),
    TOKEN_NEGATIVE_TTL_SECONDS: int('TOKEN_NEGATIVE_TTL_SECONDS', 0, 60).default(5),
    CONVERSATION_CACHE_TTL_SECONDS: int('CONVERSATION_CACHE_TTL_SECONDS', 0, 300).default(30),
    LINK_TTL_SECONDS: int('LINK_TTL_SECONDS', 10, 604_800).default(120),

    STORE_DIR: z.string().optional(),
    LINK_SIGNING_KEYS: signingKeys.optional(),

    S3_ENDPOINT: z
      .string()
      .url('S3_ENDPOINT must be a URL like "https://s3.eu-west-1.amazonaws.com"')
      .optional(),
    S3_PUBLIC_ENDPOINT: z.string().url('S3_PUBLIC_ENDPOINT must be a URL').optional(),
    S3_REGION: z.string().default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: bool('S3_FORCE_PATH_STYLE').default(false),
    S3_BUCKETS: z.string().default(''),
    S3_QUARANTINE_BUCKET: z.string().optional(),
    S3_TIMEOUT_MS: int('S3_TIMEOUT_MS', 100, 60_000).default(5_000),

    SCAN_REQUIRED: bool('SCAN_REQUIRED').default(true),
    SCAN_STATUS_METADATA: z.string().default('av-status'),
    SCAN_STATUS_TAG: z.string().default('GuardDutyMalwareScanStatus'),

    DETECT_ATTRIBUTE_NAMES: z.string().optional(),
    DETECT_TEXT_MARKERS: z.string().optional(),
    DETECT_S3_HOSTS: z.string().optional(),
    DETECT_PROXY_LINK_BASES: z.string().optional(),
    DETECT_BARE_KEYS: z.string().default('store'),

    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'REDIS_URL must look like "redis://host:6379"')
      .optional(),
    REDIS_TIMEOUT_MS: int('REDIS_TIMEOUT_MS', 10, 5_000).default(150),

    AUDIT_LOG_DIR: z.string().default('.data/audit'),
    AUDIT_RETENTION_DAYS: int('AUDIT_RETENTION_DAYS', 1, 36_500).default(400),

    CORS_ORIGINS: z.string().default(''),
    EXTRA_FRAME_ANCESTORS: z.string().default(''),
    RATE_LIMIT_PER_MINUTE: int('RATE_LIMIT_PER_MINUTE', 1, 100_000).default(300),
    RATE_LIMIT_IP_PER_MINUTE: int('RATE_LIMIT_IP_PER_MINUTE', 1, 1_000_000).default(1_200),
    WIDGET_DIR: z.string().default('dist/app'),
    METRICS_PORT: int('METRICS_PORT', 1, 65535).optional(),
    METRICS_HOST: z.string().default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .strip();

export type Settings = z.infer<typeof settingsSchema>;

/** Every setting name the proxy reads. */
export const settingNames = Object.keys(settingsSchema.shape);

export interface S3Settings {
  endpoint?: string;
  /** The endpoint browsers reach, when it differs from the one the proxy uses. */
  publicEndpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
  /** Clean buckets: links are minted only for these. */
  buckets: string[];
  /** Uploads land here and move to the first clean bucket once scanned. */
  quarantineBucket?: string;
  timeoutMs: number;
}

export interface Config {
  env: Settings['NODE_ENV'];
  host: string;
  port: number;
  publicUrl: string;
  trustProxyHops: number;
  tls?: { certFile: string; keyFile: string };
  genesys: {
    regions: GenesysRegion[];
    orgId?: string;
    oauthClientId?: string;
    /** Loopback sandbox org used instead of `https://api.<tld>`; never set in production. */
    apiBaseOverride?: string;
    timeoutMs: number;
    downloads: 'relay' | 'direct';
    downloadHosts: string[];
  };
  cache: { tokenTtlMs: number; tokenNegativeTtlMs: number; conversationTtlMs: number };
  linkTtlSeconds: number;
  store?: { dir: string };
  /** Signs local-store URLs and seals relay links; the first signs, all verify (rotation). */
  signingKeys: SigningKey[];
  s3?: S3Settings;
  scan: { required: boolean; metadataName: string; tagName: string };
  detection: DetectionRules;
  redis?: { url: string; timeoutMs: number };
  audit: { dir: string; retentionDays: number };
  corsOrigins: string[];
  frameAncestors: string[];
  rateLimit: { perUserPerMinute: number; perIpPerMinute: number };
  logLevel: Settings['LOG_LEVEL'];
  /** The built widget served at `/` (relative to the working directory). */
  widgetDir: string;
  /** Prometheus metrics on a separate listener, never on the public port. */
  metrics?: { host: string; port: number };
}

/** Validates settings and derives the configuration. Throws a ValidationError listing every problem. */
export function parseConfig(input: Record<string, string | undefined>): Config {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod('configuration', parsed.error);
  const s = parsed.data;
  const problems: string[] = [];

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
    if (!s.PUBLIC_URL) problems.push('PUBLIC_URL is required in production, e.g. https://viewer.example.com');
  }
  if (!!s.TLS_CERT_FILE !== !!s.TLS_KEY_FILE)
    problems.push('TLS_CERT_FILE and TLS_KEY_FILE must be set together');

  if (s.PORT === 0 && !s.PUBLIC_URL)
    problems.push(
      'PORT=0 lets the system pick a port, which the store and relay links this proxy mints could not name: choose a fixed PORT, or set PUBLIC_URL to the address clients reach the proxy at',
    );
  const scheme = s.TLS_CERT_FILE ? 'https' : 'http';
  const publicUrl = s.PUBLIC_URL ?? `${scheme}://${s.HOST === '0.0.0.0' ? '127.0.0.1' : s.HOST}:${s.PORT}`;

  const store: Config['store'] = s.STORE_DIR ? { dir: s.STORE_DIR } : undefined;
  let signingKeys = s.LINK_SIGNING_KEYS ?? [];
  if (signingKeys.length === 0) {
    if (s.NODE_ENV === 'production')
      problems.push(
        'LINK_SIGNING_KEYS is required in production and must be the same on every replica (see the README to generate one)',
      );
    // Development only: links simply stop working when the process restarts.
    else signingKeys = [{ id: 'dev', secret: randomBytes(32) }];
  }

  let s3: Config['s3'];
  const buckets = list(s.S3_BUCKETS);
  if (buckets.length > 0 || s.S3_ENDPOINT) {
    if (buckets.length === 0) problems.push('S3_BUCKETS: name the bucket(s) attachments are stored in');
    if (!!s.S3_ACCESS_KEY_ID !== !!s.S3_SECRET_ACCESS_KEY)
      problems.push(
        'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or neither, to use the AWS default chain)',
      );
    s3 = {
      endpoint: s.S3_ENDPOINT,
      publicEndpoint: s.S3_PUBLIC_ENDPOINT,
      region: s.S3_REGION,
      credentials:
        s.S3_ACCESS_KEY_ID && s.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: s.S3_ACCESS_KEY_ID, secretAccessKey: s.S3_SECRET_ACCESS_KEY }
          : undefined,
      forcePathStyle: s.S3_FORCE_PATH_STYLE,
      buckets,
      quarantineBucket: s.S3_QUARANTINE_BUCKET,
      timeoutMs: s.S3_TIMEOUT_MS,
    };
  }
  if (!store && !s3) problems.push('no storage configured: set STORE_DIR (embedded store) and/or S3_BUCKETS');

  const bareKeys = s.DETECT_BARE_KEYS.startsWith('s3:')
    ? { kind: 's3' as const, bucket: s.DETECT_BARE_KEYS.slice(3) }
    : s.DETECT_BARE_KEYS === 'store'
      ? { kind: 'store' as const }
      : undefined;
  if (!bareKeys) problems.push('DETECT_BARE_KEYS must be "store" or "s3:<bucket>"');

  const rules = detectionRulesSchema.safeParse({
    attributeNames:
      s.DETECT_ATTRIBUTE_NAMES === undefined
        ? defaultDetectionRules.attributeNames
        : list(s.DETECT_ATTRIBUTE_NAMES),
    textMarkers:
      s.DETECT_TEXT_MARKERS === undefined ? defaultDetectionRules.textMarkers : list(s.DETECT_TEXT_MARKERS),
    s3Buckets: [...buckets, ...(s.S3_QUARANTINE_BUCKET ? [s.S3_QUARANTINE_BUCKET] : [])],
    s3Hosts: [...list(s.DETECT_S3_HOSTS), ...(s.S3_ENDPOINT ? [new URL(s.S3_ENDPOINT).host] : [])],
    proxyLinkBases: [`${publicUrl}/ref/`, ...list(s.DETECT_PROXY_LINK_BASES)],
    bareKeys: bareKeys ?? { kind: 'store' },
  });
  if (!rules.success)
    problems.push(
      ...ValidationError.fromZod('detection rules', rules.error).issues.map((i) => `DETECT_*/S3_*: ${i}`),
    );

  const frameAncestors = [...regions.map((r) => `https://apps.${r.tld}`), ...list(s.EXTRA_FRAME_ANCESTORS)];
  const corsOrigins = list(s.CORS_ORIGINS);
  for (const o of [...corsOrigins, ...list(s.EXTRA_FRAME_ANCESTORS)]) {
    if (!origin('').safeParse(o).success)
      problems.push(
        `CORS_ORIGINS/EXTRA_FRAME_ANCESTORS: "${o}" must be an exact origin like https://apps.mypurecloud.com`,
      );
  }

  if (problems.length > 0 || !rules.success) throw new ValidationError('configuration', problems);

  return {
    env: s.NODE_ENV,
    host: s.HOST,
    port: s.PORT,
    publicUrl,
    trustProxyHops: s.TRUST_PROXY_HOPS,
    tls:
      s.TLS_CERT_FILE && s.TLS_KEY_FILE ? { certFile: s.TLS_CERT_FILE, keyFile: s.TLS_KEY_FILE } : undefined,
    genesys: {
      regions,
      orgId: s.GENESYS_ORG_ID,
      oauthClientId: s.GENESYS_OAUTH_CLIENT_ID,
      apiBaseOverride: s.GENESYS_API_BASE?.replace(/\/$/, ''),
      timeoutMs: s.GENESYS_TIMEOUT_MS,
      downloads: s.GENESYS_DOWNLOADS,
      downloadHosts: list(s.GENESYS_DOWNLOAD_HOSTS).map((h) => h.toLowerCase()),
    },
    cache: {
      tokenTtlMs: s.TOKEN_CACHE_TTL_SECONDS * 1000,
      tokenNegativeTtlMs: s.TOKEN_NEGATIVE_TTL_SECONDS * 1000,
      conversationTtlMs: s.CONVERSATION_CACHE_TTL_SECONDS * 1000,
    },
    linkTtlSeconds: s.LINK_TTL_SECONDS,
    store,
    signingKeys,
    s3,
    scan: {
      required: s.SCAN_REQUIRED,
      metadataName: s.SCAN_STATUS_METADATA.toLowerCase(),
      tagName: s.SCAN_STATUS_TAG,
    },
    detection: rules.data,
    redis: s.REDIS_URL ? { url: s.REDIS_URL, timeoutMs: s.REDIS_TIMEOUT_MS } : undefined,
    audit: { dir: s.AUDIT_LOG_DIR, retentionDays: s.AUDIT_RETENTION_DAYS },
    corsOrigins,
    frameAncestors,
    rateLimit: { perUserPerMinute: s.RATE_LIMIT_PER_MINUTE, perIpPerMinute: s.RATE_LIMIT_IP_PER_MINUTE },
    logLevel: s.LOG_LEVEL,
    widgetDir: s.WIDGET_DIR,
    metrics: s.METRICS_PORT ? { host: s.METRICS_HOST, port: s.METRICS_PORT } : undefined,
  };
}
