import type { PreviewKind } from '../../../core/proxy-api.ts';
import { loadPreviewPane } from './lazy-preview-pane.tsx';

/**
 * Starts loading what opening a file of this kind needs before it is opened: the pane, and for a
 * PDF pdf.js (the one viewer heavy enough to be worth it).
 */
export function warmViewer(kind: PreviewKind): void {
  void loadPreviewPane();
  if (kind === 'pdf') void import('./pdf/pdf-engine.ts').then((engine) => engine.loadPdfEngine());
}
