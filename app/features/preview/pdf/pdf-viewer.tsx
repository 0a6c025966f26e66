import 'pdfjs-dist/web/pdf_viewer.css';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { ViewerProps } from '../viewer-props.ts';
import { ProgressNote } from '../viewers/progress-note.tsx';
import { ViewControls } from '../viewers/view-controls.tsx';
import { type OpenedPdf, openPdf, PdfOpenError } from './pdf-engine.ts';
import { PdfPage } from './pdf-page.tsx';

const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

/** PDF inline: page navigation, zoom, fit width, rotate, virtualized pages, selectable text. */
export default function PdfViewer({ link, initialPosition, onExpired, onError, onLoaded }: ViewerProps) {
  const [opened, setOpened] = useState<OpenedPdf>();
  const [progress, setProgress] = useState<{ loaded: number; total?: number }>();
  const [estimate, setEstimate] = useState({ width: 612, height: 792 });
  const [scale, setScale] = useState<number>();
  const [rotation, setRotation] = useState(0);
  const [page, setPage] = useState(initialPosition?.page ?? 1);
  const [pageInput, setPageInput] = useState(String(initialPosition?.page ?? 1));
  const scroller = useRef<HTMLDivElement>(null);
  const visibility = useRef(new Map<number, number>());
  const pageRef = useRef(page);
  pageRef.current = page;

  useEffect(
    function openDocument() {
      let destroyed = false;
      let current: OpenedPdf | undefined;
      openPdf(link.url, (loaded, total) => !destroyed && setProgress({ loaded, total }))
        .then(async (pdf) => {
          if (destroyed) return void pdf.destroy();
          current = pdf;
          const first = await pdf.doc.getPage(1);
          const viewport = first.getViewport({ scale: 1 });
          if (destroyed) return;
          setEstimate({ width: viewport.width, height: viewport.height });
          setOpened(pdf);
          onLoaded?.();
        })
        .catch((error: unknown) => {
          if (destroyed) return;
          const kind = error instanceof PdfOpenError ? error.kind : 'corrupt';
          if (kind === 'expired') onExpired({ page: pageRef.current });
          else onError(kind);
        });
      return () => {
        destroyed = true;
        void current?.destroy();
      };
    },
    [link.url, onExpired, onError, onLoaded],
  );

  const fitWidth = useCallback(() => {
    const width = scroller.current?.clientWidth ?? 600;
    const pageWidth = rotation % 180 === 0 ? estimate.width : estimate.height;
    setScale(Math.max(0.25, (width - 24) / pageWidth));
  }, [estimate, rotation]);

  useEffect(
    function fitOnOpen() {
      if (opened && scale === undefined) fitWidth();
    },
    [opened, scale, fitWidth],
  );

  const goTo = useCallback(
    (n: number) => {
      const doc = opened?.doc;
      if (!doc) return;
      const target = Math.min(doc.numPages, Math.max(1, n));
      setPage(target);
      setPageInput(String(target));
      scroller.current?.querySelector(`[data-page="${target}"]`)?.scrollIntoView({ block: 'start' });
    },
    [opened],
  );

  const resumed = useRef(false);
  const resumePage = initialPosition?.page;
  useEffect(
    function resumeAtPage() {
      if (resumed.current || !opened || scale === undefined) return;
      resumed.current = true;
      if (resumePage && resumePage > 1) goTo(resumePage);
    },
    [opened, scale, resumePage, goTo],
  );

  const onVisible = useCallback((n: number, ratio: number) => {
    visibility.current.set(n, ratio);
    let best = pageRef.current;
    let bestRatio = -1;
    for (const [p, r] of visibility.current) if (r > bestRatio) [best, bestRatio] = [p, r];
    if (bestRatio > 0 && best !== pageRef.current) {
      setPage(best);
      setPageInput(String(best));
    }
  }, []);

  // Shortcuts only while the viewer has focus: the desktop around us keeps its own keys.
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if ((event.target as HTMLElement).tagName === 'INPUT') return;
    if (event.key === 'PageDown' || (event.key === 'ArrowRight' && !event.shiftKey)) goTo(page + 1);
    else if (event.key === 'PageUp' || event.key === 'ArrowLeft') goTo(page - 1);
    else if (event.key === '+' || event.key === '=') zoom(1);
    else if (event.key === '-') zoom(-1);
    else return;
    event.preventDefault();
  }

  function zoom(direction: 1 | -1) {
    const current = scale ?? 1;
    const next =
      direction > 0
        ? ZOOM_STEPS.find((z) => z > current + 0.01)
        : [...ZOOM_STEPS].reverse().find((z) => z < current - 0.01);
    setScale(next ?? current);
  }

  if (!opened) return <ProgressNote progress={progress} label="Loading PDF" />;
  const doc: PDFDocumentProxy = opened.doc;
  return (
    <section className="pdf-viewer" aria-label={`PDF ${link.fileName}`} onKeyDown={onKeyDown}>
      <div className="toolbar" role="toolbar" aria-label="PDF controls">
        <button type="button" onClick={() => goTo(page - 1)} disabled={page <= 1} aria-label="Previous page">
          ‹
        </button>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            goTo(Number(pageInput) || page);
          }}
        >
          <input
            aria-label="Page number"
            inputMode="numeric"
            size={3}
            value={pageInput}
            onChange={(e) => setPageInput(e.target.value.replace(/\D/g, ''))}
          />
          <span> / {doc.numPages}</span>
        </form>
        <button
          type="button"
          onClick={() => goTo(page + 1)}
          disabled={page >= doc.numPages}
          aria-label="Next page"
        >
          ›
        </button>
        <ViewControls
          percent={scale === undefined ? undefined : scale * 100}
          onZoomOut={() => zoom(-1)}
          onZoomIn={() => zoom(1)}
          onFit={fitWidth}
          fitLabel="Fit width"
          onRotate={() => setRotation((r) => (r + 90) % 360)}
        />
      </div>
      <div ref={scroller} className="pdf-pages" tabIndex={-1}>
        {/* Pages wait for the first fit, which measures this container (it must exist first). */}
        {scale === undefined
          ? null
          : Array.from({ length: doc.numPages }, (_, i) => i + 1).map((pageNumber) => (
              <PdfPage
                key={pageNumber}
                doc={doc}
                pageNumber={pageNumber}
                scale={scale}
                rotation={rotation}
                estimate={estimate}
                scrollRoot={scroller.current}
                onVisible={onVisible}
              />
            ))}
      </div>
    </section>
  );
}
