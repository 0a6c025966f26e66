// A small PDF writer: pages of Helvetica text, filled rectangles and URI links, uncompressed and
// without dates, so the output is identical on every run. Enough for pdf.js to render real pages.
export interface PdfText {
  x: number;
  y: number;
  size: number;
  text: string;
  bold?: boolean;
  color?: readonly [number, number, number];
}

export interface PdfRect {
  x: number;
  y: number;
  width: number;
  height: number;
  color: readonly [number, number, number];
}

/** Blue underlined text with a clickable URI annotation over it. */
export interface PdfLink {
  x: number;
  y: number;
  size: number;
  text: string;
  uri: string;
}

export interface PdfPage {
  rects?: PdfRect[];
  texts?: PdfText[];
  links?: PdfLink[];
}

const pageWidth = 595; // A4 in points
const pageHeight = 842;

export function buildPdf(pages: readonly PdfPage[], title: string): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const fixedObjects = 5;
  const pageObjectIds: number[] = [];
  let next = fixedObjects + 1;
  const pageBodies: string[][] = pages.map((page) => {
    const pageId = next;
    const contentId = next + 1;
    const links = page.links ?? [];
    const annotIds = links.map((_, i) => contentId + 1 + i);
    next = contentId + 1 + links.length;
    pageObjectIds.push(pageId);
    const annots = annotIds.length === 0 ? '' : ` /Annots [${annotIds.map((id) => `${id} 0 R`).join(' ')}]`;
    const content = contentStream(page);
    return [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageWidth} ${pageHeight}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${contentId} 0 R${annots} >>`,
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      ...links.map((link) => {
        const width = approximateWidth(link.text, link.size);
        return `<< /Type /Annot /Subtype /Link /Rect [${link.x} ${link.y - 3} ${link.x + width} ${link.y + link.size}] /Border [0 0 0] /A << /S /URI /URI ${pdfString(link.uri)} >> >>`;
      }),
    ];
  });
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(
    `<< /Type /Pages /Kids [${pageObjectIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`,
  );
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  add(`<< /Title ${pdfString(title)} /Producer (attachment-viewer sandbox) >>`);
  for (const bodies of pageBodies) for (const body of bodies) add(body);

  // Offsets are byte offsets; every string here is ASCII except the binary marker comment.
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

function contentStream(page: PdfPage): string {
  const ops: string[] = [];
  for (const r of page.rects ?? []) ops.push(`${rgb(r.color)} rg ${r.x} ${r.y} ${r.width} ${r.height} re f`);
  for (const t of page.texts ?? []) {
    ops.push(
      `BT /${t.bold ? 'F2' : 'F1'} ${t.size} Tf ${rgb(t.color ?? [0, 0, 0])} rg ${t.x} ${t.y} Td ${pdfString(t.text)} Tj ET`,
    );
  }
  for (const l of page.links ?? []) {
    const width = approximateWidth(l.text, l.size);
    ops.push(`BT /F1 ${l.size} Tf 0 0 0.8 rg ${l.x} ${l.y} Td ${pdfString(l.text)} Tj ET`);
    ops.push(`0 0 0.8 RG 0.8 w ${l.x} ${l.y - 2} m ${l.x + width} ${l.y - 2} l S`);
  }
  return ops.join('\n');
}

function rgb(color: readonly [number, number, number]): string {
  return color.map((c) => Number(c.toFixed(3))).join(' ');
}

// Helvetica averages about half an em per character: close enough for a link's clickable box.
function approximateWidth(text: string, size: number): number {
  return Math.round(text.length * size * 0.52);
}

// WinAnsiEncoding matches Latin-1 from 0xA0 up; these are the characters it adds below that.
const winAnsiExtras: Record<string, number> = {
  '€': 0x80,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
};

/** A PDF literal string in WinAnsi, with everything outside printable ASCII as octal escapes. */
function pdfString(text: string): string {
  let out = '(';
  for (const char of text) {
    const code = winAnsiExtras[char] ?? char.codePointAt(0) ?? 0x3f;
    const byte =
      code > 0xff || (code >= 0x80 && code < 0xa0 && winAnsiExtras[char] === undefined) ? 0x3f : code;
    if (char === '(' || char === ')' || char === '\\') out += `\\${char}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += char;
  }
  return `${out})`;
}
