// Conversions as jobs on the conversion queue (CONVERTER_MODE=queue): the proxy converts nothing
// itself. It stages the original in the rendition store, adds a job whose id is the rendition's key
// (so a job for the same bytes, converted the same way, is never added twice while one waits or
// runs), and waits a bounded time for the job's outcome, which any replica's request for the same
// key shares. Converter workers (`npm run worker`) take the job, convert, and store the rendition.
import { type EventEmitter, once } from 'node:events';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ConverterName } from '../../core/renditions.ts';
import {
  ADVERTISE_EVERY_MS,
  advertisedConverters,
  type ConversionJobData,
  type ConversionJobResult,
  conversionFailure,
  conversionJobResult,
  JOB_NAME,
  QUEUE_NAME,
  QUEUE_PREFIX,
  queueConnection,
} from './conversion-queue.ts';
import { ConversionError } from './converter-pool.ts';
import type { Conversion, ConversionRequest, RenditionConverter } from './rendition-converter.ts';
import type { RenditionStore } from './rendition-store.ts';

export interface QueuedConverterOptions {
  redisUrl: string;
  store: RenditionStore;
  /** How long a request waits for its job to finish. */
  waitMs: number;
  log: Logger;
}

export class QueuedConverter implements RenditionConverter {
  private readonly connection: Redis;
  private readonly queue: Queue<ConversionJobData, ConversionJobResult>;
  private readonly events: QueueEvents;
  private readonly jobEvents: EventEmitter;
  /** The converters the workers advertise, refreshed in the background (the listing asks often). */
  private versions = new Map<ConverterName, string>();
  private refresher?: NodeJS.Timeout;

  constructor(private readonly options: QueuedConverterOptions) {
    this.connection = queueConnection(options.redisUrl, { failFast: true });
    this.queue = new Queue(QUEUE_NAME, { connection: this.connection, prefix: QUEUE_PREFIX });
    this.events = new QueueEvents(QUEUE_NAME, {
      connection: queueConnection(options.redisUrl, { failFast: false }),
      prefix: QUEUE_PREFIX,
      // Read the event stream from a minute back rather than from "now" ($): no job added between
      // this constructor and the first read can finish unheard (older events have no listener).
      lastEventId: `${Date.now() - 60_000}-0`,
    });
    const redisError = (error: Error) =>
      options.log.debug({ err: { message: error.message } }, 'conversion queue: redis error');
    this.queue.on('error', redisError);
    this.events.on('error', redisError);
    // Per-job events (`completed:<id>`) are emitted but not in BullMQ's typed listener map.
    this.jobEvents = this.events as unknown as EventEmitter;
  }

  async init(): Promise<void> {
    // Connected before the first read of what the workers advertise (this connection queues nothing),
    // unless Redis is away: then the proxy starts anyway, and the listing offers renditions once it is back.
    if (this.connection.status !== 'ready')
      await Promise.race([
        once(this.connection, 'ready').catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 5_000).unref()),
      ]);
    await this.refresh();
    this.refresher = setInterval(() => void this.refresh(), ADVERTISE_EVERY_MS / 2);
    this.refresher.unref();
  }

  version(converter: ConverterName): string | undefined {
    return this.versions.get(converter);
  }

  async convert({ key, plan, original, requestId }: ConversionRequest): Promise<Conversion> {
    const { store, waitMs } = this.options;
    await store.putSource(key, original.path);
    // Listening before adding: a job that finishes at once cannot finish unheard.
    const outcome = this.outcome(key, waitMs);
    try {
      await this.queue.add(
        JOB_NAME,
        { key, plan, requestId },
        { jobId: key, removeOnComplete: true, removeOnFail: true },
      );
    } catch (error) {
      outcome.stop();
      throw new ConversionError(
        'unreachable',
        `the conversion queue cannot be reached: ${(error as Error).message}`,
      );
    }
    const result = await outcome.settled;
    // Jobs are added with the first asker's request id: only that request made the conversion.
    return { key: result.key, converted: result.converted && result.requestId === requestId };
  }

  async close(): Promise<void> {
    clearInterval(this.refresher);
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    this.connection.disconnect();
  }

  /** The job's completion or failure as the queue's event stream reports it, or a timeout. */
  private outcome(key: string, waitMs: number): { settled: Promise<ConversionJobResult>; stop(): void } {
    let stop = () => {};
    const settled = new Promise<ConversionJobResult>((resolve, reject) => {
      const completed = ({ returnvalue }: { returnvalue: unknown }) => {
        stop();
        const result = conversionJobResult.safeParse(
          typeof returnvalue === 'string' ? safeJson(returnvalue) : returnvalue,
        );
        if (result.success) resolve(result.data);
        else
          reject(new ConversionError('unreachable', 'a worker answered something that is not a rendition'));
      };
      const failed = ({ failedReason }: { failedReason: string }) => {
        stop();
        reject(conversionFailure(failedReason));
      };
      const timer = setTimeout(() => {
        stop();
        reject(new ConversionError('not-finished', `no worker finished the job within ${waitMs} ms`));
      }, waitMs);
      stop = () => {
        clearTimeout(timer);
        this.jobEvents.off(`completed:${key}`, completed);
        this.jobEvents.off(`failed:${key}`, failed);
      };
      this.jobEvents.on(`completed:${key}`, completed);
      this.jobEvents.on(`failed:${key}`, failed);
    });
    return { settled, stop };
  }

  private async refresh(): Promise<void> {
    try {
      this.versions = await advertisedConverters(this.connection);
    } catch {
      // Redis away: keep what the workers said last; adding a job will say whether they can be reached.
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
