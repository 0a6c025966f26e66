// What the large-PDF bench page (large-pdf-page.tsx, browser code) offers the bench (Node code).

/** One request of the file, for the trace (`--trace`): times in ms from the open. */
export interface RequestTrace {
  range: string;
  bytes: number;
  sent: number;
  firstByte?: number;
  done?: number;
}

export interface PageOneRun {
  ms: number;
  bytes: number;
  requests: number;
  rounds: number;
  trace: RequestTrace[];
}

export interface LargePdfBenchApi {
  /** Opens the file by ranges or streamed whole and draws page 1; the time and the traffic. */
  pageOne(url: string, size: number, mode: 'range' | 'stream', chunkBytes?: number): Promise<PageOneRun>;
  /** What pdf.js reads for page 1 in 1 KB pieces, and in how many rounds of dependent requests. */
  pageOneNeeds(url: string, size: number): Promise<{ bytes: number; rounds: number }>;
  /** Parses and draws page 1 from the file already in memory (ms): the CPU's part of the floor. */
  drawFromMemory(url: string): Promise<number>;
  /** Mounts the widget's PdfViewer on the file; the number of pages drawn once page 1 shows. */
  mountViewer(url: string, size: number): Promise<number>;
  /** Goes to page n by the page number field; the number of pages drawn once it shows. */
  goTo(n: number): Promise<number>;
  unmountViewer(): void;
}
