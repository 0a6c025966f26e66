// Counters an operator alerts on (docs/operations.md): upstream errors, 429s, scan refusals, audit
// write failures, Redis fallbacks. Prometheus text on a separate, private listener (METRICS_PORT).
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** Genesys calls by endpoint and outcome (`ok`, or a failure kind such as `rate_limited`). */
  upstreamCalls: Counter<'endpoint' | 'outcome'>;
  /** Answers by status and error code (`ok` for 2xx). */
  responses: Counter<'status' | 'code'>;
  auditWriteFailures: Counter;
  redisErrors: Counter;
  requestSeconds: Histogram<'route'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'attachment_viewer_' });
  return {
    registry,
    upstreamCalls: new Counter({
      name: 'attachment_viewer_upstream_calls_total',
      help: 'Genesys Cloud API calls by endpoint and outcome',
      labelNames: ['endpoint', 'outcome'],
      registers: [registry],
    }),
    responses: new Counter({
      name: 'attachment_viewer_responses_total',
      help: 'Responses by HTTP status and error code',
      labelNames: ['status', 'code'],
      registers: [registry],
    }),
    auditWriteFailures: new Counter({
      name: 'attachment_viewer_audit_write_failures_total',
      help: 'Audit records that could not be written (no link was issued)',
      registers: [registry],
    }),
    redisErrors: new Counter({
      name: 'attachment_viewer_redis_errors_total',
      help: 'Redis commands that failed or timed out (the in-process cache answered instead)',
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: 'attachment_viewer_request_seconds',
      help: 'Request duration by route',
      labelNames: ['route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}
