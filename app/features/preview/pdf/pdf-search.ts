// Find in a PDF: reads each page's text from pdf.js, folds it (text-normalise.ts) and reports hits
// page by page as the document is read, so the first hits show long before a 500-page file is done.
// Text extraction runs in pdf.js's worker; the main thread only folds and matches one page at a
// time and yields to the event loop between pages, so typing and scrolling stay responsive.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { type FoldedText, findMatches, foldQuery, foldText } from './text-normalise.ts';

/** One run of text on a page, with where it sits (PDF user space, as pdf.js gives it). */
export interface TextRun {
  /** Offsets of the run in the page's text. */
  start: number;
  end: number;
  transform: number[];
  width: number;
  height: number;
  rtl: boolean;
}

export interface PageText {
  folded: FoldedText;
  runs: TextRun[];
}

export interface SearchHit {
  page: number;
  /** Offsets in the page's text (see PageText.runs). */
  start: number;
  end: number;
}

/** How many pages' text is requested ahead of the one being matched. */
const READ_AHEAD = 4;

interface TextItemLike {
  str: string;
  hasEOL?: boolean;
  transform?: number[];
  width?: number;
  height?: number;
  dir?: string;
}

/** Builds a page's searchable text from pdf.js text items (exported for unit tests). */
export function pageTextFrom(items: readonly unknown[]): PageText {
  const parts: string[] = [];
  const runs: TextRun[] = [];
  const lineEnds = new Set<number>();
  let offset = 0;
  for (const item of logicalOrder(items)) {
    parts.push(item.str);
    runs.push({
      start: offset,
      end: offset + item.str.length,
      transform: item.transform ?? [1, 0, 0, 1, 0, 0],
      width: item.width ?? 0,
      height: item.height ?? 0,
      rtl: item.dir === 'rtl',
    });
    offset += item.str.length;
    if (item.hasEOL) {
      lineEnds.add(offset);
      parts.push('\n');
      offset += 1;
    }
  }
  return { folded: foldText(parts.join(''), lineEnds), runs };
}

const BLANK = /^\s*$/u;

/**
 * Text items in reading order. pdf.js reorders the characters inside one item (its bidi step), but
 * a PDF that places each Arabic or Hebrew glyph on its own (Chromium's and Skia's output does) gives
 * one item per glyph, left to right as drawn: reversed. A run of right-to-left items on one line
 * (with the spaces between them) is turned back into the order it is read in.
 */
function logicalOrder(items: readonly unknown[]): TextItemLike[] {
  const texts = items.filter((i): i is TextItemLike => typeof (i as TextItemLike).str === 'string');
  const out: TextItemLike[] = [];
  let i = 0;
  while (i < texts.length) {
    const first = texts[i] as TextItemLike;
    if (first.dir !== 'rtl' || BLANK.test(first.str)) {
      out.push(first);
      i++;
      continue;
    }
    // Extend over right-to-left items and blanks, up to the line's end; end on a right-to-left item.
    let last = i;
    for (let j = i; j < texts.length; j++) {
      const item = texts[j] as TextItemLike;
      if (item.dir === 'rtl' && !BLANK.test(item.str)) last = j;
      else if (!BLANK.test(item.str)) break;
      if (item.hasEOL) break;
    }
    const run = texts.slice(i, last + 1);
    const endsLine = run.at(-1)?.hasEOL ?? false;
    const reversed = run.toReversed().map((item) => ({ ...item, hasEOL: false }));
    const tail = reversed.at(-1);
    if (tail) tail.hasEOL = endsLine;
    out.push(...reversed);
    i = last + 1;
  }
  return out;
}

/** Page texts of one document, read once and kept while the document is open. */
export class PdfTextIndex {
  private readonly pages = new Map<number, Promise<PageText>>();

  constructor(private readonly doc: PDFDocumentProxy) {}

  pageText(page: number): Promise<PageText> {
    let text = this.pages.get(page);
    if (!text) {
      text = this.doc
        .getPage(page)
        .then((p) => p.getTextContent())
        .then((content) => pageTextFrom(content.items));
      // A page that cannot be read has no hits; it does not stop the search.
      text = text.catch(() => pageTextFrom([]));
      this.pages.set(page, text);
    }
    return text;
  }

  /**
   * Finds `query` on every page in order, calling `onPage` after each page is read (with that
   * page's hits, possibly none). Resolves with all hits, or early (with what it has) once
   * `signal` is aborted.
   */
  async search(
    query: string,
    onPage: (page: number, hits: SearchHit[]) => void,
    signal?: AbortSignal,
  ): Promise<SearchHit[]> {
    const folded = foldQuery(query);
    const all: SearchHit[] = [];
    if (!folded) return all;
    const count = this.doc.numPages;
    for (let page = 1; page <= count; page++) {
      for (let ahead = page; ahead <= Math.min(count, page + READ_AHEAD); ahead++) void this.pageText(ahead);
      const text = await this.pageText(page);
      if (signal?.aborted) return all;
      const hits = findMatches(text.folded, folded).map((m) => ({ page, start: m.start, end: m.end }));
      all.push(...hits);
      onPage(page, hits);
      // Cached pages resolve at once: yield anyway, so a long document never blocks input.
      if (page % 8 === 0) await yieldToEventLoop();
      if (signal?.aborted) return all;
    }
    return all;
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Where a hit is drawn: one rectangle per text run it touches, in PDF user space, as four corners.
 * The share of a run's width is taken in proportion to its characters (pdf.js gives a run's width,
 * not each glyph's), and a right-to-left run is measured from its right edge.
 */
export function hitQuads(text: PageText, hit: SearchHit): [number, number][][] {
  const quads: [number, number][][] = [];
  for (const run of text.runs) {
    if (run.end <= hit.start || run.start >= hit.end || run.end === run.start) continue;
    const length = run.end - run.start;
    let from = (Math.max(hit.start, run.start) - run.start) / length;
    let to = (Math.min(hit.end, run.end) - run.start) / length;
    if (run.rtl) [from, to] = [1 - to, 1 - from];
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = run.transform;
    const along = Math.hypot(a, b) || 1;
    const up = Math.hypot(c, d) || 1;
    const [ux, uy] = [a / along, b / along];
    const [vx, vy] = [c / up, d / up];
    const height = run.height || up;
    const x0 = run.width * from;
    const x1 = run.width * to;
    // A glyph box runs from a little below the baseline (descenders) to about its font height above.
    const y0 = -0.2 * height;
    const y1 = 0.85 * height;
    const corner = (x: number, y: number): [number, number] => [e + ux * x + vx * y, f + uy * x + vy * y];
    quads.push([corner(x0, y0), corner(x1, y0), corner(x1, y1), corner(x0, y1)]);
  }
  return quads;
}
