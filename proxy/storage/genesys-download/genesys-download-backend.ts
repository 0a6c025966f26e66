// Genesys-hosted files (`/api/v2/downloads/{id}`). Genesys hands out a short-lived signed URL for
// the agent's token; whether that URL may be fetched cross-origin (pdf.js uses fetch) is
// unverified (docs/genesys-platform.md §7), so by default the proxy relays the bytes itself.
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import type { AttachmentLocation } from '../../../core/attachment-ref.ts';
import type { Caller } from '../../auth/caller.ts';
import { errors, upstreamError } from '../../errors.ts';
import { GenesysError } from '../../genesys/genesys-client.ts';
import {
  type LinkOptions,
  type MintedLink,
  SNIFF_BYTES,
  type StorageBackend,
  type StoredObject,
} from '../storage-backend.ts';
import { downloadUrlExpiry, fetchAllowed, isAllowed, readBodyHead } from './download-fetch.ts';
import type { RelaySealer } from './relay-sealer.ts';

export interface GenesysDownloadOptions {
  mode: 'relay' | 'direct';
  publicUrl: string;
  sealer: RelaySealer;
  /** Hosts Genesys's signed download URLs may point at; anything else is refused. */
  allowedHosts: string[];
  timeoutMs: number;
  /** A download URL's life when the URL itself does not say. */
  urlTtlSeconds: number;
}

/**
 * Seconds a link ends before the download URL it carries: a read that passes the link's check
 * reaches Genesys's storage while the URL is still good, across a second boundary and small clock
 * differences between Genesys and the proxy.
 */
const URL_MARGIN_SECONDS = 2;

export class GenesysDownloadBackend implements StorageBackend {
  readonly name = 'genesys';

  constructor(private readonly options: GenesysDownloadOptions) {}

  handles(location: AttachmentLocation): boolean {
    return location.kind === 'genesys';
  }

  async inspect(location: AttachmentLocation, caller: Caller): Promise<StoredObject> {
    const url = await this.signedUrl(location, caller, 'inline');
    const response = await fetchAllowed(url, this.options, { range: `bytes=0-${SNIFF_BYTES - 1}` });
    if (response.status === 404 || response.status === 403 || response.status === 410) {
      await response.body?.cancel().catch(() => undefined);
      throw errors.fileGone();
    }
    if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel().catch(() => undefined);
      throw errors.storageUnavailable(new Error(`download returned ${response.status}`));
    }
    const head = await readBodyHead(response, SNIFF_BYTES, this.options.timeoutMs);
    const total =
      /\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1] ??
      response.headers.get('content-length');
    return {
      size: total ? Number(total) : undefined,
      scan: 'unscanned',
      head,
      // A download id names one file's bytes for good: Genesys makes a new id for new content.
      version: `genesys:${location.kind === 'genesys' ? location.downloadId : ''}`,
    };
  }

  async mint(
    location: AttachmentLocation,
    _o: StoredObject,
    options: LinkOptions,
    caller: Caller,
  ): Promise<MintedLink> {
    const askedAt = Math.floor(Date.now() / 1000);
    const url = await this.signedUrl(location, caller, options.disposition);
    // The link promises no more than the download URL inside it keeps (docs/security.md, finding 5):
    // the relay cannot fetch a fresh URL later, because it holds no token, only the sealed ticket.
    const urlEnds = (downloadUrlExpiry(url) ?? askedAt + this.options.urlTtlSeconds) - URL_MARGIN_SECONDS;
    const expires = Math.min(Math.floor(Date.now() / 1000) + options.ttlSeconds, urlEnds);
    if (expires <= Date.now() / 1000)
      throw errors.upstreamBadResponse(new Error('the download URL expires before a link could be used'));
    if (this.options.mode === 'direct') return { url, expiresAt: new Date(expires * 1000) };
    const ticket = this.options.sealer.seal({
      url,
      contentType: options.contentType,
      disposition: options.disposition,
      fileName: options.fileName,
      expires,
    });
    return { url: `${this.options.publicUrl}/relay/${ticket}`, expiresAt: new Date(expires * 1000) };
  }

  async open(location: AttachmentLocation, caller: Caller): Promise<Readable> {
    const url = await this.signedUrl(location, caller, 'inline');
    const response = await fetchAllowed(url, this.options);
    if (response.status === 404 || response.status === 403 || response.status === 410) {
      await response.body?.cancel().catch(() => undefined);
      throw errors.fileGone();
    }
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw errors.storageUnavailable(new Error(`download returned ${response.status}`));
    }
    return Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
  }

  async checkReady(): Promise<void> {
    // Nothing of our own to reach: availability follows Genesys, checked per request.
  }

  private async signedUrl(
    location: AttachmentLocation,
    caller: Caller,
    disposition: 'inline' | 'attachment',
  ) {
    if (location.kind !== 'genesys') throw errors.unsupportedLocation();
    try {
      const url = await caller.client.getDownloadUrl(caller.token, location.downloadId, disposition);
      if (!isAllowed(url, this.options.allowedHosts))
        throw errors.upstreamBadResponse('download URL on a host not allowed');
      return url;
    } catch (error) {
      if (!(error instanceof GenesysError)) throw error;
      if (error.kind === 'not_found' || error.kind === 'forbidden') throw errors.fileGone();
      if (error.kind === 'unauthorized') throw errors.sessionExpired();
      throw upstreamError(error);
    }
  }
}
