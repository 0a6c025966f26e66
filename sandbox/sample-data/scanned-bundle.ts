// The sample org's large scanned file (issue 12): a claim bundle as a scanning service returns it —
// 300 A4 pages, each a JPEG scan or photo of its own (a full image object per page, so the file is
// ~60 MB like the real thing), a Bates number stamped at the foot of each page, with the
// cross-reference table at the end (not linearized: a viewer that wants page 1 must first read the
// end). Generated from committed JPEGs rather than committed itself (the repository
// stays small); deterministic, so its size and digest are fixed facts of the sample org.

/** Facts the tests and the benchmark rely on (docs/sandbox.md). */
export const SCANNED_BUNDLE = {
  fileName: 'claim-file-scanned.pdf',
  pages: 300,
  /** Stamped on every page: `CLM-1001-0001` … `CLM-1001-0300`. */
  batesPrefix: 'CLM-1001-',
};

export interface JpegImage {
  bytes: Uint8Array;
  width: number;
  height: number;
  /** 1 (grey) or 3 (colour). */
  components: number;
}

/** Width, height and components from a JPEG's frame header (SOF0–SOF2). */
export function jpegImage(bytes: Uint8Array): JpegImage {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) throw new Error('not a JPEG: marker expected');
    const marker = bytes[at + 1] ?? 0;
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    if (marker >= 0xc0 && marker <= 0xc2) {
      const height = ((bytes[at + 5] ?? 0) << 8) | (bytes[at + 6] ?? 0);
      const width = ((bytes[at + 7] ?? 0) << 8) | (bytes[at + 8] ?? 0);
      return { bytes, width, height, components: bytes[at + 9] ?? 3 };
    }
    at += 2 + length;
  }
  throw new Error('not a JPEG: no frame header');
}

/** The first DCT-encoded image stream of a PDF (the scanned page of a committed sample PDF). */
export function firstJpegInPdf(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const found = /\/Filter\s*\/DCTDecode\s*\/Length (\d+)\s*>>\s*stream\r?\n/.exec(text);
  if (!found) throw new Error('no JPEG image in this PDF');
  const start = found.index + found[0].length;
  return pdf.subarray(start, start + Number(found[1]));
}

const A4 = { width: 595, height: 842 };
const MARGIN = 24;
const STAMP_SPACE = 24;

/** The page's drawing: the image fitted inside the margins, centred, and the Bates stamp under it. */
function pageContent(image: JpegImage, stamp: string): string {
  const boxW = A4.width - 2 * MARGIN;
  const boxH = A4.height - 2 * MARGIN - STAMP_SPACE;
  const scale = Math.min(boxW / image.width, boxH / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  const x = MARGIN + (boxW - w) / 2;
  const y = MARGIN + STAMP_SPACE + (boxH - h) / 2;
  return (
    `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} ${x.toFixed(2)} ${y.toFixed(2)} cm /Scan Do Q\n` +
    `BT /F1 9 Tf 1 0 0 1 ${A4.width - MARGIN - 80} ${MARGIN + 6} Tm (${stamp}) Tj ET\n`
  );
}

/** Builds the bundle: page n shows images[(n - 1) % images.length]. */
export function scannedBundle(images: JpegImage[], pages = SCANNED_BUNDLE.pages): Uint8Array {
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (chunk: Uint8Array | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    parts.push(bytes);
    length += bytes.length;
  };
  const object = (id: number, body: string, stream?: Uint8Array) => {
    offsets[id] = length;
    if (!stream) return push(`${id} 0 obj\n${body}\nendobj\n`);
    push(`${id} 0 obj\n${body}\nstream\n`);
    push(stream);
    push('\nendstream\nendobj\n');
  };

  // Objects: 1 catalog, 2 page tree, 3 font, then per page n (0-based): page, content, image.
  // Written in the order Ghostscript's pdfwrite writes a scan (as the committed samples were
  // made): the small content streams, the page dictionaries together, the page tree, then the
  // images; the cross-reference table last.
  const pageId = (n: number) => 4 + 3 * n;
  const imageOf = (n: number) => {
    const image = images[n % images.length];
    if (!image) throw new Error('a scanned bundle needs at least one image');
    return image;
  };
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  for (let n = 0; n < pages; n++) {
    const stamp = `${SCANNED_BUNDLE.batesPrefix}${String(n + 1).padStart(4, '0')}`;
    const content = Buffer.from(pageContent(imageOf(n), stamp), 'latin1');
    object(pageId(n) + 1, `<< /Length ${content.length} >>`, content);
  }
  for (let n = 0; n < pages; n++) {
    const id = pageId(n);
    object(
      id,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] ` +
        `/Resources << /Font << /F1 3 0 R >> /XObject << /Scan ${id + 2} 0 R >> >> /Contents ${id + 1} 0 R >>`,
    );
  }
  const kids = Array.from({ length: pages }, (_, n) => `${pageId(n)} 0 R`).join(' ');
  object(2, `<< /Type /Pages /Count ${pages} /Kids [${kids}] >>`);
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  for (let n = 0; n < pages; n++) {
    const image = imageOf(n);
    object(
      pageId(n) + 2,
      `<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} ` +
        `/ColorSpace /${image.components === 1 ? 'DeviceGray' : 'DeviceRGB'} /BitsPerComponent 8 ` +
        `/Filter /DCTDecode /Length ${image.bytes.length} >>`,
      image.bytes,
    );
  }
  const count = pageId(pages);
  const xref = length;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let id = 1; id < count; id++) push(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}
