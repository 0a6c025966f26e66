// The proxy in a process of its own, for tests that kill it or read its memory and file descriptors:
// settings (env-style names) come as JSON in PROXY_SETTINGS, the operational log goes to
// PROXY_LOG_FILE, Node server timeouts (optional) as JSON in PROXY_TIMEOUTS, and "listening <url>" on
// stdout says it is ready. It exits on SIGTERM (gracefully, as server.ts does) and when its parent goes
// away (stdin closes). A "memory" line on stdin runs a full collection (the parent starts it with
// --expose-gc) and answers "memory <JSON of process.memoryUsage()>": the live heap, whatever the phase of
// V8's collection cycle.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseConfig } from '../../proxy/config/config-schema.ts';
import { createLogger } from '../../proxy/logger.ts';
import { type ServerTimeouts, startProxy } from '../../proxy/server.ts';

async function main(): Promise<void> {
  const settings = JSON.parse(process.env.PROXY_SETTINGS ?? '{}') as Record<string, string>;
  const config = parseConfig(settings);
  const logFile = process.env.PROXY_LOG_FILE;
  const logger = createLogger(
    config.logLevel,
    logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined,
  );
  const timeouts = JSON.parse(process.env.PROXY_TIMEOUTS ?? '{}') as ServerTimeouts;
  const running = await startProxy(
    config,
    { logger, widgetDir: join(import.meta.dirname, 'no-widget-here') },
    timeouts,
  );
  // As a long-running replica: Redis connected before traffic (or known to be down).
  const redis = running.proxy.redis;
  if (redis && redis.status !== 'ready')
    await Promise.race([once(redis, 'ready').catch(() => undefined), sleep(5_000)]);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  createInterface({ input: process.stdin }).on('line', (command) => {
    if (command.trim() === 'memory') reportMemory();
  });
  process.stdout.write(`listening ${running.url}\n`);
}

function reportMemory(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Plain gc() is a full, synchronous collection; on Node 20 (V8 11.3) gc({ type: 'major', ... }) left
  // hundreds of MiB of garbage counted in heapUsed. Twice: objects with finalizers or weak callbacks
  // are freed by the second collection.
  gc?.();
  gc?.();
  process.stdout.write(
    `memory ${JSON.stringify({ collected: gc !== undefined, ...process.memoryUsage() })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`proxy-process: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
