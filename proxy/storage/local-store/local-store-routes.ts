// Byte-serving routes that need no bearer token because the URL itself is the capability: the
// local store's HMAC-signed URLs and relay tickets for Genesys-hosted files.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { create as createDisposition } from 'content-disposition';
import { type Response, Router } from 'express';
import { decodeOnce } from '../../../core/location-parser.ts';
import type { AuditLog } from '../../audit/audit-log.ts';
import { errors } from '../../errors.ts';
import { retryAfterSeconds } from '../../genesys/retry-after.ts';
import { fetchAllowed } from '../genesys-download/genesys-download-backend.ts';
import type { RelaySealer } from '../genesys-download/relay-sealer.ts';
import type { LinkSigner } from '../link-signer.ts';
import type { LocalStoreBackend } from './local-store-backend.ts';

export interface FileRoutesOptions {
  store?: { backend: LocalStoreBackend; signer: LinkSigner };
  relay?: { sealer: RelaySealer; allowedHosts: string[]; timeoutMs: number };
  audit: AuditLog;
}

/** Headers every served file gets, whatever it is (security.md rule 8). */
function fileHeaders(res: Response, contentType: string, disposition: string): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', disposition);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'");
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-site');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

export function fileRoutes(options: FileRoutesOptions): Router {
  const router = Router();
  const { store, relay } = options;

  if (store) {
    router.get(/^\/files\/.+/, async (req, res) => {
      // The raw path, decoded once: the signature covers exactly this key (no normalisation).
      const rawPath = req.originalUrl.split('?', 1)[0] ?? '';
      const key = decodeOnce(rawPath.slice('/files/'.length));
      const q = req.query;
      const s = (v: unknown) => (typeof v === 'string' ? v : '');
      const expires = Number(s(q.exp));
      const disposition = s(q.disp);
      if (
        key === undefined ||
        !Number.isSafeInteger(expires) ||
        (disposition !== 'inline' && disposition !== 'attachment')
      )
        throw errors.invalidLink();
      const fields = { key, expires, disposition, contentType: s(q.type), fileName: s(q.name) } as const;
      if (!store.signer.verify(fields, s(q.kid), s(q.sig))) throw errors.invalidLink();
      const path = await store.backend.resolveKey(key);
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
          (err) => (err && !res.headersSent ? reject(err) : resolve()),
        );
      });
    });
  }

  if (relay) {
    router.get('/relay/:ticket', async (req, res) => {
      const ticket = relay.sealer.open(req.params.ticket);
      if (!ticket) throw errors.invalidLink();
      const range = req.get('range');
      const controller = new AbortController();
      res.on('close', () => controller.abort());
      const upstream = await fetchAllowed(
        ticket.url,
        relay,
        range && /^bytes=[\d,\s-]+$/.test(range) ? { range } : {},
        controller.signal,
      );
      if (upstream.status !== 200 && upstream.status !== 206 && upstream.status !== 416) {
        await upstream.body?.cancel().catch(() => undefined);
        // Genesys's own pacing passes through, so the client waits as long as Genesys asked.
        if (upstream.status === 429)
          throw errors.upstreamRateLimited(retryAfterSeconds(upstream.headers.get('retry-after')));
        // The upstream signed URL expired or was revoked: the widget asks for a new link.
        throw upstream.status === 403 || upstream.status === 404
          ? errors.invalidLink()
          : errors.storageUnavailable();
      }
      fileHeaders(res, ticket.contentType, contentDispositionHeader(ticket.fileName, ticket.disposition));
      for (const h of ['content-length', 'content-range', 'accept-ranges', 'etag']) {
        const v = upstream.headers.get(h);
        if (v) res.setHeader(h, v);
      }
      res.status(upstream.status);
      await options.audit
        .record({
          event: 'file.served',
          requestId: String(res.locals.requestId),
          decision: 'allow',
          backend: 'genesys',
        })
        .catch(() => undefined);
      if (!upstream.body) return void res.end();
      await new Promise<void>((resolve) => {
        Readable.fromWeb(upstream.body as WebReadableStream)
          .on('error', () => {
            res.destroy();
            resolve();
          })
          .pipe(res)
          .on('finish', resolve)
          .on('close', resolve);
      });
    });
  }

  return router;
}

function contentDispositionHeader(fileName: string, disposition: string): string {
  return createDisposition(fileName, { type: disposition });
}
