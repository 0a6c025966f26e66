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
 * The least one range request asks for. Measured (`npm run bench`): 64 KB costs scans a round trip
 * per image; 256 KB wastes bytes on text, whose objects are small and spread; 128 KB is within one
 * round trip of the best on both (docs/viewer.md "Small files streamed, large ones by ranges").
 */
export const RANGE_CHUNK_BYTES = 128 * 1024;

/**
 * pdf.js's own piece (its `rangeChunkSize`): the unit in which it counts bytes as loaded and in
 * which the bytes of a request reach it while the request is still arriving. Requests on the wire
 * stay RANGE_CHUNK_BYTES or more; pdf.js asking for 16 KB gets it from a larger request in flight.
 */
export const PIECE_BYTES = 16 * 1024;

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
    const bytes = new Uint8Array(end - begin);
    await this.stream(begin, end, (piece, at) => bytes.set(piece, at - begin));
    return bytes;
  }

  /**
   * Bytes [begin, end) of the file as they arrive: `onBytes` gets each piece and its offset, in
   * order, each byte once. An answer cut short is asked again from where it stopped.
   */
  async stream(
    begin: number,
    end: number,
    onBytes: (piece: Uint8Array, at: number) => void,
    /** Stops this request alone (its promise then rejects with an AbortError). */
    stop?: AbortSignal,
  ): Promise<void> {
    const signal = stop ? AbortSignal.any([this.controller.signal, stop]) : this.controller.signal;
    let at = begin;
    const take = (piece: Uint8Array) => {
      onBytes(piece, at);
      at += piece.length;
    };
    const link = this.isFresh(this.link) ? this.link : await this.freshLink(this.link);
    const first = await this.attempt(link, at, end, take, signal);
    if (first === 'done') return;
    if (first === 'gone') throw new RangeFailedError('gone');
    // Expired, or a network error that may hide an expired link: once more through a new link.
    const again = await this.attempt(await this.freshLink(link), at, end, take, signal);
    if (again === 'done') return;
    throw new RangeFailedError(again);
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
    take: (piece: Uint8Array) => void,
    signal: AbortSignal,
  ): Promise<'done' | 'expired' | 'gone' | 'network'> {
    let response: Response;
    try {
      response = await fetch(link.url, {
        headers: { range: `bytes=${begin}-${end - 1}` },
        credentials: 'omit',
        // Past the HTTP cache: Chromium's lets one request per URL reach the network at a time, so
        // the file's end waited for the opening's answer (a round trip; docs/viewer.md). A signed
        // link is used for minutes and its parts are kept here, so the cache had nothing to give.
        cache: 'no-store',
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      return 'network';
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return linkFailure(response.status);
    }
    if (response.status === 206) {
      const start = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '')?.[1];
      // Content-Range is not readable cross-origin unless exposed; the length tells the rest.
      if (start !== undefined && Number(start) !== begin) {
        await response.body?.cancel().catch(() => undefined);
        return 'network';
      }
    }
    // A server that ignores Range answers 200 with the whole file: correct, only slower.
    let skip = response.status === 206 ? 0 : begin;
    let want = end - begin;
    const body = response.body?.getReader();
    try {
      while (body && want > 0) {
        const { done, value } = await body.read();
        if (done) break;
        let piece = value;
        if (skip > 0) {
          const skipped = Math.min(skip, piece.length);
          skip -= skipped;
          piece = piece.subarray(skipped);
        }
        if (piece.length > want) piece = piece.subarray(0, want);
        if (piece.length === 0) continue;
        want -= piece.length;
        take(piece);
      }
    } catch (error) {
      if (signal.aborted) throw error;
      return 'network';
    }
    // A part (206) is read to its end; the rest of a whole file is not wanted.
    if (response.status === 206) await body?.read().catch(() => undefined);
    await body?.cancel().catch(() => undefined);
    // A short answer: the caller asks again for what is missing.
    return want <= 0 ? 'done' : 'network';
  }
}

/** One range request on the wire, kept while it arrives and a little after (`RangeCache`). */
class Arriving {
  readonly bytes: Uint8Array;
  /** The file offset up to which bytes are here. */
  reached: number;
  private waiters: { offset: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
  failure: unknown;
  done = false;
  readonly stop = new AbortController();

  constructor(
    readonly begin: number,
    public end: number,
  ) {
    this.bytes = new Uint8Array(end - begin);
    this.reached = begin;
  }

  /** Ends the request at `at` (on the wire too), if nobody waits for bytes after it. */
  cut(at: number): boolean {
    if (at >= this.end || this.waiters.some((w) => w.offset > at)) return false;
    this.end = Math.max(at, this.reached);
    if (this.reached >= this.end) {
      this.done = true;
      this.stop.abort();
    }
    return true;
  }

  add(piece: Uint8Array, at: number): void {
    if (at >= this.end) return;
    const kept = piece.subarray(0, this.end - at);
    this.bytes.set(kept, at - this.begin);
    this.reached = at + kept.length;
    // A request cut short stops on the wire once its new end is here.
    if (this.reached >= this.end && this.end < this.begin + this.bytes.length && !this.done) {
      this.done = true;
      this.stop.abort();
    }
    this.waiters = this.waiters.filter((w) => (w.offset <= this.reached ? void w.resolve() : true));
  }

  fail(error: unknown): void {
    this.failure = error;
    for (const w of this.waiters) w.reject(error);
    this.waiters = [];
  }

  /** Resolves once the bytes before `offset` are here. */
  until(offset: number): Promise<void> {
    if (offset <= this.reached) return Promise.resolve();
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ offset, resolve, reject }));
  }
}

/** Where the linearization dictionary must begin (PDF 32000-1, F.2): within the first 1024 bytes. */
const LINEARIZED_WITHIN = 1024;

/**
 * The end of page 1 (`/E`) of a linearized file whose first bytes are `head`, as pdf.js would
 * take it: a `/Linearized` dictionary near the start whose `/L` is the file's length (a file
 * updated since, `/L` no longer its length, is read as not linearized).
 */
export function linearizedPageOneEnd(head: Uint8Array, length: number): number | undefined {
  const text = new TextDecoder('latin1').decode(head.subarray(0, LINEARIZED_WITHIN + 256));
  const found = /<<[^>]*\/Linearized[^>]*>>/.exec(text);
  const dict = found?.[0];
  if (!found || !dict || found.index > LINEARIZED_WITHIN) return undefined;
  const number = (key: string) => Number(new RegExp(`/${key}\\s+(\\d+)`).exec(dict)?.[1]);
  const end = number('E');
  return number('L') === length && end > 0 && end <= length ? end : undefined;
}

/** Requests that finished are kept up to this many bytes, for pdf.js's next pieces of them. */
const KEPT_BYTES = 1024 * 1024;

/**
 * pdf.js's range transport over a LinkRangeReader. pdf.js has no error path for a range it asked
 * for, so a range that fails for good is reported through `onFailure` (the viewer shows it).
 *
 * With `early` (the widget), the file is read in requests of at least `requestBytes`, each used
 * as it arrives. Two start at once, before pdf.js asks: the file's last `requestBytes`, and the
 * opening (`openingBytes` from 0), which streams into pdf.js in `pieceBytes` pieces as each is
 * complete and, for a linearized file, ends at page 1's end (`/E`). A range pdf.js asks for that a
 * request in flight or just finished covers is answered from it as soon as its bytes are there,
 * never asked for again; others go out at once. Without `early` (the bench's floor), exactly the
 * ranges pdf.js asks for.
 */
export function linkRangeTransport(
  Transport: typeof PDFDataRangeTransport,
  length: number,
  reader: LinkRangeReader,
  onFailure: (error: RangeFailedError) => void,
  early: { requestBytes: number; openingBytes: number; pieceBytes: number } | undefined,
): PDFDataRangeTransport {
  const requests: Arriving[] = [];
  let transport: PDFDataRangeTransport | undefined;
  const failed = (error: unknown) => {
    if (error instanceof RangeFailedError) onFailure(error);
    else if ((error as Error)?.name !== 'AbortError') onFailure(new RangeFailedError('network'));
  };

  const start = (begin: number, end: number, onBytes?: (request: Arriving) => void): Arriving => {
    const request = new Arriving(begin, end);
    requests.push(request);
    const finished = () => {
      request.done = true;
      // Finished requests are kept for a while (up to KEPT_BYTES), the oldest dropped first.
      let kept = 0;
      for (let i = requests.length - 1; i >= 0; i--) {
        const r = requests[i] as Arriving;
        if (!r.done) continue;
        kept += r.end - r.begin;
        if (kept > KEPT_BYTES) requests.splice(i, 1);
      }
    };
    reader
      .stream(
        begin,
        end,
        (piece, at) => {
          request.add(piece, at);
          onBytes?.(request);
        },
        request.stop.signal,
      )
      .then(finished, (error: unknown) => {
        if (request.done) return finished(); // cut short, and its bytes are all here
        request.fail(error);
        requests.splice(requests.indexOf(request), 1);
      });
    return request;
  };

  /** Bytes [begin, end) from the requests that cover them, asking for what none covers. */
  const bytesOf = async (begin: number, end: number): Promise<Uint8Array> => {
    const parts: { request: Arriving; from: number; to: number }[] = [];
    for (let at = begin; at < end; ) {
      const request =
        requests.find((r) => r.begin <= at && at < r.end && r.failure === undefined) ??
        start(at, Math.min(length, Math.max(end, at + (early?.requestBytes ?? 0))));
      const to = Math.min(end, request.end);
      parts.push({ request, from: at, to });
      at = to;
    }
    await Promise.all(parts.map((p) => p.request.until(p.to)));
    if (parts.length === 1 && parts[0]) {
      const { request, from, to } = parts[0];
      return request.bytes.slice(from - request.begin, to - request.begin);
    }
    const bytes = new Uint8Array(end - begin);
    for (const { request, from, to } of parts)
      bytes.set(request.bytes.subarray(from - request.begin, to - request.begin), from - begin);
    return bytes;
  };

  if (early) {
    // The opening request streams into pdf.js from byte 0, a piece at a time as each is complete:
    // the header, the first objects and, in a linearized file, page 1, before the request ends.
    const { pieceBytes, requestBytes } = early;
    let given = 0;
    let looked = false;
    const giveArrived = (request: Arriving) => {
      if (!looked && request.reached >= Math.min(request.end, LINEARIZED_WITHIN)) {
        looked = true;
        endAtPageOne(request);
      }
      const upTo =
        request.reached >= request.end ? request.end : request.reached - (request.reached % pieceBytes);
      if (upTo <= given || !transport) return;
      transport.onDataProgressiveRead(request.bytes.slice(given, upTo));
      given = upTo;
    };
    // pdf.js reads the file's end on opening any file: a PDF that is not linearized keeps its
    // cross-reference table there, a linearized one its main one and the page tree (pdf.js checks
    // the last page). So the file's last request-sized part (piece-aligned) is asked for at once,
    // beside the opening. The opening's first bytes then tell whether the file is linearized: if
    // so, its opening ends at page 1's end (/E), the rest would only take bandwidth from the end.
    const openingEnd = Math.min(length, early.openingBytes);
    const lastPart = Math.max(
      openingEnd,
      Math.floor(Math.max(0, length - requestBytes) / pieceBytes) * pieceBytes,
    );
    const endAtPageOne = (opening: Arriving) => {
      const endOfPageOne = linearizedPageOneEnd(opening.bytes.subarray(0, opening.reached), length);
      if (endOfPageOne !== undefined) opening.cut(Math.ceil(endOfPageOne / pieceBytes) * pieceBytes);
    };
    start(0, openingEnd, giveArrived);
    if (lastPart < length) start(lastPart, length);
  }

  class LinkRangeTransport extends Transport {
    override requestDataRange(begin: number, end: number): void {
      bytesOf(begin, end).then((bytes) => this.onDataRange(begin, bytes), failed);
    }
    override abort(): void {
      reader.abort();
    }
  }
  transport = new LinkRangeTransport(length, null);
  return transport;
}
