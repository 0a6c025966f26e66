// The converter worker's standalone entry (`npm run worker`): read and validate configuration, find
// the converters this machine has, consume the conversion queue, and stop gracefully on
// SIGTERM/SIGINT (running jobs finish, up to the converter time limit). Conversions run in the same
// sandboxed converter pool, with the same limits, as a proxy's own (docs/security.md).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { configOrExit } from './config/read-settings.ts';
import { parseWorkerConfig, type WorkerConfig } from './config/worker-config.ts';
import { createLogger } from './logger.ts';
import {
  converterPool,
  type DetectedConverters,
  detectConverters,
  renditionStore,
} from './renditions/configured-renditions.ts';
import { type ConversionWorker, startConversionWorker } from './renditions/conversion-worker.ts';
import { stopOnSignals } from './stop-on-signals.ts';

export interface RunningWorker {
  worker: ConversionWorker;
  converters: DetectedConverters;
  /** Stops taking jobs, lets running ones finish (up to the converter time limit), and releases everything. */
  close(): Promise<void>;
}

export async function startWorker(
  config: WorkerConfig,
  deps: { logger?: Logger; converters?: DetectedConverters } = {},
): Promise<RunningWorker> {
  const log = deps.logger ?? createLogger(config.logLevel);
  const settings = config.renditions;
  const converters = deps.converters ?? (await detectConverters(settings));
  for (const note of converters.notes) log.warn(note);
  if (converters.versions.size === 0)
    throw new Error(
      `no converter can run on this machine, so this worker would take jobs only to fail them: ${converters.notes.join(' ')}`,
    );
  await mkdir(join(settings.dir, 'jobs'), { recursive: true, mode: 0o700 });
  // A worker writes renditions and reads queued originals; it links nothing, so it needs no signing key.
  const store = renditionStore(settings, 0);
  await store.init();
  const pool = converterPool(settings, converters.versions, converters.isolateNetwork);
  const worker = await startConversionWorker({
    redisUrl: settings.converters.redisUrl,
    pool,
    store,
    concurrency: settings.concurrency,
    leaseSeconds: settings.converters.leaseSeconds,
    log,
  });
  return {
    worker,
    converters,
    async close() {
      await worker.close(settings.timeoutSeconds * 1000 + 5_000);
      pool.close();
      store.close();
    },
  };
}

async function main(): Promise<void> {
  const config = configOrExit(parseWorkerConfig);
  const log = createLogger(config.logLevel);
  let running: RunningWorker;
  try {
    running = await startWorker(config, { logger: log });
  } catch (error) {
    log.fatal({ err: { message: (error as Error).message } }, 'converter worker cannot start');
    process.exit(1);
  }
  log.info(
    {
      converters: Object.fromEntries(running.converters.versions),
      concurrency: config.renditions.concurrency,
      storage: config.renditions.storage.kind,
    },
    'converter worker consuming the conversion queue',
  );

  // Running jobs finish first (their own limit, then 10 s more); then the process goes anyway.
  stopOnSignals(
    log,
    () => running.close(),
    config.renditions.timeoutSeconds * 1000 + 10_000,
    'shutting down: running jobs finish first',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
