import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { useIntl } from '../../../shared/i18n/messages.ts';
import { pdfMessages as m } from './pdf-messages.ts';

/** Thumbnails are drawn this wide (CSS px), at most twice that in device pixels. */
const THUMB_WIDTH = 96;

export interface PdfThumbnailsProps {
  doc: PDFDocumentProxy;
  current: number;
  rotation: number;
  onGoTo: (page: number) => void;
}

/** Page thumbnails: a strip beside the pages, or a grid in a narrow panel (CSS decides). */
export function PdfThumbnails({ doc, current, rotation, onGoTo }: PdfThumbnailsProps) {
  const intl = useIntl();
  const list = useRef<HTMLOListElement>(null);

  useEffect(
    function showCurrent() {
      list.current
        ?.querySelector(`[data-thumb="${current}"]`)
        ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    },
    [current],
  );

  return (
    <ol ref={list} className="pdf-thumbnails" aria-label={intl.formatMessage(m.thumbnails)} dir="ltr">
      {Array.from({ length: doc.numPages }, (_, i) => i + 1).map((n) => (
        <li key={n}>
          <button
            type="button"
            data-thumb={n}
            aria-current={n === current ? 'page' : undefined}
            aria-label={intl.formatMessage(m.thumbnail, { page: n })}
            onClick={() => onGoTo(n)}
          >
            <Thumbnail doc={doc} pageNumber={n} rotation={rotation} root={list.current} />
            <span aria-hidden="true">{n}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}

/** One thumbnail, drawn only once it scrolls near, at low resolution; its bitmap is freed on unmount. */
function Thumbnail({
  doc,
  pageNumber,
  rotation,
  root,
}: {
  doc: PDFDocumentProxy;
  pageNumber: number;
  rotation: number;
  root: Element | null;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [near, setNear] = useState(false);

  useEffect(
    function watch() {
      const el = canvas.current;
      if (!el || typeof IntersectionObserver === 'undefined') return;
      const observer = new IntersectionObserver(([e]) => e?.isIntersecting && setNear(true), {
        root,
        rootMargin: '200px',
      });
      observer.observe(el);
      return () => observer.disconnect();
    },
    [root],
  );

  useEffect(
    function draw() {
      const c = canvas.current;
      if (!near || !c) return;
      let task: RenderTask | undefined;
      let cancelled = false;
      doc.getPage(pageNumber).then(
        (page) => {
          if (cancelled) return;
          const base = page.getViewport({ scale: 1, rotation });
          const viewport = page.getViewport({ scale: THUMB_WIDTH / base.width, rotation });
          const ratio = Math.min(2, window.devicePixelRatio || 1);
          c.width = Math.floor(viewport.width * ratio);
          c.height = Math.floor(viewport.height * ratio);
          c.style.height = `${Math.floor(viewport.height)}px`;
          const context = c.getContext('2d');
          if (!context) return;
          task = page.render({
            canvas: c,
            canvasContext: context,
            viewport,
            transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
          });
          task.promise.catch(() => undefined);
        },
        () => undefined,
      );
      return () => {
        cancelled = true;
        task?.cancel();
        c.width = 0;
        c.height = 0;
      };
    },
    [near, doc, pageNumber, rotation],
  );

  return <canvas ref={canvas} className="pdf-thumb" width={0} height={0} />;
}
