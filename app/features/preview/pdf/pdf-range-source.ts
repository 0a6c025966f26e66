// Reads a large PDF by byte ranges through its just-in-time link, and swaps in a fresh link when
// the current one expires, without pdf.js noticing: pdf.js's own range loader keeps one URL for
// the document's life, and our links live minutes while a reviewer may read an hour (issue 12,
// docs/viewer.md "Small files streamed, large ones by ranges").
import type { PDFDataRangeTransport } from 'pdfjs-dist';
import { linkFailure } from '../fetch-with-progress.ts';

/**
 * Above this size a PDF is read by byte ranges, below it streamed whole in one request (then
 * search, thumbnails and print need no further request). Measured by `npm run bench`
 * (scripts/bench/large-pdf-bench.ts; docs/viewer.md "Small files streamed, large ones by ranges"): on loopback the two are even
 * up to 2 MB and ranges win from 4 MB; on an office connection ranges win from the smallest scan
 * measured. 1 MB keeps small files whole at a cost of a few hundred milliseconds on a slow line.
 */
export const RANGE_THRESHOLD_BYTES = 1024 * 1024;

/**
 * The piece pdf.js asks for at a time in range mode. Measured (`npm run bench`): pdf.js's 64 KB
 * default costs scans a round trip per image; 256 KB wastes bytes on text, whose objects are small
 * and spread; 128 KB is within one round trip of the best on both (docs/viewer.md "Small files streamed, large ones by ranges").
 */
export const RANGE_CHUNK_BYTES = 128 * 1024;

/** The first request of a file read by ranges (same bench): a scan's page 1 in one round trip. */
export const OPENING_BYTES = 256 * 1024;

/** A link as the proxy mints it: where, and until when. */
export interface TimedLink {
  url: string;
  expiresAt: string;
}

/** Renew this long before the link's stated expiry (clocks differ; a request takes time). */
const EXPIRY_MARGIN_MS = 5_000;

/** A range request that cannot be answered, even through a fresh link. */
export class RangeFailedError extends Error {
  override readonly name = 'RangeFailedError';
  constructor(readonly kind: 'expired' | 'gone' | 'network') {
    super(`range request failed: ${kind}`);
  }
}

/**
 * Fetches byte ranges of one file through its current link. A link at or near its expiry is
 * renewed before use; a request refused as expired (401/403), or failing as a cross-origin 403
 * does (S3 need not send CORS headers on an error, so the browser shows a network error), is
 * retried once through a fresh link. Renewals are shared: many ranges in flight renew once.
 */
export class LinkRangeReader {
  private link: TimedLink;
  private renewal: Promise<TimedLink> | undefined;
  private readonly controller = new AbortController();

  constructor(
    first: TimedLink,
    private readonly renew: () => Promise<TimedLink>,
    private readonly now: () => number = Date.now,
  ) {
    this.link = first;
  }

  /** The link the next request goes to (for tests and the audit of renewals). */
  get currentUrl(): string {
    return this.link.url;
  }

  /** Bytes [begin, end) of the file. */
  async read(begin: number, end: number): Promise<Uint8Array> {
    const link = this.isFresh(this.link) ? this.link : await this.freshLink(this.link);
    const first = await this.attempt(link, begin, end);
    if (first instanceof Uint8Array) return first;
    if (first === 'gone') throw new RangeFailedError('gone');
    // Expired, or a network error that may hide an expired link: once more through a new link.
    const again = await this.attempt(await this.freshLink(link), begin, end);
    if (again instanceof Uint8Array) return again;
    throw new RangeFailedError(again === 'gone' ? 'gone' : again === 'expired' ? 'expired' : 'network');
  }

  /** Stops every request in flight. */
  abort(): void {
    this.controller.abort();
  }

  private isFresh(link: TimedLink): boolean {
    return this.now() < Date.parse(link.expiresAt) - EXPIRY_MARGIN_MS;
  }

  /** A link newer than `stale`: the one another request already renewed to, or a new one. */
  private freshLink(stale: TimedLink): Promise<TimedLink> {
    if (this.link !== stale) return Promise.resolve(this.link);
    this.renewal ??= this.renew()
      .then((link) => {
        this.link = link;
        return link;
      })
      .finally(() => {
        this.renewal = undefined;
      });
    return this.renewal;
  }

  private async attempt(
    link: TimedLink,
    begin: number,
    end: number,
  ): Promise<Uint8Array | 'expired' | 'gone' | 'network'> {
    let response: Response;
    try {
      response = await fetch(link.url, {
        headers: { range: `bytes=${begin}-${end - 1}` },
        credentials: 'omit',
        signal: this.controller.signal,
      });
    } catch (error) {
      if (this.controller.signal.aborted) throw error;
      return 'network';
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return linkFailure(response.status);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (response.status === 206) {
      const start = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '')?.[1];
      // Content-Range is not readable cross-origin unless exposed; the length says it all then.
      if (start !== undefined && Number(start) !== begin) return 'network';
      return bytes.length === end - begin ? bytes : 'network';
    }
    // A server that ignores Range answers 200 with the whole file: correct, only slower.
    return bytes.length >= end ? bytes.slice(begin, end) : 'network';
  }
}

/**
 * pdf.js's range transport over a LinkRangeReader. pdf.js has no error path for a range it asked
 * for, so a range that fails for good is reported through `onFailure` (the viewer shows it).
 */
export function linkRangeTransport(
  Transport: typeof PDFDataRangeTransport,
  length: number,
  reader: LinkRangeReader,
  onFailure: (error: RangeFailedError) => void,
  /** pdf.js's piece size: the tail is fetched early in it; the opening piece is `openingBytes`. */
  early: { chunkSize: number; openingBytes: number } | undefined,
): PDFDataRangeTransport {
  const chunkSize = early?.chunkSize;
  // pdf.js reads the first chunk, and only then the last (where a PDF that is not linearized keeps
  // its cross-reference table): asking for both at once saves a round trip before page 1.
  const lastChunk = chunkSize ? Math.floor((length - 1) / chunkSize) * chunkSize : undefined;
  let tail =
    lastChunk !== undefined && lastChunk > 0
      ? { begin: lastChunk, bytes: reader.read(lastChunk, length) }
      : undefined;
  tail?.bytes.catch(() => undefined);
  class LinkRangeTransport extends Transport {
    override requestDataRange(begin: number, end: number): void {
      const prefetched = tail && tail.begin === begin && end === length ? tail.bytes : undefined;
      if (prefetched) tail = undefined;
      // The opening piece is larger: page 1 follows the header in a scan (its image) and in a
      // linearized file alike; pdf.js takes more than it asked for and marks it all loaded.
      const until = begin === 0 && early ? Math.min(length, Math.max(end, early.openingBytes)) : end;
      (prefetched ?? reader.read(begin, until)).then(
        (bytes) => this.onDataRange(begin, bytes),
        (error: unknown) => {
          if (error instanceof RangeFailedError) onFailure(error);
          else if ((error as Error)?.name !== 'AbortError') onFailure(new RangeFailedError('network'));
        },
      );
    }
    override abort(): void {
      reader.abort();
    }
  }
  return new LinkRangeTransport(length, null);
}
