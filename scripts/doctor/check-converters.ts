// Renditions, when configured. Converting locally: which converters this machine has (each missing
// one leaves a kind of file without a preview) and whether a converter can be cut off from the
// network. Converting on the queue (CONVERTER_MODE=queue): which converters the running workers
// advertise in Redis, and how many jobs wait or failed.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { RenditionConfig } from '../../proxy/config/sections/rendition-config.ts';
import { detectConverters } from '../../proxy/renditions/configured-renditions.ts';
import {
  advertisedConverters,
  converterNames,
  QUEUE_NAME,
  QUEUE_PREFIX,
} from '../../proxy/renditions/conversion-queue.ts';
import type { DoctorContext } from './doctor-context.ts';
import type { Finding } from './finding.ts';

const id = 'renditions';

const title = 'Renditions';

export async function checkConverters(context: DoctorContext): Promise<Finding> {
  const settings = context.config.renditions;
  if (!settings)
    return {
      id,
      title,
      status: 'skip',
      detail:
        'not configured: Office files, HEIC photos and TIFF scans offer only a download, and the list shows no thumbnails; set RENDITIONS_DIR to preview them',
    };
  if (settings.converters.kind === 'queue')
    return checkQueue(settings.converters.redisUrl, context.timeoutMs);
  return checkLocal(settings);
}

async function checkLocal(settings: RenditionConfig): Promise<Finding> {
  const detected = await detectConverters(settings);
  const found = [...detected.versions.values()].join(', ') || 'none';
  if (detected.notes.length === 0)
    return {
      id,
      title,
      status: 'pass',
      detail: `converters: ${found}; network isolation: ${detected.isolateNetwork ? 'yes' : 'off'}`,
    };
  return {
    id,
    title,
    status: detected.versions.size === 0 ? 'fail' : 'warn',
    detail: `converters: ${found}. ${detected.notes.join(' ')}`,
    fix: 'Install what is missing on every proxy (and converter) machine, then restart the proxy.',
  };
}

async function checkQueue(url: string, timeoutMs: number): Promise<Finding> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: null,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  let queue: Queue | undefined;
  try {
    await redis.connect();
    queue = new Queue(QUEUE_NAME, { connection: redis, prefix: QUEUE_PREFIX });
    queue.on('error', () => undefined);
    const [advertised, counts] = await Promise.all([
      advertisedConverters(redis),
      queue.getJobCounts('waiting', 'active', 'delayed', 'failed'),
    ]);
    const jobs = `queue: ${counts.waiting ?? 0} waiting, ${counts.active ?? 0} converting, ${counts.failed ?? 0} failed`;
    if (advertised.size === 0)
      return {
        id,
        title,
        status: 'fail',
        detail: `CONVERTER_MODE=queue, but no converter worker has reported in the last 30 s (${jobs}): no file is converted.`,
        fix: 'Start converter workers (`npm run worker`, with CONVERTER_MODE=queue, the same REDIS_URL and rendition storage) on machines with LibreOffice, libheif, libtiff, poppler and ImageMagick (docs/operations.md).',
      };
    const found = [...advertised.values()].join(', ');
    if (advertised.size < converterNames.length)
      return {
        id,
        title,
        status: 'warn',
        detail: `the workers advertise only ${found} (${jobs}): the other kinds of file are not previewed.`,
        fix: 'Install LibreOffice, libheif, libtiff, poppler and ImageMagick on every worker machine (docs/renditions.md), then restart the workers.',
      };
    return { id, title, status: 'pass', detail: `converter workers advertise ${found}; ${jobs}` };
  } catch (error) {
    return {
      id,
      title,
      status: 'fail',
      detail: `the conversion queue's Redis does not answer (${(error as Error).message}): no file is converted.`,
      fix: 'Start Redis or correct REDIS_URL; proxies and workers must use the same one.',
    };
  } finally {
    await queue?.close().catch(() => undefined);
    redis.disconnect();
  }
}
