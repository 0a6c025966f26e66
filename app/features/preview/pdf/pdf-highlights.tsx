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
        lineBoxes(hitQuads(text, hit), viewport).map((box) => (
          <span
            key={`${hit.start}-${box.left}-${box.top}`}
            className={current ? 'pdf-hit pdf-hit-current' : 'pdf-hit'}
            style={box}
          />
        )),
      )}
    </div>
  );
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * One box per line of a hit: a hit spanning many text runs (a PDF that places every glyph on its
 * own, as Chromium does for Arabic) is drawn as one mark per line, not one per glyph.
 */
function lineBoxes(quads: [number, number][][], viewport: PageViewport): Box[] {
  const boxes: Box[] = [];
  for (const quad of quads) {
    const points = quad.map(([x, y]) => viewport.convertToViewportPoint(x, y) as number[]);
    const xs = points.map((p) => p[0] ?? 0);
    const ys = points.map((p) => p[1] ?? 0);
    const box = { left: Math.min(...xs), top: Math.min(...ys), width: 0, height: 0 };
    box.width = Math.max(...xs) - box.left;
    box.height = Math.max(...ys) - box.top;
    const sameLine = boxes.find((b) => Math.abs(b.top - box.top) < Math.max(b.height, box.height) / 2);
    if (!sameLine) {
      boxes.push(box);
      continue;
    }
    const right = Math.max(sameLine.left + sameLine.width, box.left + box.width);
    const bottom = Math.max(sameLine.top + sameLine.height, box.top + box.height);
    sameLine.left = Math.min(sameLine.left, box.left);
    sameLine.top = Math.min(sameLine.top, box.top);
    sameLine.width = right - sameLine.left;
    sameLine.height = bottom - sameLine.top;
  }
  return boxes;
}
