// How the proxy and the converter worker end on SIGTERM/SIGINT: say so once, let `close` finish
// what is running, and go anyway after `graceMs`.
import type { Logger } from 'pino';

export function stopOnSignals(
  log: Logger,
  close: () => Promise<void>,
  graceMs: number,
  message: string,
): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, message);
    setTimeout(() => process.exit(1), graceMs).unref();
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
