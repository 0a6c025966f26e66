// The short-lived URL /api/v2/downloads hands out: HMAC-SHA256 over download id, disposition and
// expiry, so none of them can be changed without the sandbox noticing.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type ContentDisposition = 'attachment' | 'inline' | 'none';

export const contentDispositions: readonly ContentDisposition[] = ['attachment', 'inline', 'none'];

export const signedFilePathPrefix = '/__sandbox/files/';

export interface SignedFileRequest {
  downloadId: string;
  disposition: ContentDisposition;
  /** Epoch seconds. */
  expires: number;
}

export function signedFilePath(secret: Uint8Array, request: SignedFileRequest): string {
  const query = new URLSearchParams({
    disposition: request.disposition,
    expires: String(request.expires),
    signature: signature(secret, request),
  });
  return `${signedFilePathPrefix}${encodeURIComponent(request.downloadId)}?${query.toString()}`;
}

export type SignatureCheck =
  | { ok: true; request: SignedFileRequest }
  | { ok: false; reason: 'invalid' | 'expired' };

export function checkSignedFile(
  secret: Uint8Array,
  downloadId: string,
  params: { disposition?: string; expires?: string; signature?: string },
  nowSeconds: number,
): SignatureCheck {
  const disposition = contentDispositions.find((d) => d === params.disposition);
  const expires = /^\d{1,12}$/.test(params.expires ?? '') ? Number(params.expires) : undefined;
  if (disposition === undefined || expires === undefined || params.signature === undefined) {
    return { ok: false, reason: 'invalid' };
  }
  const request = { downloadId, disposition, expires };
  const given = Buffer.from(params.signature, 'base64url');
  const expected = Buffer.from(signature(secret, request), 'base64url');
  // Decoding drops stray characters, so compare the re-encoded form too.
  if (
    given.length !== expected.length ||
    given.toString('base64url') !== params.signature ||
    !timingSafeEqual(given, expected)
  ) {
    return { ok: false, reason: 'invalid' };
  }
  if (expires <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, request };
}

function signature(secret: Uint8Array, request: SignedFileRequest): string {
  return createHmac('sha256', secret)
    .update(`${request.downloadId}\n${request.disposition}\n${request.expires}`)
    .digest('base64url');
}
