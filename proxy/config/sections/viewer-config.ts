// What the widget's viewers may do, as the admin decided: passed to the widget with its other
// settings (widget-config, proxy/create-app.ts).

export interface ViewerConfig {
  /** PDF_PRINT: the PDF viewer offers Print (off by default: printing takes a copy out of the desktop). */
  pdfPrint: boolean;
}

export function deriveViewer(s: { PDF_PRINT: boolean }): ViewerConfig {
  return { pdfPrint: s.PDF_PRINT };
}
