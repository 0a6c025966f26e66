// What every file the proxy serves itself carries, whichever backend's link it came through: the
// bytes are hostile, so the browser must neither sniff, run, cache nor refer from them.
import { create as createDisposition } from 'content-disposition';
import type { Response } from 'express';

/** Headers every served file gets, whatever it is (docs/security.md rule 8). */
export function fileHeaders(res: Response, contentType: string, disposition: string): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', disposition);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Framed by nobody: no viewer puts a file URL in a frame or object (docs/security.md, finding 7);
  // X-Frame-Options for browsers that predate frame-ancestors.
  res.setHeader(
    'Content-Security-Policy',
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  );
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-site');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

export function contentDispositionHeader(fileName: string, disposition: string): string {
  return createDisposition(fileName, { type: disposition });
}

// The complete length in a Content-Range header: `bytes */<size>` or `bytes a-b/<size>`.
export function sizeOf(contentRange: unknown): number | undefined {
  const size = /\/(\d+)$/.exec(typeof contentRange === 'string' ? contentRange : '')?.[1];
  return size === undefined ? undefined : Number(size);
}
