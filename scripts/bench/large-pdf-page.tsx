// The page the large-PDF benchmark runs in Chromium (bundled by large-pdf-bench.ts), with the
// widget's own code: `openPdf` (range or stream, pdf-engine.ts) for the time to page 1, and the
// whole PdfViewer component for the heap while a 1,000-page document is read end to end.
import '../../app/styles.css';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { createRoot } from 'react-dom/client';
import { openPdf } from '../../app/features/preview/pdf/pdf-engine.ts';
import PdfViewer from '../../app/features/preview/pdf/pdf-viewer.tsx';
import { type Services, ServicesProvider } from '../../app/shared/api/services.tsx';
import { I18nProvider } from '../../app/shared/i18n/i18n-provider.tsx';
import type { LinkResponse } from '../../core/proxy-api.ts';
import type { LargePdfBenchApi, PageOneRun, RequestTrace } from './large-pdf-bench-api.ts';

/**
 * One HTTP request of the file: its bytes, its depth (1 + the depth of the last answer before it
 * was sent), and for the trace its range and when it was sent, began and ended to answer (ms).
 */
interface Request extends RequestTrace {
  round: number;
}

let requests: Request[] = [];
let answeredRound = 0;
let t0 = 0;
const plainFetch = window.fetch.bind(window);
window.fetch = async (input, init) => {
  const range = new Headers(init?.headers).get('range') ?? 'whole';
  const request: Request = { bytes: 0, round: answeredRound + 1, range, sent: performance.now() - t0 };
  requests.push(request);
  const response = await plainFetch(input, init);
  // Counted as it flows, so a streamed file still reaches pdf.js piece by piece.
  const counted = response.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        request.firstByte ??= performance.now() - t0;
        request.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      flush() {
        request.done = performance.now() - t0;
        answeredRound = Math.max(answeredRound, request.round);
      },
    }),
  );
  return new Response(counted, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
};

/** Draws page 1 of `doc` 600 px wide on `canvas`. */
async function drawPageOne(doc: PDFDocumentProxy, canvas: HTMLCanvasElement): Promise<void> {
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale: 600 / page.getViewport({ scale: 1 }).width });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D context');
  await page.render({ canvas, canvasContext: context, viewport }).promise;
}

const farFuture = () => new Date(Date.now() + 3_600_000).toISOString();

/** Time from opening `url` until page 1 is drawn 600 px wide, read by ranges or streamed whole. */
async function pageOne(
  url: string,
  size: number,
  mode: 'range' | 'stream',
  chunkBytes?: number,
): Promise<PageOneRun> {
  requests = [];
  answeredRound = 0;
  const canvas = document.createElement('canvas');
  document.body.replaceChildren(canvas);
  const start = performance.now();
  t0 = start;
  const pdf = await openPdf(
    {
      link: { url, expiresAt: farFuture() },
      size,
      ...(mode === 'range' ? { renew: async () => ({ url, expiresAt: farFuture() }) } : {}),
    },
    {
      onProgress: () => undefined,
      rangeThresholdBytes: mode === 'range' ? 0 : Number.POSITIVE_INFINITY,
      ...(chunkBytes ? { rangeChunkBytes: chunkBytes } : {}),
    },
  );
  await drawPageOne(pdf.doc, canvas);
  const ms = performance.now() - start;
  await pdf.destroy();
  return {
    ms,
    bytes: requests.reduce((sum, r) => sum + r.bytes, 0),
    requests: requests.length,
    rounds: Math.max(0, ...requests.map((r) => r.round)),
    trace: requests.map(({ round: _, ...r }) => r),
  };
}

/** Parsing and drawing page 1 with the whole file already in memory: what no loader can save. */
async function drawFromMemory(url: string): Promise<number> {
  const bytes = new Uint8Array(await (await plainFetch(url)).arrayBuffer());
  const { loadPdfEngine } = await import('../../app/features/preview/pdf/pdf-engine.ts');
  const { pdfjs, worker } = await loadPdfEngine();
  const canvas = document.createElement('canvas');
  document.body.replaceChildren(canvas);
  const start = performance.now();
  const task = pdfjs.getDocument({
    data: bytes,
    worker,
    standardFontDataUrl: new URL('/pdfjs/standard_fonts/', location.href).href,
  });
  await drawPageOne(await task.promise, canvas);
  const ms = performance.now() - start;
  await task.destroy();
  return ms;
}

/**
 * The physical floor's parts: what pdf.js reads to draw page 1 when it may read in 1 KB pieces
 * (the bytes it truly needs, give or take a kilobyte per object) and how many rounds of requests
 * that takes, each depending on the answers before it.
 */
async function pageOneNeeds(url: string, size: number): Promise<{ bytes: number; rounds: number }> {
  requests = [];
  answeredRound = 0;
  const { loadPdfEngine } = await import('../../app/features/preview/pdf/pdf-engine.ts');
  const { LinkRangeReader, linkRangeTransport } = await import(
    '../../app/features/preview/pdf/pdf-range-source.ts'
  );
  const { pdfjs, worker } = await loadPdfEngine();
  const link = { url, expiresAt: farFuture() };
  const reader = new LinkRangeReader(link, async () => link);
  const task = pdfjs.getDocument({
    range: linkRangeTransport(pdfjs.PDFDataRangeTransport, size, reader, () => undefined, undefined),
    rangeChunkSize: 1024,
    disableAutoFetch: true,
    disableStream: true,
    worker,
    standardFontDataUrl: new URL('/pdfjs/standard_fonts/', location.href).href,
  });
  const doc = await task.promise;
  const page = await doc.getPage(1);
  await page.getOperatorList();
  await task.destroy();
  return {
    bytes: requests.reduce((sum, r) => sum + r.bytes, 0),
    rounds: Math.max(0, ...requests.map((r) => r.round)),
  };
}

/** JS heap (bytes) measured by the bench through the DevTools protocol; the page only steps. */
let viewerRoot: ReturnType<typeof createRoot> | undefined;

/** Mounts the widget's PdfViewer on `url` in a 600 × 800 panel; resolves once page 1 shows. */
async function mountViewer(url: string, size: number): Promise<number> {
  // The widget's own layout around a viewer: a pane whose body scrolls, in a 600 × 800 panel.
  const panel = document.createElement('div');
  panel.style.cssText = 'width:600px;height:800px;display:flex;flex-direction:column';
  document.body.replaceChildren(panel);
  const link: LinkResponse = {
    url,
    expiresAt: farFuture(),
    fileName: 'long.pdf',
    contentType: 'application/pdf',
    size,
    disposition: 'inline',
    scan: 'clean',
    previewKind: 'pdf',
    sniffedType: 'application/pdf',
    typeMismatch: false,
  };
  const services = { viewerSettings: { pdfPrint: false } } as unknown as Services;
  viewerRoot = createRoot(panel);
  viewerRoot.render(
    <I18nProvider langTag="en">
      <ServicesProvider services={services}>
        <section className="preview-pane">
          <div className="preview-body">
            <PdfViewer link={link} onExpired={() => undefined} onError={(kind) => console.error(kind)} />
          </div>
        </section>
      </ServicesProvider>
    </I18nProvider>,
  );
  return waitForPage(1);
}

/** Goes to page `n` with the page number field, as an agent would; resolves once it is drawn. */
async function goTo(n: number): Promise<number> {
  const field = document.querySelector<HTMLInputElement>('input[aria-label="Page number"]');
  if (!field) throw new Error('no page number field');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setValue?.call(field, String(n));
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.form?.requestSubmit();
  return waitForPage(n);
}

/** Resolves when page `n`'s canvas has a bitmap; gives the number of drawn canvases then. */
async function waitForPage(n: number): Promise<number> {
  for (let i = 0; i < 600; i++) {
    const canvas = document.querySelector<HTMLCanvasElement>(`.pdf-page[data-page="${n}"] canvas`);
    if (canvas && canvas.width > 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return [...document.querySelectorAll<HTMLCanvasElement>('.pdf-page canvas')].filter((c) => c.width > 0)
        .length;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`page ${n} was not drawn`);
}

function unmountViewer(): void {
  viewerRoot?.unmount();
  viewerRoot = undefined;
}

const api: LargePdfBenchApi = { pageOne, pageOneNeeds, drawFromMemory, mountViewer, goTo, unmountViewer };
(window as unknown as { largePdfBench: LargePdfBenchApi }).largePdfBench = api;
