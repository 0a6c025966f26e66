// pdf.js behind one small module: load, open, destroy. Loaded only when a PDF is opened (or warmed
// when a PDF row is focused); one worker for the widget's lifetime.
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import type { PreviewErrorKind } from '../../../shared/errors/preview-error.ts';
import { linkFailure } from '../fetch-with-progress.ts';

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
}

/**
 * Opens a PDF from a link. The whole file is streamed in one request (no range mode): every
 * Genesys attachment is under 25 MB, where streaming beats range requests (docs/viewer.md), and
 * the link cannot expire under a loaded document. XFA stays off; pdf.js 6 has no eval path left
 * (its `isEvalSupported` option is gone) and the widget never loads pdf.js's scripting sandbox.
 */
export async function openPdf(
  url: string,
  onProgress: (loaded: number, total?: number) => void,
  askPassword?: AskPassword,
): Promise<OpenedPdf> {
  const { pdfjs, worker } = await loadPdfEngine();
  const base = new URL(import.meta.env.BASE_URL, window.location.href).href;
  const task: PDFDocumentLoadingTask = pdfjs.getDocument({
    url,
    worker,
    disableRange: true,
    enableXfa: false,
    withCredentials: false,
    cMapUrl: `${base}pdfjs/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${base}pdfjs/standard_fonts/`,
    wasmUrl: `${base}pdfjs/wasm/`,
    iccUrl: `${base}pdfjs/iccs/`,
  });
  task.onProgress = ({ loaded, total }: { loaded: number; total?: number }) =>
    onProgress(loaded, total || undefined);
  // The password goes to pdf.js (in this page) and nowhere else; without a prompt, or when the
  // agent cancels it, the viewer says the file is protected and offers the download.
  let passwordAsked = false;
  const giveUp = () => {
    passwordAsked = true;
    void task.destroy();
  };
  task.onPassword = (update: (password: string) => void, reason: number) =>
    askPassword ? askPassword(update, reason, giveUp) : giveUp();
  try {
    const doc = await task.promise;
    return { doc, destroy: () => task.destroy() };
  } catch (error) {
    await task.destroy().catch(() => undefined);
    if (passwordAsked || (error as Error)?.name === 'PasswordException')
      throw new PdfOpenError('password-protected');
    if ((error as Error)?.name === 'InvalidPDFException') throw new PdfOpenError('corrupt');
    throw new PdfOpenError(linkFailure((error as { status?: number })?.status));
  }
}
