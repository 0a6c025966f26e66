// `GET /relay/<ticket>`: streams a Genesys-hosted file through the proxy. No bearer token: the
// sealed ticket itself is the capability, and names the upstream URL only to the proxy.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Router } from 'express';
import type { AuditLog } from '../../audit/audit-log.ts';
import { errors } from '../../errors.ts';
import { retryAfterSeconds } from '../../genesys/retry-after.ts';
import { contentDispositionHeader, fileHeaders, sizeOf } from '../file-headers.ts';
import { fetchAllowed } from './download-fetch.ts';
import type { RelaySealer } from './relay-sealer.ts';

export interface RelayRoutesOptions {
  sealer: RelaySealer;
  allowedHosts: string[];
  timeoutMs: number;
  audit: AuditLog;
}

export function relayRoutes(options: RelayRoutesOptions): Router {
  const router = Router();
  router.get('/relay/:ticket', async (req, res) => {
    const ticket = options.sealer.open(req.params.ticket);
    if (!ticket) throw errors.invalidLink();
    const range = req.get('range');
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const upstream = await fetchAllowed(
      ticket.url,
      options,
      range && /^bytes=[\d,\s-]+$/.test(range) ? { range } : {},
      controller.signal,
    );
    if (upstream.status === 416) {
      await upstream.body?.cancel().catch(() => undefined);
      // The same answer as the store's (RFC 9110 §15.5.17), whatever body Genesys's storage sent.
      throw errors.rangeNotSatisfiable(sizeOf(upstream.headers.get('content-range')));
    }
    if (upstream.status !== 200 && upstream.status !== 206) {
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
  return router;
}
