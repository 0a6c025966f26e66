// Find in a 520-page PDF (the sample org's claims-handbook.pdf): the widget's search module
// (app/features/preview/pdf/pdf-search.ts) next to pdf.js's own viewer find controller
// (pdfjs-dist/web/pdf_viewer PDFFindController) on the same file, in the same Chromium, in the same
// run; their order alternates between rounds. Both start from a freshly opened document (text not
// yet extracted), case- and accent-insensitive, no typing delay. Two figures each, read in the page:
// - first hit: from the search call until the first hit is known;
// - full count: until every page has been matched and the count is final.
// Target: the widget ≤ 1.2× pdf.js's find controller on both.
//   tsx scripts/bench/search-bench.ts [--json] [--runs 5] [--query subrogation]
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { launchChromium } from '../local-stack/widget-stack.ts';
import { type Figure, round } from './figure.ts';
import type { SearchBenchApi, SearchRun } from './search-page.ts';
import { listenOnLoopback, sendFile } from './static-files.ts';

// What page.evaluate's callbacks see in the bench page.
declare const window: { searchBench: SearchBenchApi };

const root = join(import.meta.dirname, '..', '..');
const FILE = 'claims-handbook.pdf';

function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function bundlePage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      lib: {
        entry: join(root, 'scripts', 'bench', 'search-page.ts'),
        formats: ['es'],
        fileName: 'search-page',
      },
    },
  });
}

function serve(outDir: string): Promise<{ server: Server; url: string }> {
  const files: Record<string, string> = {
    '/pdf.worker.min.mjs': join(root, 'node_modules', 'pdfjs-dist', 'build', 'pdf.worker.min.mjs'),
    [`/${FILE}`]: join(root, 'sandbox', 'sample-files', FILE),
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><meta charset="utf-8"><script type="module" src="/search-page.js"></script>');
      return;
    }
    const file = files[path] ?? (/^\/[\w.-]+\.m?js$/.test(path) ? join(outDir, path) : undefined);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    sendFile(res, file);
  });
  return listenOnLoopback(server);
}

export async function searchBench(options: {
  runs: number;
  query: string;
  log: (line: string) => void;
}): Promise<Figure[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'av-search-bench-'));
  const { log } = options;
  log('Bundling the search page…');
  await bundlePage(outDir);
  const { server, url } = await serve(outDir);
  const browser = await launchChromium();
  const widget: SearchRun[] = [];
  const pdfjs: SearchRun[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/`);
    await page.waitForFunction(() => 'searchBench' in window);
    const fileUrl = `${url}/${FILE}`;
    // One unmeasured round each warms the worker, the caches and the JIT.
    await page.evaluate(([u, q]) => window.searchBench.widget(u, q), [fileUrl, options.query] as const);
    await page.evaluate(([u, q]) => window.searchBench.pdfjsViewer(u, q), [fileUrl, options.query] as const);
    for (let i = 0; i < options.runs; i++) {
      const order = i % 2 === 0 ? (['widget', 'pdfjsViewer'] as const) : (['pdfjsViewer', 'widget'] as const);
      for (const which of order) {
        const run = await page.evaluate(([w, u, q]) => window.searchBench[w](u, q), [
          which,
          fileUrl,
          options.query,
        ] as const);
        (which === 'widget' ? widget : pdfjs).push(run);
        log(
          `  ${which}: first hit ${round(run.firstHitMs)} ms, full count ${round(run.fullCountMs)} ms (${run.count})`,
        );
      }
    }
  } finally {
    await browser.close();
    server.close();
    await rm(outDir, { recursive: true, force: true });
  }
  const counts = new Set([...widget, ...pdfjs].map((r) => r.count));
  if (counts.size !== 1) throw new Error(`the two searches disagree on the count: ${[...counts].join(', ')}`);
  const figures: Figure[] = [];
  for (const [what, key] of [
    ['first hit', 'firstHitMs'],
    ['full count', 'fullCountMs'],
  ] as const) {
    const ours = median(widget.map((r) => r[key]));
    const theirs = median(pdfjs.map((r) => r[key]));
    figures.push({
      name: `find "${options.query}" in ${FILE} (520 pages): ${what}, widget vs pdf.js PDFFindController (median of ${options.runs})`,
      value: round(ours),
      unit: 'ms',
      baseline: round(theirs),
      target: '≤ 1.2× pdf.js',
      pass: ours <= 1.2 * theirs,
    });
  }
  figures.push({
    name: `matches found by both (${FILE}, "${options.query}")`,
    value: [...counts][0] ?? 0,
    unit: 'hits',
  });
  return figures;
}

async function main() {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean' },
      runs: { type: 'string', default: '5' },
      query: { type: 'string', default: 'subrogation' },
    },
  });
  const log = (line: string) => {
    if (!values.json) process.stderr.write(`${line}\n`);
  };
  const figures = await searchBench({ runs: Number(values.runs), query: values.query, log });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  for (const f of figures) {
    const ratio = f.baseline ? ` = ${round(f.value / f.baseline, 2)}× (pdf.js ${f.baseline} ${f.unit})` : '';
    const verdict = f.pass === undefined ? '' : f.pass ? `  PASS (${f.target})` : `  FAIL (${f.target})`;
    process.stdout.write(`${f.name}: ${f.value} ${f.unit}${ratio}${verdict}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
