// Error responses in the shape the Platform API uses (Models.ErrorBody). Codes and messages follow
// what Genesys is seen to return; the exact wording of each message is not something clients rely on.
import type { Response } from 'express';
import type { Models } from 'purecloud-platform-client-v2';
import { correlationIdOf } from './request-context.ts';

export type GenesysErrorStatus = 400 | 401 | 403 | 404 | 413 | 429 | 500 | 502 | 503;

const standardErrors: Record<GenesysErrorStatus, { code: string; message: string }> = {
  400: {
    code: 'bad.request',
    message: 'The request could not be understood by the server due to malformed syntax.',
  },
  401: { code: 'bad.credentials', message: 'Invalid login credentials.' },
  403: { code: 'not.authorized', message: 'You are not authorized to perform the requested action.' },
  404: { code: 'not.found', message: 'The requested resource was not found.' },
  413: { code: 'request.entity.too.large', message: 'The request is over the size limit.' },
  429: { code: 'too.many.requests', message: 'Rate limit exceeded the maximum. Retry the request later.' },
  500: {
    code: 'internal.server.error',
    message: 'The server encountered an unexpected condition which prevented it from fulfilling the request.',
  },
  502: { code: 'bad.gateway', message: 'The server received an invalid response from an upstream server.' },
  503: { code: 'service.unavailable', message: 'Service Unavailable - The server is currently unavailable.' },
};

export interface GenesysErrorOptions {
  code?: string;
  message?: string;
  /** Seconds, sent as Retry-After (Genesys always sends it with 429). */
  retryAfter?: number;
}

export function genesysErrorBody(
  status: GenesysErrorStatus,
  contextId: string,
  options: GenesysErrorOptions = {},
): Models.ErrorBody {
  const standard = standardErrors[status];
  const body = {
    message: options.message ?? standard.message,
    code: options.code ?? standard.code,
    status,
    messageParams: {},
    contextId,
    details: [],
    errors: [],
  } satisfies Models.ErrorBody;
  if (status === 429) {
    return { ...body, limit: { key: 'token.rate.per.minute', namespace: 'platform.api', value: 300 } };
  }
  return body;
}

export function sendGenesysError(
  res: Response,
  status: GenesysErrorStatus,
  options: GenesysErrorOptions = {},
): void {
  const retryAfter = options.retryAfter ?? (status === 429 ? 1 : undefined);
  if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
  res.status(status).json(genesysErrorBody(status, correlationIdOf(res), options));
}

export function sendNotFound(res: Response, what = 'resource'): void {
  sendGenesysError(res, 404, { message: `The requested ${what} was not found.` });
}

/** 403 missing.permissions, naming the permissions the caller lacks (any one would do), as Genesys words it. */
export function sendMissingPermission(res: Response, permissions: string | readonly string[]): void {
  const named = typeof permissions === 'string' ? permissions : permissions.join(', ');
  sendGenesysError(res, 403, {
    code: 'missing.permissions',
    message: `Unable to perform the requested action. You are missing the following permission(s): [${named}]`,
  });
}
