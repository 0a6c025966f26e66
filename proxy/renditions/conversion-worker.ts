// A converter worker's consumer of the conversion queue (`npm run worker`, proxy/worker.ts): takes a
// job, reads its staged original from the rendition store into a job folder of the converter pool
// (the same sandboxed processes and limits as a proxy's own pool), converts, stores the rendition
// and answers where it is. A worker that dies mid-job stops renewing its claim on it; after
// CONVERTER_JOB_LEASE_SECONDS another worker's stalled-job check puts the job back on the queue once
// (a second stall fails it), and the dead worker's converter processes and job folder are removed by
// its reaper (job-reaper.ts).
import { UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import {
  ADVERTISE_EVERY_MS,
  advertiseConverters,
  type ConversionJobResult,
  conversionJobData,
  failedReason,
  QUEUE_NAME,
  QUEUE_PREFIX,
  queueConnection,
} from './conversion-queue.ts';
import { ConversionError, type ConverterPool } from './converter-pool.ts';
import { partFactsKey, type RenditionStore, renditionKey } from './rendition-store.ts';

export interface ConversionWorkerOptions {
  redisUrl: string;
  pool: ConverterPool;
  store: RenditionStore;
  /** Jobs taken at a time: the pool's converter processes. */
  concurrency: number;
  leaseSeconds: number;
  log: Logger;
}

export interface ConversionWorker {
  /** Jobs this worker has finished since it started, by outcome. */
  readonly finished: { converted: number; stored: number; failed: number };
  /** Stops taking jobs and waits for the running ones (at most `graceMs`, then gives them up). */
  close(graceMs?: number): Promise<void>;
}

/** Starts consuming the queue; settles once the proxies have been told which converters this worker has. */
export async function startConversionWorker(options: ConversionWorkerOptions): Promise<ConversionWorker> {
  const { pool, store, log } = options;
  const connection = queueConnection(options.redisUrl, { failFast: false });
  const finished = { converted: 0, stored: 0, failed: 0 };

  async function convert(data: unknown): Promise<ConversionJobResult> {
    const job = conversionJobData.safeParse(data);
    if (!job.success) throw new UnrecoverableError(failedReason('failed', 'not a conversion job'));
    const { key, plan, requestId } = job.data;
    const version = pool.version(plan.converter);
    if (!version)
      throw new UnrecoverableError(
        failedReason('unavailable', `this worker has no ${plan.converter} converter`),
      );
    const hash = key.slice(0, 64);
    // Made by this worker's converter version: the key the proxy asked for unless versions differ.
    const made = renditionKey(hash, plan, version);
    try {
      if (await store.find(made)) return { key: made, converted: false, requestId };
      const source = await store.openSource(key);
      if (!source)
        throw new ConversionError('unreachable', 'the original is no longer waiting in the rendition store');
      return await pool.withOriginal(plan, source, async (original) => {
        if (original.hash !== hash)
          throw new ConversionError('failed', 'the staged original does not match its hash');
        const converted = await original.convert();
        if (converted.facts) await store.put(partFactsKey(made), converted.facts);
        await store.put(made, converted.path);
        return { key: made, converted: true, requestId };
      });
    } catch (error) {
      // Failures are final (the same document fails the same way); only a worker's death is retried.
      if (error instanceof ConversionError)
        throw new UnrecoverableError(failedReason(error.failure, error.message));
      throw new UnrecoverableError(failedReason('unreachable', (error as Error).message));
    } finally {
      await store.deleteSource(key).catch(() => undefined);
    }
  }

  const leaseMs = options.leaseSeconds * 1000;
  const worker = new Worker(QUEUE_NAME, (job) => convert(job.data), {
    connection,
    prefix: QUEUE_PREFIX,
    concurrency: options.concurrency,
    lockDuration: leaseMs,
    stalledInterval: leaseMs,
    maxStalledCount: 1,
  });
  worker.on('error', (error) =>
    log.warn({ err: { message: error.message } }, 'conversion queue: redis error'),
  );
  worker.on('active', (job) =>
    log.info({ job: job.id, converter: job.data?.plan?.converter }, 'job started'),
  );
  worker.on('completed', (job, result: ConversionJobResult) => {
    if (result.converted) finished.converted += 1;
    else finished.stored += 1;
    log.info({ job: job.id, key: result.key, converted: result.converted }, 'job finished');
  });
  worker.on('failed', (job, error) => {
    finished.failed += 1;
    log.info({ job: job?.id, reason: error.message }, 'job failed');
  });

  const advertise = () =>
    advertiseConverters(connection, pool.versions()).catch((error: Error) =>
      log.warn(
        { err: { message: error.message } },
        'could not tell the proxies which converters this worker has',
      ),
    );
  await advertise();
  const advertiser = setInterval(advertise, ADVERTISE_EVERY_MS);

  return {
    finished,
    async close(graceMs = 30_000) {
      clearInterval(advertiser);
      const graceful = worker.close();
      const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
      if ((await Promise.race([graceful, timer])) === 'late') await worker.close(true);
      connection.disconnect();
    },
  };
}
