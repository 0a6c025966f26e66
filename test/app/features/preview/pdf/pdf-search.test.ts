// Real pdf.js (its legacy build, which runs without a canvas) reading the sample org's own PDFs.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hitQuads,
  PdfTextIndex,
  pageTextFrom,
  type SearchHit,
} from '../../../../../app/features/preview/pdf/pdf-search.ts';

const samples = path.join(import.meta.dirname, '..', '..', '..', '..', '..', 'sandbox', 'sample-files');

const tasks: { destroy(): Promise<void> }[] = [];
async function open(name: string) {
  const data = new Uint8Array(await readFile(path.join(samples, name)));
  const standardFontDataUrl = `${path.join(import.meta.dirname, '..', '..', '..', '..', '..', 'node_modules', 'pdfjs-dist', 'standard_fonts')}/`;
  const task = getDocument({ data, standardFontDataUrl });
  tasks.push(task);
  return (await task.promise) as unknown as PDFDocumentProxy;
}
afterAll(() => Promise.all(tasks.map((t) => t.destroy())));

describe('find in a PDF, on a real document', () => {
  let doc: PDFDocumentProxy;
  beforeAll(async () => {
    doc = await open('claim-form.pdf');
  });

  it('finds a phrase across a hyphenated line end, whatever its case', async () => {
    const index = new PdfTextIndex(doc);
    const pages: number[] = [];
    const hits = await index.search('CLAIM NUMBER', (page) => pages.push(page));
    expect(pages).toEqual([1]);
    expect(hits).toHaveLength(1);
    const text = await index.pageText(1);
    const hit = hits[0] as SearchHit;
    expect(text.folded.raw.slice(hit.start, hit.end)).toBe('Claim num-\nber');
  });

  it('reports every hit with its page, and none for a word that is not there', async () => {
    const index = new PdfTextIndex(doc);
    const hits = await index.search('clm-1001', () => undefined);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.page === 1)).toBe(true);
    expect(await index.search('zebra crossing', () => undefined)).toEqual([]);
  });

  it('places a hit inside the page, over the run it was found in', async () => {
    const index = new PdfTextIndex(doc);
    const [hit] = await index.search('Sandbox Insurance', () => undefined);
    const text = await index.pageText(1);
    const quads = hitQuads(text, hit as SearchHit);
    const page = await doc.getPage(1);
    const [, , width, height] = page.view as number[];
    expect(quads).toHaveLength(1);
    for (const [x, y] of quads[0] ?? []) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(width ?? 0);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(height ?? 0);
    }
  });

  it('stops early when the search is aborted', async () => {
    const index = new PdfTextIndex(doc);
    const abort = new AbortController();
    abort.abort();
    const seen: number[] = [];
    await index.search('claim', (page) => seen.push(page), abort.signal);
    expect(seen).toEqual([]);
  });
});

describe('page text from pdf.js text items', () => {
  it('measures a right-to-left run from its right edge', () => {
    const text = pageTextFrom([
      { str: 'שלום עולם', transform: [10, 0, 0, 10, 100, 500], width: 90, height: 10, dir: 'rtl' },
    ]);
    // "שלום" is the first word in reading order, so it is drawn at the right end of the run.
    const [quad] = hitQuads(text, { page: 1, start: 0, end: 4 });
    const xs = (quad ?? []).map(([x]) => x);
    expect(Math.min(...xs)).toBeCloseTo(150);
    expect(Math.max(...xs)).toBeCloseTo(190);
  });

  it('skips marked-content items that carry no text', () => {
    const text = pageTextFrom([{ type: 'beginMarkedContent' }, { str: 'a', hasEOL: true }, { str: 'b' }]);
    expect(text.folded.raw).toBe('a\nb');
  });
});

describe('find in the sample org’s long and multilingual PDFs', () => {
  it('counts every hit of a word in the 520-page handbook, page by page in order', async () => {
    const index = new PdfTextIndex(await open('claims-handbook.pdf'));
    const pages: number[] = [];
    const hits = await index.search('SUBROGATION', (page) => pages.push(page));
    expect(pages).toEqual(Array.from({ length: 520 }, (_, i) => i + 1));
    expect(hits).toHaveLength(52);
    expect(hits.map((h) => h.page)).toEqual(Array.from({ length: 52 }, (_, i) => (i + 1) * 10));
  });

  it('finds an accented word without its accents', async () => {
    const index = new PdfTextIndex(await open('claims-handbook.pdf'));
    const hits = await index.search('resume', () => undefined);
    expect(hits.map((h) => h.page)).toEqual([7]);
  });

  it('finds Arabic set glyph by glyph (as Chromium prints it) and Japanese', async () => {
    const index = new PdfTextIndex(await open('multilingual-letter.pdf'));
    expect(await index.search('مطالبة', () => undefined)).toHaveLength(3);
    // With the hamza the text has (التأمين), and without it.
    expect(await index.search('التأمين', () => undefined)).toHaveLength(1);
    expect(await index.search('التامين', () => undefined)).toHaveLength(1);
    expect(await index.search('保険金', () => undefined)).toHaveLength(2);
  });
});
