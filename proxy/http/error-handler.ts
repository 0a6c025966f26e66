import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ProxyError } from '../errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; requestId: string };
}

/** Maps every error to its status and a body with a stable code; unknown errors never leak detail. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const requestId = String(res.locals.requestId ?? '');
    let error: ProxyError;
    if (err instanceof ProxyError) error = err;
    else if (isBodyParserError(err, 'entity.too.large'))
      error = new ProxyError(413, 'payload_too_large', 'The request body is too large.');
    else if (isBodyParserError(err, 'entity.parse.failed') || isBodyParserError(err, 'encoding.unsupported'))
      error = new ProxyError(400, 'invalid_request', 'The request body is not valid JSON.');
    else {
      log.error(
        {
          requestId,
          path: req.path,
          err: { message: (err as Error)?.message, stack: (err as Error)?.stack },
        },
        'unhandled error',
      );
      error = new ProxyError(
        500,
        'internal_error',
        'Something went wrong. Quote the request id when you report it.',
      );
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error.extra.retryAfterSeconds !== undefined)
      res.setHeader('Retry-After', String(error.extra.retryAfterSeconds));
    for (const [k, v] of Object.entries(error.extra.headers ?? {})) res.setHeader(k, v);
    const body: ErrorBody = { error: { code: error.code, message: error.message, requestId } };
    res.status(error.status).json(body);
  };
}

export const notFound: RequestHandler = (_req, _res, next) => {
  next(new ProxyError(404, 'not_found', 'No such route.'));
};

function isBodyParserError(err: unknown, type: string): boolean {
  return typeof err === 'object' && err !== null && (err as { type?: string }).type === type;
}
