// Writes the long text PDFs of the sample org (issue 12): a 520-page policy handbook with a table of
// contents whose lines link to their chapters, an outline (chapters with sections) and one web
// link, and a short protected statement (encrypted afterwards by qpdf in make.sh). Plain PDF 1.7
// written by hand: Helvetica is one of the 14 standard fonts, so nothing is embedded and 520 pages
// stay small. Deterministic: no dates, no random numbers (a fixed-seed generator picks the words).
//   tsx sandbox/sample-files/src/long-document.ts handbook out.pdf
//   tsx sandbox/sample-files/src/long-document.ts statement out.pdf
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

/** Facts the tests and the search benchmark rely on (docs/sandbox.md). */
export const HANDBOOK = {
  pages: 520,
  chapters: 26,
  pagesPerChapter: 20,
  /** "subrogation" is printed once on every tenth page (10, 20, … 520): 52 hits. */
  rareWord: 'subrogation',
  rareHits: 52,
  /** "Résumé" (with accents) is printed once, on page 7; "resume" must find it. */
  accentedWord: 'Résumé',
  accentedPage: 7,
  externalLink: 'https://example.com/claims-handbook',
};

const WORDS = (
  'the insurer insured policy vehicle claim cover excess driver damage repair garage accident report ' +
  'premium notice period renewal schedule endorsement liability third party windscreen theft fire ' +
  'storm flood courtesy car assessor invoice payment settlement total loss salvage value market ' +
  'agreed valuation proof ownership registration licence conviction modification use business ' +
  'social domestic pleasure commuting territory europe green card breakdown recovery legal expenses'
).split(' ');

/** Mulberry32: a small seeded generator, so the same words come out every time. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PDF string in WinAnsi (Latin-1 for these texts), escaped. */
function pdfString(text: string): string {
  let out = '(';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (code > 126) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return `${out})`;
}

/** UTF-16BE text string for outline titles. */
function pdfTextString(text: string): string {
  const hex = ['feff'];
  for (const ch of text) hex.push(ch.charCodeAt(0).toString(16).padStart(4, '0'));
  return `<${hex.join('')}>`;
}

interface PageSpec {
  lines: { text: string; size?: number }[];
  /** Links: rectangle in PDF points and a page number (1-based) or a URL. */
  links: { rect: [number, number, number, number]; page?: number; url?: string }[];
}

interface OutlineEntry {
  title: string;
  page: number;
  children?: OutlineEntry[];
}

const WIDTH = 595;
const HEIGHT = 842;
const MARGIN = 56;
const LEADING = 15;

/** Serialises pages, outline and catalogue as a PDF file. */
const PAGES_PER_NODE = 20;

function writePdf(pages: PageSpec[], outline: OutlineEntry[], title: string): Buffer {
  const objects: (string | Buffer)[] = [];
  /** A new object's number (its body is set later). */
  const reserve = () => objects.push('');
  const set = (n: number, body: string | Buffer) => {
    objects[n - 1] = body;
  };
  const catalog = reserve();
  const pagesRoot = reserve();
  const font = reserve();
  const info = reserve();
  const pageNumbers = pages.map(() => reserve());
  // A balanced page tree (nodes of PAGES_PER_NODE pages), as pdfTeX and Acrobat write one: a reader
  // that looks for page n skips whole nodes by their /Count instead of visiting every page (pdf.js
  // does so for the last page when it opens a file; qpdf keeps the nodes when it linearizes).
  const nodes = Array.from({ length: Math.ceil(pages.length / PAGES_PER_NODE) }, () => reserve());
  set(font, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  set(info, `<< /Title ${pdfTextString(title)} /Producer (sandbox/sample-files/src/long-document.ts) >>`);
  const dest = (page: number) => `[${pageNumbers[page - 1]} 0 R /XYZ null ${HEIGHT} null]`;

  pages.forEach((spec, i) => {
    let y = HEIGHT - MARGIN;
    const ops = ['BT'];
    for (const line of spec.lines) {
      const size = line.size ?? 10;
      y -= line.size ? size + 6 : LEADING;
      ops.push(`/F1 ${size} Tf 1 0 0 1 ${MARGIN} ${y} Tm ${pdfString(line.text)} Tj`);
    }
    ops.push('ET');
    const stream = deflateSync(Buffer.from(ops.join('\n'), 'latin1'), { level: 9 });
    const contents = reserve();
    set(
      contents,
      Buffer.concat([
        Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
        stream,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );
    const annots = spec.links.map((link) => {
      const n = reserve();
      const action = link.url
        ? `/A << /S /URI /URI ${pdfString(link.url)} >>`
        : `/Dest ${dest(link.page ?? 1)}`;
      set(n, `<< /Type /Annot /Subtype /Link /Rect [${link.rect.join(' ')}] /Border [0 0 0] ${action} >>`);
      return `${n} 0 R`;
    });
    set(
      pageNumbers[i] as number,
      `<< /Type /Page /Parent ${nodes[Math.floor(i / PAGES_PER_NODE)]} 0 R /MediaBox [0 0 ${WIDTH} ${HEIGHT}] ` +
        `/Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${contents} 0 R` +
        (annots.length ? ` /Annots [${annots.join(' ')}]` : '') +
        ' >>',
    );
  });
  nodes.forEach((node, k) => {
    const kids = pageNumbers.slice(k * PAGES_PER_NODE, (k + 1) * PAGES_PER_NODE);
    set(
      node,
      `<< /Type /Pages /Parent ${pagesRoot} 0 R /Kids [${kids.map((n) => `${n} 0 R`).join(' ')}] /Count ${kids.length} >>`,
    );
  });
  set(
    pagesRoot,
    `<< /Type /Pages /Kids [${nodes.map((n) => `${n} 0 R`).join(' ')}] /Count ${pages.length} >>`,
  );

  // Outline: a tree of dictionaries linked by /First /Last /Next /Prev /Parent.
  const writeLevel = (
    entries: OutlineEntry[],
    parent: number,
  ): { first: number; last: number; count: number } => {
    const numbers = entries.map(() => reserve());
    const count = entries.length; // children start closed (negative /Count): not counted here
    entries.forEach((entry, i) => {
      const n = numbers[i] as number;
      let kids = '';
      if (entry.children?.length) {
        const sub = writeLevel(entry.children, n);
        kids = ` /First ${sub.first} 0 R /Last ${sub.last} 0 R /Count ${-sub.count}`;
      }
      const prev = i > 0 ? ` /Prev ${numbers[i - 1]} 0 R` : '';
      const next = i < entries.length - 1 ? ` /Next ${numbers[i + 1]} 0 R` : '';
      set(
        n,
        `<< /Title ${pdfTextString(entry.title)} /Parent ${parent} 0 R /Dest ${dest(entry.page)}${prev}${next}${kids} >>`,
      );
    });
    return { first: numbers[0] as number, last: numbers.at(-1) as number, count };
  };
  let outlineRef = '';
  if (outline.length) {
    const root = reserve();
    const top = writeLevel(outline, root);
    set(root, `<< /Type /Outlines /First ${top.first} 0 R /Last ${top.last} 0 R /Count ${top.count} >>`);
    outlineRef = ` /Outlines ${root} 0 R /PageMode /UseOutlines`;
  }
  set(catalog, `<< /Type /Catalog /Pages ${pagesRoot} 0 R${outlineRef} >>`);

  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`];
  for (const o of offsets) xref.push(`${String(o).padStart(10, '0')} 00000 n \n`);
  xref.push(
    `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${offset}\n%%EOF\n`,
  );
  parts.push(Buffer.from(xref.join(''), 'latin1'));
  return Buffer.concat(parts);
}

function sentence(random: () => number): string {
  const n = 8 + Math.floor(random() * 6);
  const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)] as string);
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * Body text from a pool of sentences: a page repeats some of them, as real terms do, which keeps
 * each page's compressed stream small (the sample org has a size budget).
 */
function bodyLines(random: () => number, count: number): string[] {
  const pool = SENTENCES;
  const lines: string[] = [];
  let line = '';
  while (lines.length < count) {
    const s = pool[Math.floor(random() * pool.length)] as string;
    if (line.length + s.length + 1 > 92) {
      lines.push(line);
      line = s;
    } else line = line ? `${line} ${s}` : s;
  }
  return lines;
}

const SENTENCES = (() => {
  const random = seeded(2026);
  return Array.from({ length: 16 }, () => sentence(random));
})();

function chapterTitle(c: number): string {
  const topics = WORDS.slice(1);
  const topic = topics[(c * 7) % topics.length] as string;
  return `Chapter ${c}: ${topic.charAt(0).toUpperCase()}${topic.slice(1)}`;
}

/** The handbook; the heap benchmark asks for a longer one (later pages continue the last chapter). */
export function handbook(count = HANDBOOK.pages): Buffer {
  const random = seeded(12);
  const { chapters, pagesPerChapter } = HANDBOOK;
  const pages: PageSpec[] = [];
  // Page 1: contents, each line a link to its chapter.
  const contents: PageSpec = {
    lines: [{ text: 'Sandbox Insurance motor claims handbook', size: 16 }],
    links: [],
  };
  let y = HEIGHT - MARGIN - 22;
  for (let c = 1; c <= chapters; c++) {
    const page = 2 + (c - 1) * pagesPerChapter;
    contents.lines.push({ text: `${chapterTitle(c)} ........ page ${page}` });
    y -= LEADING;
    contents.links.push({ rect: [MARGIN, y - 3, MARGIN + 300, y + 10], page });
  }
  pages.push(contents);
  for (let p = 2; p <= count; p++) {
    const chapter = Math.min(chapters, Math.floor((p - 2) / pagesPerChapter) + 1);
    const first = (p - 2) % pagesPerChapter === 0 && chapter <= chapters;
    const lines: PageSpec['lines'] = [];
    const links: PageSpec['links'] = [];
    if (first) {
      lines.push({ text: chapterTitle(chapter), size: 14 });
      lines.push({ text: 'Back to contents' });
      const linkY = HEIGHT - MARGIN - 20 - LEADING;
      links.push({ rect: [MARGIN, linkY - 3, MARGIN + 110, linkY + 10], page: 1 });
    }
    const body = bodyLines(random, first ? 34 : 36);
    if (p % 10 === 0) body[20] = `Rights of ${HANDBOOK.rareWord} pass to the insurer once a claim is paid.`;
    if (p === HANDBOOK.accentedPage) body[5] = `${HANDBOOK.accentedWord} of the cover, as agreed at renewal.`;
    if (p === 2) {
      body[1] = `The full handbook is online at ${HANDBOOK.externalLink}`;
      const lineY = HEIGHT - MARGIN - 20 - LEADING * 3;
      links.push({ rect: [MARGIN + 150, lineY - 3, MARGIN + 360, lineY + 10], url: HANDBOOK.externalLink });
    }
    for (const text of body) lines.push({ text });
    lines.push({ text: `Page ${p} of ${count}` });
    pages.push({ lines, links });
  }
  const outline: OutlineEntry[] = [{ title: 'Contents', page: 1 }];
  for (let c = 1; c <= chapters; c++) {
    const page = 2 + (c - 1) * pagesPerChapter;
    outline.push({
      title: chapterTitle(c),
      page,
      children: [
        { title: `Section ${c}.1`, page },
        { title: `Section ${c}.2`, page: page + pagesPerChapter / 2 },
      ],
    });
  }
  return writePdf(pages, outline, 'Motor claims handbook');
}

/** "Protected statement": the text the password test looks for once it is open. */
export const STATEMENT_TEXT = 'Protected statement for claim CLM-1001';

export function statement(): Buffer {
  const random = seeded(7);
  const pages: PageSpec[] = [1, 2].map((p) => ({
    lines: [
      { text: STATEMENT_TEXT, size: 14 },
      ...bodyLines(random, 30).map((text) => ({ text })),
      { text: `Page ${p} of 2` },
    ],
    links: [],
  }));
  return writePdf(pages, [], 'Protected statement');
}

if (process.argv[1]?.endsWith('long-document.ts')) {
  const [, , which, out] = process.argv;
  if (!out || (which !== 'handbook' && which !== 'statement'))
    throw new Error('usage: long-document.ts handbook|statement out.pdf');
  writeFileSync(out, which === 'handbook' ? handbook() : statement());
}
