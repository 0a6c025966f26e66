// Links inside a PDF: web and mail links (which are only ever opened after the agent agrees) and
// links to a place in the same document. Script, file and launch actions are dropped.
import type { PageViewport, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';

export type PdfLinkTarget = { kind: 'external'; href: string } | { kind: 'internal'; page: number };

export interface PdfLink {
  target: PdfLinkTarget;
  /** Position over the page, in CSS pixels. */
  style: { left: number; top: number; width: number; height: number };
}

const SAFE_SCHEME = /^(https?:|mailto:)/i;

/** The page number (1-based) a destination points at, or undefined when it cannot be resolved. */
export async function destinationPage(doc: PDFDocumentProxy, dest: unknown): Promise<number | undefined> {
  try {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
    if (!Array.isArray(explicit)) return undefined;
    const [ref] = explicit as unknown[];
    if (typeof ref === 'number') return ref + 1;
    if (ref && typeof ref === 'object')
      return (await doc.getPageIndex(ref as { num: number; gen: number })) + 1;
  } catch {
    // A broken destination is a dead link, not an error.
  }
  return undefined;
}

/** The page's links, placed for `viewport`. */
export async function readLinks(
  doc: PDFDocumentProxy,
  page: PDFPageProxy,
  viewport: PageViewport,
): Promise<PdfLink[]> {
  const annotations = (await page.getAnnotations()) as {
    subtype?: string;
    url?: unknown;
    dest?: unknown;
    rect: number[];
  }[];
  const links = await Promise.all(
    annotations
      .filter((a) => a.subtype === 'Link')
      .map(async (a): Promise<PdfLink | undefined> => {
        let target: PdfLinkTarget | undefined;
        if (typeof a.url === 'string' && SAFE_SCHEME.test(a.url)) target = { kind: 'external', href: a.url };
        else if (a.dest !== undefined && a.dest !== null) {
          const n = await destinationPage(doc, a.dest);
          if (n !== undefined) target = { kind: 'internal', page: n };
        }
        if (!target) return undefined;
        // pdf.js 6 dropped convertToViewportRectangle; two corners are the same thing.
        const [left, bottom, right, top] = a.rect;
        const [x1 = 0, y1 = 0] = viewport.convertToViewportPoint(left ?? 0, bottom ?? 0) as number[];
        const [x2 = 0, y2 = 0] = viewport.convertToViewportPoint(right ?? 0, top ?? 0) as number[];
        return {
          target,
          style: {
            left: Math.min(x1, x2),
            top: Math.min(y1, y2),
            width: Math.abs(x2 - x1),
            height: Math.abs(y2 - y1),
          },
        };
      }),
  );
  return links.filter((l): l is PdfLink => l !== undefined);
}
