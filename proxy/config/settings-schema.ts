// Every setting the proxy reads, flat as in the README's configuration table: its name, default and
// what makes it invalid. What the settings mean together is derived section by section (sections/).
import { z } from 'zod';
import { bool, int, loopbackUrl, origin, signingKeys } from './setting-values.ts';

/**
 * The highest rate limits a setting may ask for: per verified user and per address, a minute. High
 * enough for `npm run bench`, which lifts both to these, to send one agent's thousands of links a
 * second for a minute without a 429.
 */
export const RATE_LIMIT_MAX = { perUser: 10_000_000, perAddress: 10_000_000 };

export const settingsSchema = z
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
    GENESYS_DOWNLOAD_URL_TTL_SECONDS: int('GENESYS_DOWNLOAD_URL_TTL_SECONDS', 5, 3_600).default(60),

    TOKEN_CACHE_TTL_SECONDS: int('TOKEN_CACHE_TTL_SECONDS', 1, 300).default(60),
    TOKEN_NEGATIVE_TTL_SECONDS: int('TOKEN_NEGATIVE_TTL_SECONDS', 0, 60).default(5),
    TOKEN_MINT_MAX_AGE_SECONDS: int('TOKEN_MINT_MAX_AGE_SECONDS', 0, 300).default(10),
    TOKEN_LIST_MAX_AGE_SECONDS: int('TOKEN_LIST_MAX_AGE_SECONDS', 0, 300).default(30),
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
    RATE_LIMIT_PER_MINUTE: int('RATE_LIMIT_PER_MINUTE', 1, RATE_LIMIT_MAX.perUser).default(300),
    RATE_LIMIT_IP_PER_MINUTE: int('RATE_LIMIT_IP_PER_MINUTE', 1, RATE_LIMIT_MAX.perAddress).default(1_200),
    WIDGET_DIR: z.string().default('dist/app'),
    WIDGET_SOURCE_MAPS: bool('WIDGET_SOURCE_MAPS').default(false),
    PDF_PRINT: bool('PDF_PRINT').default(false),
    DOWNLOADS: bool('DOWNLOADS').default(true),

    RENDITIONS_DIR: z.string().optional(),
    RENDITION_TTL_HOURS: int('RENDITION_TTL_HOURS', 1, 720).default(24),
    // Unset: one core fewer than the machine has (at least one), so the proxy keeps a core of its own.
    CONVERTER_CONCURRENCY: int('CONVERTER_CONCURRENCY', 1, 64).optional(),
    CONVERTER_QUEUE: int('CONVERTER_QUEUE', 0, 10_000).default(32),
    CONVERTER_TIMEOUT_SECONDS: int('CONVERTER_TIMEOUT_SECONDS', 5, 600).default(60),
    CONVERTER_MEMORY_MB: int('CONVERTER_MEMORY_MB', 256, 65_536).default(2_048),
    CONVERTER_MAX_SOURCE_MB: int('CONVERTER_MAX_SOURCE_MB', 1, 2_048).default(50),
    CONVERTER_MAX_OUTPUT_MB: int('CONVERTER_MAX_OUTPUT_MB', 1, 8_192).default(200),
    CONVERTER_NETWORK_ISOLATION: z
      .enum(['required', 'off'], {
        message: 'CONVERTER_NETWORK_ISOLATION must be "required" or "off"',
      })
      .default('required'),
    RENDITION_STORAGE: z
      .enum(['local', 's3'], {
        message:
          'RENDITION_STORAGE must be "local" (renditions kept in RENDITIONS_DIR) or "s3" (kept in RENDITION_S3_BUCKET)',
      })
      .default('local'),
    RENDITION_S3_BUCKET: z.string().optional(),
    RENDITION_S3_PREFIX: z.string().default('renditions/'),
    CONVERTER_MODE: z
      .enum(['local', 'queue'], {
        message:
          'CONVERTER_MODE must be "local" (each proxy converts) or "queue" (workers started with npm run worker convert, through Redis)',
      })
      .default('local'),
    CONVERTER_QUEUE_WAIT_SECONDS: int('CONVERTER_QUEUE_WAIT_SECONDS', 10, 3_600).default(120),
    CONVERTER_JOB_LEASE_SECONDS: int('CONVERTER_JOB_LEASE_SECONDS', 2, 600).default(30),
    METRICS_PORT: int('METRICS_PORT', 1, 65535).optional(),
    METRICS_HOST: z.string().default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .strip();

export type Settings = z.infer<typeof settingsSchema>;

/** Every setting name the proxy reads. */
export const settingNames = Object.keys(settingsSchema.shape);
