import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ErrorResponse } from '../../core/proxy-api.ts';
import { ProxyError } from '../errors.ts';
import { loggablePath } from './request-context.ts';

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
    // Express and body-parser report the client's own mistakes as http-errors with a 4xx status: a
    // path parameter that is not valid percent-encoding (`%C0%AE`), a body that does not inflate, an
    // unsupported charset. These are bad requests, not server faults (docs/security.md: never 500).
    else if (clientErrorStatus(err) !== undefined)
      error = new ProxyError(400, 'invalid_request', 'The request could not be decoded.');
    else {
      log.error(
        {
          requestId,
          // Masked like the request log: a relay path is a capability.
          path: loggablePath(req.path),
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
    // A file route sets the file's headers before streaming it; when it fails after that, the error
    // body is JSON and must not go out under the file's type and name (text/html, attachment, ...).
    res.removeHeader('Content-Type');
    res.removeHeader('Content-Disposition');
    // Error bodies are JSON on every route, file routes included: never framed, cached or sniffed.
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    if (error.extra.retryAfterSeconds !== undefined)
      res.setHeader('Retry-After', String(error.extra.retryAfterSeconds));
    for (const [k, v] of Object.entries(error.extra.headers ?? {})) res.setHeader(k, v);
    res.locals.errorCode = error.code;
    const body: ErrorResponse = { error: { code: error.code, message: error.message, requestId } };
    res.status(error.status).json(body);
  };
}

export const notFound: RequestHandler = (_req, _res, next) => {
  next(new ProxyError(404, 'not_found', 'No such route.'));
};

/** The 4xx status of an http-error (body-parser) or of the router's undecodable-parameter URIError. */
function clientErrorStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, expose } = err as { status?: unknown; expose?: unknown };
  const clientError = typeof status === 'number' && status >= 400 && status < 500;
  return clientError && (expose === true || err instanceof URIError) ? status : undefined;
}

function isBodyParserError(err: unknown, type: string): boolean {
  return typeof err === 'object' && err !== null && (err as { type?: string }).type === type;
}
