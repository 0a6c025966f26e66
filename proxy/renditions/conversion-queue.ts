// The conversion queue both sides share (CONVERTER_MODE=queue): a BullMQ queue in the Redis the
// replicas already use. Proxies add jobs (queued-converter.ts), converter workers consume them
// (conversion-worker.ts). A job names only the rendition's key (the original's content hash and the
// converter's version) and its plan; the original itself waits in the rendition store, never in Redis.
import { Redis } from 'ioredis';
import { z } from 'zod';
import { type ConverterName, PART_PATH_MAX } from '../../core/renditions.ts';
import { ConversionError, type ConversionFailure } from './converter-pool.ts';
import { isRenditionKey, RENDITION_OUTPUT } from './rendition-store.ts';

/** BullMQ keys: `av:conversions:*`, beside the proxy's own `av:*` keys. */
export const QUEUE_NAME = 'conversions';
export const QUEUE_PREFIX = 'av';
export const JOB_NAME = 'convert';

/** Every converter a worker may advertise. */
export const converterNames = [
  'office',
  'heif',
  'tiff',
  'document',
  'pdfpage',
  'image',
] as const satisfies readonly ConverterName[];

/** A part of an email or archive, as a link request names it (api-routes.ts) and a queued job carries it. */
export const partSelector = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('zip-entry'),
      path: z
        .string()
        .min(1, 'path must name an entry')
        .refine((p) => Buffer.byteLength(p, 'utf8') <= PART_PATH_MAX, `path is over ${PART_PATH_MAX} bytes`)
        .refine((p) => !p.endsWith('/'), 'path names a folder, not a file'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('email-attachment'),
      index: z.number().int().min(0).max(9_999),
    })
    .strict(),
]);

/** A job as a worker reads it from Redis: checked before anything is done with it. */
export const conversionJobData = z
  .object({
    key: z.string().refine(isRenditionKey, 'not a rendition key'),
    plan: z.union([
      z
        .object({
          name: z.enum(['pdf', 'jpeg', 'email', 'archive', 'thumbnail']),
          source: z.enum([
            'word',
            'spreadsheet',
            'presentation',
            'heic',
            'tiff',
            'email',
            'outlook',
            'zip',
            'pdf',
            'jpeg',
            'png',
            'webp',
            'gif',
          ]),
          converter: z.enum(converterNames),
        })
        .strict(),
      // One file out of an email or archive (rendition-service.ts, mintPart).
      z
        .object({
          name: z.literal('part'),
          source: z.enum(['email', 'outlook', 'zip']),
          converter: z.literal('document'),
          part: partSelector,
        })
        .strict(),
    ]),
    requestId: z.string().max(200),
  })
  .refine((job) => job.key.endsWith(`.${RENDITION_OUTPUT[job.plan.name].extension}`), 'key and plan disagree')
  .refine((job) => /^[0-9a-f]{64}-/.test(job.key), 'the key does not start with a content hash');

export type ConversionJobData = z.infer<typeof conversionJobData>;

/** What a finished job answers: where the rendition is, and which request's job made it. */
export const conversionJobResult = z.object({
  key: z.string().refine(isRenditionKey, 'not a rendition key'),
  converted: z.boolean(),
  requestId: z.string(),
});

export type ConversionJobResult = z.infer<typeof conversionJobResult>;

/**
 * A connection for BullMQ. Its blocking reads wait as long as they need, so unlike the proxy's cache
 * connection (redis-connection.ts) it has no command timeout; `failFast` (the proxy adding jobs)
 * refuses commands while Redis is away instead of queueing them, so a request gets its 503 at once.
 */
export function queueConnection(url: string, options: { failFast: boolean }): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: options.failFast ? 1 : null,
    enableOfflineQueue: !options.failFast,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}

// Workers say which converters (and versions) they have, so that proxies with none of their own know
// which renditions can be made and under which key. Each entry lives a little longer than the
// interval at which every running worker renews it.
export const ADVERTISE_EVERY_MS = 10_000;
const ADVERTISED_FOR_SECONDS = 30;
const advertisedKey = (converter: ConverterName) => `${QUEUE_PREFIX}:${QUEUE_NAME}:converter:${converter}`;

export async function advertiseConverters(
  redis: Redis,
  versions: ReadonlyMap<ConverterName, string>,
): Promise<void> {
  const batch = redis.multi();
  for (const [converter, version] of versions)
    batch.set(advertisedKey(converter), version, 'EX', ADVERTISED_FOR_SECONDS);
  await batch.exec();
}

export async function advertisedConverters(redis: Redis): Promise<Map<ConverterName, string>> {
  const values = await redis.mget(...converterNames.map(advertisedKey));
  const found = new Map<ConverterName, string>();
  converterNames.forEach((converter, i) => {
    const version = values[i];
    if (version) found.set(converter, version);
  });
  return found;
}

// A job fails with `<failure>: <what happened>`, so the proxy answers as it would for a local
// conversion (422 for the document's fault, 503 for the converters').
const FAILURES = new Set<ConversionFailure>([
  'too-large',
  'failed',
  'timed-out',
  'busy',
  'unavailable',
  'unreachable',
  'refused',
]);

export function failedReason(failure: ConversionFailure, message: string): string {
  return `${failure}: ${message}`;
}

/** The ConversionError a failed job's reason stands for (a job BullMQ failed itself, such as one that stalled too often, is 'failed'). */
export function conversionFailure(reason: string): ConversionError {
  const [, failure, message] = /^([a-z-]+): (.*)$/s.exec(reason) ?? [];
  if (failure && FAILURES.has(failure as ConversionFailure))
    return new ConversionError(failure as ConversionFailure, message ?? reason);
  return new ConversionError('failed', reason);
}
