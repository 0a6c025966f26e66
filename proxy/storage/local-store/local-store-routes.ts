// `GET /files/<key>`: serves the local store's HMAC-signed URLs. No bearer token: the signed URL
// itself is the capability.
import { Router } from 'express';
import { decodeOnce } from '../../../core/location-parser.ts';
import type { AuditLog } from '../../audit/audit-log.ts';
import { errors } from '../../errors.ts';
import { contentDispositionHeader, fileHeaders, sizeOf } from '../file-headers.ts';
import { canonicalInteger, type LinkSigner } from '../link-signer.ts';
import { type LocalStoreBackend, storeUrlPath } from './local-store-backend.ts';

export interface LocalStoreRoutesOptions {
  backend: LocalStoreBackend;
  signer: LinkSigner;
  audit: AuditLog;
}

export function localStoreRoutes(options: LocalStoreRoutesOptions): Router {
  const router = Router();
  router.get(/^\/files\/.+/, async (req, res) => {
    // The raw path, decoded once: the signature covers exactly this key (no normalisation).
    const rawPath = req.originalUrl.split('?', 1)[0] ?? '';
    const spelled = rawPath.slice('/files/'.length);
    const decoded = decodeOnce(spelled);
    // The key as the proxy spelled it when signing, not another percent-encoding of the same key.
    const key = decoded !== undefined && storeUrlPath(decoded) === spelled ? decoded : undefined;
    const q = req.query;
    const s = (v: unknown) => (typeof v === 'string' ? v : '');
    // Only the spelling the proxy signed: `Number()` would also read 0x…, +…, ….0, …e0 and spaces.
    const expires = canonicalInteger(s(q.exp));
    const disposition = s(q.disp);
    if (
      key === undefined ||
      expires === undefined ||
      (disposition !== 'inline' && disposition !== 'attachment')
    )
      throw errors.invalidLink();
    const fields = { key, expires, disposition, contentType: s(q.type), fileName: s(q.name) } as const;
    if (!options.signer.verify(fields, s(q.kid), s(q.sig))) throw errors.invalidLink();
    const path = await options.backend.resolveKey(key);
    fileHeaders(res, fields.contentType, contentDispositionHeader(fields.fileName, disposition));
    await options.audit
      .record({
        event: 'file.served',
        requestId: String(res.locals.requestId),
        decision: 'allow',
        backend: 'store',
        disposition,
      })
      .catch(() => undefined);
    await new Promise<void>((resolve, reject) => {
      res.sendFile(
        path,
        { acceptRanges: true, cacheControl: false, lastModified: false, etag: true, dotfiles: 'allow' },
        (err) => {
          if (!err || res.headersSent) return resolve();
          // send answers an unsatisfiable range with an error of status 416, having set Content-Range.
          const status = (err as { status?: number }).status;
          reject(status === 416 ? errors.rangeNotSatisfiable(sizeOf(res.getHeader('content-range'))) : err);
        },
      );
    });
  });
  return router;
}
