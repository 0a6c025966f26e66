// Every failure the proxy answers with, each mapped to a status on purpose and carrying a stable
// `code` the widget switches on. Messages are written for the agent or admin who will read them.
import type { GenesysError } from './genesys/genesys-client.ts';

export type ErrorCode =
  | 'invalid_request'
  | 'unknown_region'
  | 'unauthenticated'
  | 'wrong_organization'
  | 'not_permitted'
  | 'invalid_link'
  | 'scan_pending'
  | 'scan_infected'
  | 'unsafe_key'
  | 'unsupported_location'
  | 'file_gone'
  | 'range_not_satisfiable'
  | 'payload_too_large'
  | 'rate_limited'
  | 'upstream_rate_limited'
  | 'upstream_unavailable'
  | 'upstream_bad_response'
  | 'storage_unavailable'
  | 'audit_unavailable'
  | 'downloads_disabled'
  | 'rendition_unavailable'
  | 'not_convertible'
  | 'part_not_found'
  | 'part_refused'
  | 'part_too_large'
  | 'part_not_previewable'
  | 'converter_busy'
  | 'not_found'
  | 'method_not_allowed'
  | 'internal_error';

/** Why a part is refused (core/rendition-documents.ts PartRefusal), in words for the agent. */
const PART_REASONS: Record<string, string> = {
  'unsafe-name': 'its name climbs out of its folder or is absolute',
  executable: 'it is a program or script',
  'nested-archive': 'it is an archive inside the archive (only one level is opened)',
  encrypted: 'it is encrypted',
  directory: 'it is a folder',
};

export class ProxyError extends Error {
  override readonly name = 'ProxyError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: { retryAfterSeconds?: number; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: extra.cause });
  }
}

export const errors = {
  invalidRequest: (message: string) => new ProxyError(400, 'invalid_request', message),
  unknownRegion: () =>
    new ProxyError(
      400,
      'unknown_region',
      'The Genesys environment named by the request is not one this proxy serves.',
    ),
  unauthenticated: (detail = 'A valid Genesys Cloud bearer token is required.') =>
    new ProxyError(401, 'unauthenticated', detail, {
      headers: { 'WWW-Authenticate': 'Bearer realm="attachment-viewer", error="invalid_token"' },
    }),
  /** Genesys refused the agent's token: the widget signs in again. */
  sessionExpired: () => errors.unauthenticated('Your Genesys Cloud session has expired. Sign in again.'),
  wrongOrganization: () =>
    new ProxyError(
      403,
      'wrong_organization',
      'This token belongs to a Genesys Cloud organization this proxy does not serve.',
    ),
  // One answer for "no such attachment" and "not yours": the difference must not be observable.
  notPermitted: () =>
    new ProxyError(
      403,
      'not_permitted',
      'This attachment is not part of a conversation you can read, or does not exist.',
    ),
  invalidLink: () =>
    new ProxyError(403, 'invalid_link', 'This file link is invalid or has expired. Ask for a new one.'),
  scanPending: () =>
    new ProxyError(
      403,
      'scan_pending',
      'This file is still being scanned for malware. Try again in a minute.',
      {
        retryAfterSeconds: 30,
      },
    ),
  scanInfected: () =>
    new ProxyError(403, 'scan_infected', 'This file was blocked by the malware scan and cannot be opened.'),
  unsafeKey: () =>
    new ProxyError(400, 'unsafe_key', 'This attachment names a storage key that is not allowed.'),
  unsupportedLocation: () =>
    new ProxyError(
      404,
      'unsupported_location',
      'This attachment lives somewhere this proxy does not serve (an external link, or storage that is not configured).',
    ),
  fileGone: () =>
    new ProxyError(
      404,
      'file_gone',
      'The file is no longer in storage (it may have been removed by retention).',
    ),
  // RFC 9110 §15.5.17: 416 with `Content-Range: bytes */<size>`, on every route that serves a file.
  rangeNotSatisfiable: (size: number | undefined) =>
    new ProxyError(416, 'range_not_satisfiable', 'The requested range is outside the file.', {
      ...(size === undefined ? {} : { headers: { 'Content-Range': `bytes */${size}` } }),
    }),
  upstreamRateLimited: (retryAfterSeconds: number) =>
    new ProxyError(
      429,
      'upstream_rate_limited',
      'Genesys Cloud is rate-limiting your requests. Wait and try again.',
      {
        retryAfterSeconds,
      },
    ),
  upstreamUnavailable: (cause?: unknown) =>
    new ProxyError(
      503,
      'upstream_unavailable',
      'Genesys Cloud could not be reached to check your access. Try again shortly.',
      {
        retryAfterSeconds: 5,
        cause,
      },
    ),
  upstreamBadResponse: (cause?: unknown) =>
    new ProxyError(502, 'upstream_bad_response', 'Genesys Cloud gave an unexpected answer.', { cause }),
  auditUnavailable: (cause?: unknown, withheld = 'no link was issued') =>
    new ProxyError(
      503,
      'audit_unavailable',
      `Access cannot be recorded right now, so ${withheld}. Try again shortly.`,
      {
        retryAfterSeconds: 5,
        cause,
      },
    ),
  downloadsDisabled: () =>
    new ProxyError(
      403,
      'downloads_disabled',
      'Downloads are turned off in this organization: files open in the viewer only.',
    ),
  renditionUnavailable: () =>
    new ProxyError(
      409,
      'rendition_unavailable',
      'No rendition of this kind can be made of this file here (its type, or a converter that is not installed).',
    ),
  notConvertible: (cause?: unknown) =>
    new ProxyError(
      422,
      'not_convertible',
      'This file could not be converted for preview (it may be damaged, protected, or too large).',
      { cause },
    ),
  partNotFound: () =>
    new ProxyError(404, 'part_not_found', 'There is no such file inside this email or archive.'),
  partRefused: (reason: string) =>
    new ProxyError(422, 'part_refused', `This file inside is not opened: ${PART_REASONS[reason] ?? reason}.`),
  partTooLarge: () =>
    new ProxyError(
      422,
      'part_too_large',
      'This file inside is too large to open once extracted (or claims to be smaller than it is).',
    ),
  partNotPreviewable: () =>
    new ProxyError(
      422,
      'part_not_previewable',
      'This file inside has no preview: it is neither a type the browser shows nor one the proxy converts.',
    ),
  converterBusy: () =>
    new ProxyError(503, 'converter_busy', 'Every document converter is busy. Try again shortly.', {
      retryAfterSeconds: 5,
    }),
  conversionNotFinished: (seconds: number) =>
    new ProxyError(
      503,
      'converter_busy',
      `This file was not converted within ${seconds} s: the document converters are busy or not running. Its conversion stays queued; try again shortly.`,
      { retryAfterSeconds: 10 },
    ),
  conversionQueueUnavailable: (cause?: unknown) =>
    new ProxyError(
      503,
      'converter_busy',
      'The document converters cannot be reached right now. Try again shortly.',
      { retryAfterSeconds: 5, cause },
    ),
  storageUnavailable: (cause?: unknown) =>
    new ProxyError(503, 'storage_unavailable', 'File storage could not be reached. Try again shortly.', {
      retryAfterSeconds: 5,
      cause,
    }),
};

/** A Genesys failure no caller answers specially: its rate limit passed on, anything else unavailable. */
export function upstreamError(error: GenesysError): ProxyError {
  return error.kind === 'rate_limited'
    ? errors.upstreamRateLimited(error.retryAfterSeconds ?? 5)
    : errors.upstreamUnavailable(error);
}
