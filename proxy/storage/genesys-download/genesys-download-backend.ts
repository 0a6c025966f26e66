// Genesys-hosted files (`/api/v2/downloads/{id}`). Genesys hands out a short-lived signed URL for
// the agent's token; whether that URL may be fetched cross-origin (pdf.js uses fetch) is
// unverified (genesys-platform.md §7), so by default the proxy relays the bytes itself.
import type { AttachmentLocation } from '../../../core/attachment-ref.ts';
import { errors, upstreamError } from '../../errors.ts';
import { GenesysError } from '../../genesys/genesys-client.ts';
import {
  type LinkOptions,
  type MintedLink,
  type RequestContext,
  SNIFF_BYTES,
  type StorageBackend,
  type StoredObject,
} from '../storage-backend.ts';
import type { RelaySealer } from './relay-sealer.ts';

export interface GenesysDownloadOptions {
  mode: 'relay' | 'direct';
  publicUrl: string;
  sealer: RelaySealer;
  /** Hosts Genesys's signed download URLs may point at; anything else is refused. */
  allowedHosts: string[];
  timeoutMs: number;
}

export class GenesysDownloadBackend implements StorageBackend {
  readonly name = 'genesys';

  constructor(private readonly options: GenesysDownloadOptions) {}

  handles(location: AttachmentLocation): boolean {
    return location.kind === 'genesys';
  }

  async inspect(location: AttachmentLocation, context: RequestContext): Promise<StoredObject> {
    const url = await this.signedUrl(location, context, 'inline');
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
    return { size: total ? Number(total) : undefined, scan: 'unscanned', head };
  }

  async mint(
    location: AttachmentLocation,
    _o: StoredObject,
    options: LinkOptions,
    context: RequestContext,
  ): Promise<MintedLink> {
    const url = await this.signedUrl(location, context, options.disposition);
    const expires = Math.floor(Date.now() / 1000) + options.ttlSeconds;
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

  async checkReady(): Promise<void> {
    // Nothing of our own to reach: availability follows Genesys, checked per request.
  }

  private async signedUrl(
    location: AttachmentLocation,
    context: RequestContext,
    disposition: 'inline' | 'attachment',
  ) {
    if (location.kind !== 'genesys') throw errors.unsupportedLocation();
    try {
      const url = await context.genesys.getDownloadUrl(context.token, location.downloadId, disposition);
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

export function isAllowed(url: string, hosts: readonly string[]): boolean {
  try {
    const u = new URL(url);
    return (
      (u.protocol === 'https:' || u.protocol === 'http:') &&
      !u.username &&
      hosts.includes(u.host.toLowerCase())
    );
  } catch {
    return false;
  }
}

/**
 * GET on an allowlisted host, redirects not followed. The deadline covers the response headers;
 * the body is the caller's (a relay may stream a large file for longer).
 */
export async function fetchAllowed(
  url: string,
  options: { allowedHosts: string[]; timeoutMs: number },
  headers: { range?: string } = {},
  signal?: AbortSignal,
): Promise<Response> {
  if (!isAllowed(url, options.allowedHosts))
    throw errors.upstreamBadResponse('download URL on a host not allowed');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timed out')), options.timeoutMs);
  signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  try {
    return await fetch(url, {
      redirect: 'manual',
      headers: headers.range ? { range: headers.range } : {},
      signal: controller.signal,
    });
  } catch (error) {
    throw errors.storageUnavailable(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads at most `maxBytes` of a body, bounded in time, and lets go of the rest: a server that ignores
 * our Range answers 200 with the whole file, which must not be buffered to sniff its first bytes.
 */
export async function readBodyHead(
  response: Response,
  maxBytes: number,
  timeoutMs: number,
): Promise<Uint8Array> {
  const head = new Uint8Array(maxBytes);
  let length = 0;
  const reader = response.body?.getReader();
  if (!reader) return head.subarray(0, 0);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(errors.storageUnavailable(new Error('body timed out'))), timeoutMs);
  });
  try {
    while (length < maxBytes) {
      const { done, value } = await Promise.race([reader.read(), timeout]);
      if (done) break;
      const take = value.subarray(0, maxBytes - length);
      head.set(take, length);
      length += take.length;
    }
    return head.subarray(0, length);
  } catch (error) {
    throw error instanceof Error && 'code' in error ? error : errors.storageUnavailable(error);
  } finally {
    clearTimeout(timer);
    // Whatever is left (all of it past maxBytes when Range was ignored) is never downloaded.
    await reader.cancel().catch(() => undefined);
  }
}
