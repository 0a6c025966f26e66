import { type Logger, pino } from 'pino';

/**
 * The operational log: structured JSON lines. Request logging records paths, never query strings
 * (signed URLs carry their signature there) and never headers, so no token or signature can reach it.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'attachment-viewer-proxy' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['authorization', '*.authorization', 'token', '*.token', 'url', '*.url'],
        censor: '[redacted]',
      },
    },
    destination as pino.DestinationStream | undefined,
  );
}
