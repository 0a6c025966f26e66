import type { PreviewKind } from '../../../core/proxy-api.ts';
import { loadPdfEngine } from './pdf/pdf-engine.ts';

/** Starts loading a kind's heavy viewer code before the file is opened: only pdf.js is worth it. */
export function warmViewer(kind: PreviewKind): void {
  if (kind === 'pdf') void loadPdfEngine();
}
