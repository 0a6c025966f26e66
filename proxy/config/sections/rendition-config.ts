// Renditions (docs/renditions.md): where they are kept and how long, where conversions run, and the
// limits every converter process runs under. Off unless RENDITIONS_DIR names a folder: a rendition
// is customer data, kept only where the admin says.
import { availableParallelism } from 'node:os';
import { storageKeyProblem } from '../../../core/storage-key.ts';
import type { Settings } from '../settings-schema.ts';
import { type S3Connection, s3Connection } from './storage-config.ts';

/** Where renditions (and, while a queued job waits, its original) are kept. */
export type RenditionStorageConfig =
  | { kind: 'local' }
  | { kind: 's3'; s3: S3Connection; bucket: string; prefix: string };

/** Where conversions run: this process's converter pool, or workers consuming a queue in Redis. */
export type ConverterModeConfig =
  | { kind: 'local' }
  | {
      kind: 'queue';
      redisUrl: string;
      /** How long a rendition request waits for its job before answering 503. */
      waitSeconds: number;
      /** How long a worker's claim on a job lasts unrenewed: a dead worker's job is taken up after it. */
      leaseSeconds: number;
    };

export interface RenditionConfig {
  /** Converter job folders (`jobs/`), and the renditions themselves when storage is local (`cache/`). */
  dir: string;
  ttlHours: number;
  storage: RenditionStorageConfig;
  converters: ConverterModeConfig;
  /** Converter processes at a time, and jobs that may wait for one. */
  concurrency: number;
  maxWaiting: number;
  timeoutSeconds: number;
  memoryMb: number;
  maxSourceMb: number;
  maxOutputMb: number;
  /** `required`: no converter runs unless it can be given no network (the default). */
  networkIsolation: 'required' | 'off';
}

export function deriveRenditions(s: Settings, problems: string[]): RenditionConfig | undefined {
  if (!s.RENDITIONS_DIR) {
    for (const [name, set] of [
      ['RENDITION_STORAGE', s.RENDITION_STORAGE !== 'local'],
      ['CONVERTER_MODE', s.CONVERTER_MODE !== 'local'],
      ['RENDITION_S3_BUCKET', s.RENDITION_S3_BUCKET !== undefined],
    ] as const)
      if (set)
        problems.push(
          `${name} is set but renditions are off: set RENDITIONS_DIR (the folder converter jobs work in) to turn them on, or remove ${name}`,
        );
    return undefined;
  }
  return {
    dir: s.RENDITIONS_DIR,
    ttlHours: s.RENDITION_TTL_HOURS,
    storage: deriveStorage(s, problems),
    converters: deriveConverters(s, problems),
    concurrency: s.CONVERTER_CONCURRENCY ?? Math.max(1, availableParallelism() - 1),
    maxWaiting: s.CONVERTER_QUEUE,
    timeoutSeconds: s.CONVERTER_TIMEOUT_SECONDS,
    memoryMb: s.CONVERTER_MEMORY_MB,
    maxSourceMb: s.CONVERTER_MAX_SOURCE_MB,
    maxOutputMb: s.CONVERTER_MAX_OUTPUT_MB,
    networkIsolation: s.CONVERTER_NETWORK_ISOLATION,
  };
}

function deriveStorage(s: Settings, problems: string[]): RenditionStorageConfig {
  const bucket = s.RENDITION_S3_BUCKET;
  if (s.RENDITION_STORAGE === 'local') {
    if (bucket)
      problems.push(
        'RENDITION_S3_BUCKET is set but RENDITION_STORAGE is "local": set RENDITION_STORAGE=s3 to keep renditions in that bucket, or remove RENDITION_S3_BUCKET',
      );
    return { kind: 'local' };
  }
  if (!bucket)
    problems.push(
      'RENDITION_STORAGE=s3: name the bucket renditions are kept in with RENDITION_S3_BUCKET (and give its RENDITION_S3_PREFIX an expiry rule: docs/operations.md)',
    );
  else if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    problems.push(
      `RENDITION_S3_BUCKET must be an S3 bucket name (3 to 63 lowercase letters, digits, dots and dashes), not "${bucket}"`,
    );
  const prefix = s.RENDITION_S3_PREFIX;
  if (prefix !== '' && (!prefix.endsWith('/') || storageKeyProblem(prefix.slice(0, -1)) !== undefined))
    problems.push(
      `RENDITION_S3_PREFIX must be a folder-like key prefix ending in "/" (like "renditions/"; no leading "/", no "." or ".." segments), or empty; not "${prefix}"`,
    );
  return { kind: 's3', s3: s3Connection(s), bucket: bucket ?? '', prefix };
}

function deriveConverters(s: Settings, problems: string[]): ConverterModeConfig {
  if (s.CONVERTER_MODE === 'local') return { kind: 'local' };
  if (!s.REDIS_URL)
    problems.push(
      'CONVERTER_MODE=queue needs REDIS_URL: the conversion queue lives in the Redis the replicas share (or set CONVERTER_MODE=local to convert in each proxy)',
    );
  if (s.CONVERTER_QUEUE_WAIT_SECONDS < s.CONVERTER_TIMEOUT_SECONDS)
    problems.push(
      `CONVERTER_QUEUE_WAIT_SECONDS (${s.CONVERTER_QUEUE_WAIT_SECONDS}) must be at least CONVERTER_TIMEOUT_SECONDS (${s.CONVERTER_TIMEOUT_SECONDS}): a request would give up on jobs a worker may still be running`,
    );
  return {
    kind: 'queue',
    redisUrl: s.REDIS_URL ?? '',
    waitSeconds: s.CONVERTER_QUEUE_WAIT_SECONDS,
    leaseSeconds: s.CONVERTER_JOB_LEASE_SECONDS,
  };
}
