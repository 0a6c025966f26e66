import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics.ts';

/** Gives every request an id (echoed in X-Request-Id and error bodies) and logs its outcome. */
export function requestContext(log: Logger, metrics?: Metrics): RequestHandler {
  return (req, res, next) => {
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (metrics) {
        const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : 'other';
        metrics.requestSeconds.observe({ route }, ms / 1000);
        metrics.responses.inc({ status: String(res.statusCode), code: String(res.locals.errorCode ?? 'ok') });
      }
      log.info(
        {
          requestId,
          method: req.method,
          path: loggablePath(req.path),
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          user: res.locals.userId,
        },
        'request',
      );
    });
    next();
  };
}

/** The path without anything that is a capability: query strings are never logged, relay tickets are masked. */
export function loggablePath(path: string): string {
  return (path.startsWith('/relay/') ? '/relay/[ticket]' : path).slice(0, 200);
}
