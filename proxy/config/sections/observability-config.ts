// What operators see: the operational log's level, and the metrics listener.
import type { Settings } from '../settings-schema.ts';

export interface ObservabilityConfig {
  logLevel: Settings['LOG_LEVEL'];
  /** Prometheus metrics on a separate listener, never on the public port. */
  metrics?: { host: string; port: number };
}

export function deriveObservability(s: Settings): ObservabilityConfig {
  return {
    logLevel: s.LOG_LEVEL,
    metrics: s.METRICS_PORT ? { host: s.METRICS_HOST, port: s.METRICS_PORT } : undefined,
  };
}
