// pdf.js behind one small module: load, open, destroy. Loaded only when a PDF is opened (or warmed
// when a PDF row is focused); one worker for the widget's lifetime.
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import type { PreviewErrorKind } from '../../../shared/errors/preview-error.ts';
import { linkFailure } from '../fetch-with-progress.ts';
import {
  LinkRangeReader,
  linkRangeTransport,
  OPENING_BYTES,
  PIECE_BYTES,
  RANGE_CHUNK_BYTES,
  RANGE_THRESHOLD_BYTES,
  RangeFailedError,
  type TimedLink,
} from './pdf-range-source.ts';

export { RANGE_THRESHOLD_BYTES };

type PdfJs = typeof import('pdfjs-dist');

let engine: Promise<{ pdfjs: PdfJs; worker: InstanceType<PdfJs['PDFWorker']> }> | undefined;

/** Loads pdf.js and starts its worker; cheap to call again. */
export function loadPdfEngine() {
  engine ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(
    ([pdfjs, worker]) => {
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
      return { pdfjs, worker: new pdfjs.PDFWorker() };
    },
  );
  return engine;
}

export class PdfOpenError extends Error {
  override readonly name = 'PdfOpenError';
  constructor(readonly kind: PreviewErrorKind | 'expired') {
    super(kind);
  }
}

/**
 * pdf.js's password question (its loading task's `onPassword`), answered by the viewer: `update`
 * with a password, or `giveUp`. `reason` is pdf.js's PasswordResponses (2: the last one was wrong).
 */
export type AskPassword = (update: (password: string) => void, reason: number, giveUp: () => void) => void;

export interface OpenedPdf {
  doc: PDFDocumentProxy;
  destroy(): Promise<void>;
  /** Read by ranges: its link is renewed in place, the document stays open. */
  byRange: boolean;
}

export interface PdfSource {
  link: TimedLink;
  /** The file's size, when the proxy knows it: a large file is read by ranges. */
  size?: number;
  /** A new link to the same file; without it the file is streamed whole. */
  renew?: () => Promise<TimedLink>;
}

export interface OpenOptions {
  onProgress: (loaded: number, total?: number) => void;
  askPassword?: AskPassword;
  /** A byte range failed for good after the document opened (pdf.js would wait for it forever). */
  onRangeFailure?: (kind: 'expired' | 'gone' | 'network') => void;
  /** The benchmark that chose RANGE_THRESHOLD_BYTES and RANGE_CHUNK_BYTES sets its own. */
  rangeThresholdBytes?: number;
  rangeChunkBytes?: number;
}

/** Whether a file is read by ranges (large, of known size, and its link can be renewed). */
export function readsByRange(source: PdfSource, threshold = RANGE_THRESHOLD_BYTES): boolean {
  return source.renew !== undefined && source.size !== undefined && source.size > threshold;
}

/**
 * Opens a PDF from a link. Small files are streamed whole in one request, after which every page is
 * at hand; large ones are read by ranges through a link that is renewed when it expires
 * (pdf-range-source.ts), only the parts of the pages viewed (docs/viewer.md "Small files streamed, large ones by ranges").
 * XFA stays off; pdf.js 6 has no eval path left (its `isEvalSupported` option is gone) and the
 * widget never loads pdf.js's scripting sandbox.
 */
export async function openPdf(source: PdfSource, options: OpenOptions): Promise<OpenedPdf> {
  const { pdfjs, worker } = await loadPdfEngine();
  const base = new URL(import.meta.env.BASE_URL, window.location.href).href;
  let failed: (error: RangeFailedError) => void = () => undefined;
  const rangeFailure = new Promise<never>((_, reject) => {
    failed = reject;
  });
  rangeFailure.catch(() => undefined);
  let opened = false;
  let reader: LinkRangeReader | undefined;
  const byRange = readsByRange(source, options.rangeThresholdBytes);
  if (byRange && source.renew) reader = new LinkRangeReader(source.link, source.renew);
  const chunk = options.rangeChunkBytes ?? RANGE_CHUNK_BYTES;
  const task: PDFDocumentLoadingTask = pdfjs.getDocument({
    ...(reader && source.size !== undefined
      ? {
          range: linkRangeTransport(
            pdfjs.PDFDataRangeTransport,
            source.size,
            reader,
            (error) => (opened ? options.onRangeFailure?.(error.kind) : failed(error)),
            { requestBytes: chunk, openingBytes: OPENING_BYTES, pieceBytes: Math.min(PIECE_BYTES, chunk) },
          ),
          // pdf.js counts and receives bytes in small pieces; requests on the wire are `chunk` or more.
          rangeChunkSize: Math.min(PIECE_BYTES, chunk),
          // Only what the pages viewed need: a reviewer of page 200 does not fetch 60 MB.
          disableAutoFetch: true,
          disableStream: true,
        }
      : { url: source.link.url, disableRange: true }),
    worker,
    enableXfa: false,
    withCredentials: false,
    cMapUrl: `${base}pdfjs/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${base}pdfjs/standard_fonts/`,
    wasmUrl: `${base}pdfjs/wasm/`,
    iccUrl: `${base}pdfjs/iccs/`,
  });
  task.onProgress = ({ loaded, total }: { loaded: number; total?: number }) =>
    options.onProgress(loaded, total || undefined);
  // The password goes to pdf.js (in this page) and nowhere else; without a prompt, or when the
  // agent cancels it, the viewer says the file is protected and offers the download.
  let passwordAsked = false;
  const giveUp = () => {
    passwordAsked = true;
    void task.destroy();
  };
  const { askPassword } = options;
  task.onPassword = (update: (password: string) => void, reason: number) =>
    askPassword ? askPassword(update, reason, giveUp) : giveUp();
  try {
    const doc = await Promise.race([task.promise, rangeFailure]);
    opened = true;
    return { doc, destroy: () => task.destroy(), byRange };
  } catch (error) {
    await task.destroy().catch(() => undefined);
    if (error instanceof RangeFailedError) throw new PdfOpenError(error.kind);
    if (passwordAsked || (error as Error)?.name === 'PasswordException')
      throw new PdfOpenError('password-protected');
    if ((error as Error)?.name === 'InvalidPDFException') throw new PdfOpenError('corrupt');
    throw new PdfOpenError(linkFailure((error as { status?: number })?.status));
  }
}
