// A stand-in for a pdf.js document: enough of PDFDocumentProxy and PDFPageProxy for the viewer's
// controls, with US-letter pages whose viewport honours scale and rotation like pdf.js's does.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { vi } from 'vitest';
import type { loadPdfEngine, OpenedPdf } from '../../../app/features/preview/pdf/pdf-engine.ts';

export interface FakeAnnotation {
  subtype: string;
  url?: string;
  rect: [number, number, number, number];
}

export function fakePdf(numPages: number, annotations: FakeAnnotation[] = []) {
  const getViewport = vi.fn(({ scale, rotation = 0 }: { scale: number; rotation?: number }) => {
    const turned = rotation % 180 !== 0;
    const [width, height] = turned ? [792 * scale, 612 * scale] : [612 * scale, 792 * scale];
    return {
      width,
      height,
      // pdf.js 6 viewports convert points only (convertToViewportRectangle is gone).
      convertToViewportPoint: (x: number, y: number) => [x * scale, y * scale],
    };
  });
  const page = {
    getViewport,
    render: vi.fn(() => ({ promise: Promise.resolve(), cancel: vi.fn() })),
    streamTextContent: () => new ReadableStream(),
    getAnnotations: vi.fn(async () => annotations),
  };
  const doc = { numPages, getPage: vi.fn(async (_n: number) => page) };
  const destroy = vi.fn(async () => undefined);
  const opened: OpenedPdf = { doc: doc as unknown as PDFDocumentProxy, destroy, byRange: false };
  return { opened, doc, page, destroy };
}

/** What `loadPdfEngine` gives the pages: only the text layer is used, and it renders nothing here. */
export function fakeEngine(): Awaited<ReturnType<typeof loadPdfEngine>> {
  class TextLayer {
    render() {
      return Promise.resolve();
    }
  }
  return { pdfjs: { TextLayer }, worker: {} } as unknown as Awaited<ReturnType<typeof loadPdfEngine>>;
}
