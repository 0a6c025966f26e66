import type { PDFDocumentProxy, PDFPageProxy, RenderTask } from 'pdfjs-dist';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useIntl } from '../../../shared/i18n/messages.ts';
import { loadPdfEngine } from './pdf-engine.ts';
import { type PdfLink, type PdfLinkTarget, readLinks } from './pdf-links.ts';
import { pdfMessages } from './pdf-messages.ts';

export interface PdfPageProps {
  doc: PDFDocumentProxy;
  pageNumber: number;
  scale: number;
  rotation: number;
  /** Placeholder size (CSS px at scale 1) until the page's own size is known. */
  estimate: { width: number; height: number };
  scrollRoot: HTMLElement | null;
  /** Drawn over the page (search hits). */
  children?: ReactNode;
  /** A link on the page was followed (external ones are confirmed by the viewer first). */
  onLink?: (target: PdfLinkTarget) => void;
}

/**
 * One page: a placeholder until it nears the viewport, then a canvas, a text layer for selection
 * and safe links. Off-screen pages give their canvas memory back (virtualized pages).
 */
export function PdfPage({
  doc,
  pageNumber,
  scale,
  rotation,
  estimate,
  scrollRoot,
  children,
  onLink,
}: PdfPageProps) {
  const intl = useIntl();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const textLayer = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(pageNumber === 1);
  const [page, setPage] = useState<PDFPageProxy>();
  const [links, setLinks] = useState<PdfLink[]>([]);
  // pdf.js draws a page in slices between frames: busy until the last one (aria-busy, which tests wait on too).
  const [drawing, setDrawing] = useState(false);

  useEffect(
    function loadNearTheView() {
      const el = box.current;
      if (!el) return;
      const nearObserver = new IntersectionObserver(([e]) => setNear(!!e?.isIntersecting), {
        root: scrollRoot,
        rootMargin: '100% 0px',
      });
      nearObserver.observe(el);
      return () => nearObserver.disconnect();
    },
    [scrollRoot],
  );

  useEffect(
    function loadPage() {
      if (!near || page) return;
      let cancelled = false;
      doc.getPage(pageNumber).then(
        (p) => !cancelled && setPage(p),
        () => undefined,
      );
      return () => {
        cancelled = true;
      };
    },
    [near, page, doc, pageNumber],
  );

  useEffect(
    function releaseFarPages() {
      // A page scrolled far away keeps only its proxy (its size holds the scroll position): the
      // operator list and fonts it holds in this thread go, so reading a 1,000-page document end to
      // end does not keep every page it passed (pdf.js's PDFPageProxy.cleanup).
      if (near || !page) return;
      page.cleanup();
    },
    [near, page],
  );

  useEffect(
    function renderPage() {
      const c = canvas.current;
      const t = textLayer.current;
      if (!near || !page || !c || !t) return;
      let task: RenderTask | undefined;
      let cancelled = false;
      const viewport = page.getViewport({ scale, rotation });
      const ratio = window.devicePixelRatio || 1;
      c.width = Math.floor(viewport.width * ratio);
      c.height = Math.floor(viewport.height * ratio);
      c.style.width = `${Math.floor(viewport.width)}px`;
      c.style.height = `${Math.floor(viewport.height)}px`;
      const context = c.getContext('2d');
      if (context) {
        task = page.render({
          canvas: c,
          canvasContext: context,
          viewport,
          transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
        });
        setDrawing(true);
        task.promise.then(
          () => !cancelled && setDrawing(false),
          () => !cancelled && setDrawing(false),
        );
      }
      t.replaceChildren();
      t.style.setProperty('--scale-factor', String(scale));
      void loadPdfEngine().then(({ pdfjs }) => {
        if (cancelled) return;
        const layer = new pdfjs.TextLayer({
          textContentSource: page.streamTextContent(),
          container: t,
          viewport,
        });
        layer.render().catch(() => undefined);
      });
      readLinks(doc, page, viewport).then(
        (found) => !cancelled && setLinks(found),
        () => undefined,
      );
      return () => {
        cancelled = true;
        task?.cancel();
        // Give the GPU memory back: a zero-sized canvas holds no bitmap.
        c.width = 0;
        c.height = 0;
      };
    },
    [near, page, scale, rotation, doc],
  );

  const viewport = page?.getViewport({ scale, rotation });
  const width = viewport?.width ?? estimate.width * scale;
  const height = viewport?.height ?? estimate.height * scale;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a page is a labelled group, not a form fieldset
    <div
      ref={box}
      className="pdf-page"
      data-page={pageNumber}
      aria-busy={drawing || undefined}
      style={{ width, height }}
      role="group"
      aria-roledescription={intl.formatMessage(pdfMessages.pageRole)}
      aria-label={intl.formatMessage(pdfMessages.pageLabel, { page: pageNumber, count: doc.numPages })}
    >
      {near ? <canvas ref={canvas} /> : null}
      {near ? <div ref={textLayer} className="textLayer" /> : null}
      {links.map((link) =>
        link.target.kind === 'external' ? (
          <a
            key={`${link.target.href}-${link.style.left}-${link.style.top}`}
            className="pdf-link"
            href={link.target.href}
            target="_blank"
            rel="noopener noreferrer"
            style={link.style}
            onClick={(e) => {
              // Never opened silently: the viewer shows the address and asks first.
              if (!onLink) return;
              e.preventDefault();
              onLink(link.target);
            }}
          >
            <span className="visually-hidden">{link.target.href}</span>
          </a>
        ) : (
          <button
            key={`page-${link.target.page}-${link.style.left}-${link.style.top}`}
            type="button"
            className="pdf-link"
            style={link.style}
            onClick={() => onLink?.(link.target)}
          >
            <span className="visually-hidden">
              {intl.formatMessage(pdfMessages.linkToPage, { page: link.target.page })}
            </span>
          </button>
        ),
      )}
      {children}
    </div>
  );
}
