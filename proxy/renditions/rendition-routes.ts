// `GET /renditions/<key>`: serves renditions kept in the local folder through HMAC-signed URLs, as
// the local store serves its files (local-store-routes.ts). No bearer token: the signed URL is the
// capability. Inline only: a download is always of the original, through its own link.
import { Router } from 'express';
import type { AuditLog } from '../audit/audit-log.ts';
import { errors } from '../errors.ts';
import { contentDispositionHeader, fileHeaders } from '../storage/file-headers.ts';
import { canonicalInteger, type LinkSigner } from '../storage/link-signer.ts';
import type { LocalRenditionStore } from './local-rendition-store.ts';
import { isRenditionKey } from './rendition-store.ts';

export function renditionRoutes(options: {
  store: LocalRenditionStore;
  signer: LinkSigner;
  audit: AuditLog;
}): Router {
  const router = Router();
  router.get('/renditions/:key', async (req, res) => {
    const key = req.params.key;
    const s = (v: unknown) => (typeof v === 'string' ? v : '');
    const expires = canonicalInteger(s(req.query.exp));
    if (!isRenditionKey(key) || expires === undefined) throw errors.invalidLink();
    const fields = {
      key,
      expires,
      disposition: 'inline',
      contentType: s(req.query.type),
      fileName: s(req.query.name),
    } as const;
    if (!options.signer.verify(fields, s(req.query.kid), s(req.query.sig))) throw errors.invalidLink();
    // Expired from the cache since the link was made: the widget asks for a new link, which converts again.
    const path = await options.store.path(key);
    if (!path) throw errors.fileGone();
    fileHeaders(res, fields.contentType, contentDispositionHeader(fields.fileName, 'inline'));
    await options.audit
      .record({
        event: 'rendition.served',
        requestId: String(res.locals.requestId),
        decision: 'allow',
        backend: 'renditions',
        disposition: 'inline',
      })
      .catch(() => undefined);
    await new Promise<void>((resolve, reject) => {
      res.sendFile(
        path,
        { acceptRanges: true, cacheControl: false, lastModified: false, etag: true },
        (err) => {
          if (!err || res.headersSent) return resolve();
          reject(err);
        },
      );
    });
  });
  return router;
}
