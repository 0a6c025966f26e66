import { useEffect } from 'react';
import { AttachmentsBrowser } from '../features/attachments/components/attachments-browser.tsx';
import { LazyPreviewPane, loadPreviewPane } from '../features/preview/lazy-preview-pane.tsx';
import { warmViewer } from '../features/preview/warm-viewer.ts';

export interface AttachmentsScreenProps {
  conversationId: string;
  locale: string;
  /** The attachment to open at once (a stable link opened outside Genesys). */
  initialSelectedId?: string;
}

/**
 * The whole widget once signed in: the list, and the preview of the selected attachment. Features
 * never import each other, so the two meet here, at the top.
 */
export function AttachmentsScreen({ conversationId, locale, initialSelectedId }: AttachmentsScreenProps) {
  // The preview's code is its own chunk (lazy-preview-pane.tsx): fetched once the screen is shown,
  // while the conversation is read, so it is there by the time a file can be picked.
  useEffect(() => {
    void loadPreviewPane();
  }, []);
  return (
    <AttachmentsBrowser
      conversationId={conversationId}
      locale={locale}
      initialSelectedId={initialSelectedId}
      onWarm={warmViewer}
      renderPreview={(entry) => <LazyPreviewPane conversationId={conversationId} entry={entry} />}
    />
  );
}
