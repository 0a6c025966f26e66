import type { PageViewport, PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useState } from 'react';
import { hitQuads, type PageText, type PdfTextIndex, type SearchHit } from './pdf-search.ts';

export interface PdfHighlightsProps {
  doc: PDFDocumentProxy;
  index: PdfTextIndex;
  pageNumber: number;
  scale: number;
  rotation: number;
  hits: { hit: SearchHit; current: boolean }[];
}

/** Search hits drawn over one page; the current hit looks different and is scrolled into view. */
export function PdfHighlights({ doc, index, pageNumber, scale, rotation, hits }: PdfHighlightsProps) {
  const [layout, setLayout] = useState<{ text: PageText; viewport: PageViewport }>();

  useEffect(
    function readPage() {
      let cancelled = false;
      Promise.all([index.pageText(pageNumber), doc.getPage(pageNumber)]).then(
        ([text, page]) => !cancelled && setLayout({ text, viewport: page.getViewport({ scale, rotation }) }),
        () => undefined,
      );
      return () => {
        cancelled = true;
      };
    },
    [doc, index, pageNumber, scale, rotation],
  );

  const currentStart = hits.find((h) => h.current)?.hit.start;
  const ready = layout !== undefined;
  useEffect(
    function showCurrent() {
      if (currentStart === undefined || !ready) return;
      document
        .querySelector(`[data-page="${pageNumber}"] .pdf-hit-current`)
        ?.scrollIntoView({ block: 'center', inline: 'nearest' });
    },
    [currentStart, ready, pageNumber],
  );

  if (!layout) return null;
  const { text, viewport } = layout;
  return (
    <div className="pdf-hits" aria-hidden="true">
      {hits.flatMap(({ hit, current }) =>
        hitQuads(text, hit).map((quad) => {
          const points = quad.map(([x, y]) => viewport.convertToViewportPoint(x, y) as number[]);
          const xs = points.map((p) => p[0] ?? 0);
          const ys = points.map((p) => p[1] ?? 0);
          const left = Math.min(...xs);
          const top = Math.min(...ys);
          return (
            <span
              key={`${hit.start}-${left}-${top}`}
              className={current ? 'pdf-hit pdf-hit-current' : 'pdf-hit'}
              style={{ left, top, width: Math.max(...xs) - left, height: Math.max(...ys) - top }}
            />
          );
        }),
      )}
    </div>
  );
}
