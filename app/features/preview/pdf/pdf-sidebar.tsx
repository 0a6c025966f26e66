import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useState } from 'react';
import { useIntl } from '../../../shared/i18n/messages.ts';
import { pdfMessages as m } from './pdf-messages.ts';
import { PdfOutline, usePdfOutline } from './pdf-outline.tsx';
import { PdfThumbnails } from './pdf-thumbnails.tsx';

export interface PdfSidebarProps {
  id: string;
  doc: PDFDocumentProxy;
  current: number;
  rotation: number;
  onGoTo: (page: number) => void;
}

/** Thumbnails, and the outline when the document has one: a strip beside the pages, or over them when narrow. */
export function PdfSidebar({ id, doc, current, rotation, onGoTo }: PdfSidebarProps) {
  const intl = useIntl();
  const outline = usePdfOutline(doc);
  const [view, setView] = useState<'pages' | 'outline'>('pages');
  const hasOutline = outline !== undefined && outline.length > 0;
  const showing = hasOutline ? view : 'pages';
  return (
    <nav id={id} className="pdf-sidebar" aria-label={intl.formatMessage(m.sidebar)}>
      {hasOutline ? (
        <div className="pdf-sidebar-switch">
          <button type="button" aria-pressed={showing === 'pages'} onClick={() => setView('pages')}>
            {intl.formatMessage(m.thumbnails)}
          </button>
          <button type="button" aria-pressed={showing === 'outline'} onClick={() => setView('outline')}>
            {intl.formatMessage(m.outline)}
          </button>
        </div>
      ) : null}
      {showing === 'outline' && outline ? (
        <PdfOutline doc={doc} nodes={outline} onGoTo={onGoTo} />
      ) : (
        <PdfThumbnails doc={doc} current={current} rotation={rotation} onGoTo={onGoTo} />
      )}
    </nav>
  );
}
