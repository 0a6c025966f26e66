// What the widget's viewers may do, as the admin decided: passed to the widget with its other
// settings (widget-config, proxy/create-app.ts).

export interface ViewerConfig {
  /** PDF_PRINT: the PDF viewer offers Print (off by default: printing takes a copy out of the desktop). */
  pdfPrint: boolean;
  /**
   * DOWNLOADS: the widget offers Download, and the proxy issues `disposition: attachment` links. Off
   * for contact centres where no customer file may land on an agent's machine.
   */
  downloads: boolean;
}

export function deriveViewer(s: { PDF_PRINT: boolean; DOWNLOADS: boolean }): ViewerConfig {
  return { pdfPrint: s.PDF_PRINT, downloads: s.DOWNLOADS };
}
