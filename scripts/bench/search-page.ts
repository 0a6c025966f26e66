// The page the search benchmark runs in Chromium (bundled by search-bench.ts): the widget's find
// (PdfTextIndex) and pdf.js's own viewer find controller (pdfjs-dist/web/pdf_viewer PDFFindController),
// each on a freshly opened copy of the same file, so neither profits from the other's text cache.
import * as pdfjsLib from 'pdfjs-dist';
import { PdfTextIndex } from '../../app/features/preview/pdf/pdf-search.ts';

// Served by search-bench.ts next to this page, as the widget's build serves it.
pdfjsLib.GlobalWorkerOptions.workerSrc = new URL('/pdf.worker.min.mjs', location.href).href;
// pdf_viewer.mjs reads pdf.js from this global (it is how pdf.js's own viewer loads it).
(globalThis as { pdfjsLib?: unknown }).pdfjsLib = pdfjsLib;

export interface SearchRun {
  firstHitMs: number;
  fullCountMs: number;
  count: number;
}

// Page code, type-checked with the project's Node settings: the few browser globals it uses.
declare const location: { href: string };
declare const window: { searchBench?: unknown };

async function open(url: string) {
  const task = pdfjsLib.getDocument({ url, disableRange: true });
  const doc = await task.promise;
  return { doc, destroy: () => task.destroy() };
}

/** The widget's find: from the call to the first page with a hit, and to the last page read. */
async function widget(url: string, query: string): Promise<SearchRun> {
  const { doc, destroy } = await open(url);
  const index = new PdfTextIndex(doc);
  const start = performance.now();
  let firstHitMs = Number.NaN;
  const hits = await index.search(query, (_page, pageHits) => {
    if (pageHits.length > 0 && Number.isNaN(firstHitMs)) firstHitMs = performance.now() - start;
  });
  const fullCountMs = performance.now() - start;
  await destroy();
  return { firstHitMs, fullCountMs, count: hits.length };
}

/**
 * pdf.js's viewer find: a "find" event as its find bar sends it (no typing delay), timed to the
 * first FOUND state and to the moment every page has been matched (its count event after the last
 * page with a hit; the benchmark's query has one on the last page).
 */
async function pdfjsViewer(url: string, query: string): Promise<SearchRun> {
  const { EventBus, PDFFindController, PDFLinkService } = await import('pdfjs-dist/web/pdf_viewer.mjs');
  const { doc, destroy } = await open(url);
  const eventBus = new EventBus();
  const linkService = new PDFLinkService({ eventBus });
  // The find controller reads and sets the current page through the link service's viewer.
  linkService.setViewer({ currentPageNumber: 1, pagesCount: doc.numPages } as never);
  linkService.setDocument(doc);
  const find = new PDFFindController({ linkService, eventBus, delay: 0, updateMatchesCountOnProgress: true });
  find.setDocument(doc);
  const start = performance.now();
  const run = await new Promise<SearchRun>((resolve) => {
    let firstHitMs = Number.NaN;
    eventBus.on('updatefindcontrolstate', ({ state }: { state: number }) => {
      if (state === 0 && Number.isNaN(firstHitMs)) firstHitMs = performance.now() - start;
    });
    eventBus.on('updatefindmatchescount', ({ matchesCount }: { matchesCount: { total: number } }) => {
      const matched = (find.pageMatches ?? []).filter((m: unknown) => Array.isArray(m)).length;
      if (matched === doc.numPages)
        resolve({ firstHitMs, fullCountMs: performance.now() - start, count: matchesCount.total });
    });
    eventBus.dispatch('find', {
      source: null,
      type: '',
      query,
      caseSensitive: false,
      entireWord: false,
      highlightAll: true,
      findPrevious: false,
      matchDiacritics: false,
    });
  });
  await destroy();
  return run;
}

export interface SearchBenchApi {
  widget: typeof widget;
  pdfjsViewer: typeof pdfjsViewer;
}
window.searchBench = { widget, pdfjsViewer } satisfies SearchBenchApi;
