// Printing a PDF (only when the admin allows it: PDF_PRINT): every page is drawn for print at
// 150 dpi into an image, the images go into a hidden same-origin frame with one page per sheet, and
// that frame is printed. So the document prints, not a screenshot of the panel; nothing leaves the
// page (blob: URLs, revoked afterwards).
import type { PDFDocumentProxy } from 'pdfjs-dist';

const PRINT_DPI = 150;

/** Draws every page (reporting progress) and opens the browser's print dialog for them. */
export async function printPdf(
  doc: PDFDocumentProxy,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const urls: string[] = [];
  const sizes: { width: number; height: number }[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      if (signal?.aborted) return;
      const page = await doc.getPage(n);
      const size = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: PRINT_DPI / 72, intent: 'print' } as never);
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2D canvas');
      await page.render({ canvas, canvasContext: context, viewport, intent: 'print' }).promise;
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      canvas.width = 0;
      canvas.height = 0;
      if (!blob) throw new Error('page could not be drawn');
      urls.push(URL.createObjectURL(blob));
      sizes.push({ width: size.width, height: size.height });
      onProgress(n, doc.numPages);
    }
    if (signal?.aborted) return;
    await printImages(urls, sizes);
  } finally {
    for (const url of urls) URL.revokeObjectURL(url);
  }
}

function printImages(urls: string[], sizes: { width: number; height: number }[]): Promise<void> {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.cssText = 'position:fixed;width:0;height:0;border:0;visibility:hidden';
  document.body.append(frame);
  const doc = frame.contentDocument;
  const win = frame.contentWindow;
  if (!doc || !win) {
    frame.remove();
    return Promise.reject(new Error('no print frame'));
  }
  const first = sizes[0] ?? { width: 612, height: 792 };
  const style = doc.createElement('style');
  // The sheet takes the first page's size in points; each page fills one sheet.
  style.textContent = `@page { size: ${first.width}pt ${first.height}pt; margin: 0 }
body { margin: 0 } img { display: block; width: 100%; height: auto; break-after: page }`;
  doc.head.append(style);
  const loads = urls.map((url) => {
    const img = doc.createElement('img');
    img.alt = '';
    img.src = url;
    doc.body.append(img);
    return img.decode().catch(() => undefined);
  });
  return Promise.all(loads).then(
    () =>
      new Promise<void>((resolve) => {
        const done = () => {
          frame.remove();
          resolve();
        };
        win.addEventListener('afterprint', done, { once: true });
        win.focus();
        win.print();
        // Some browsers return from print() without an afterprint event.
        setTimeout(done, 60_000);
      }),
  );
}
