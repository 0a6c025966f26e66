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
 * The preview's code is its own chunk (lazy-preview-pane.tsx), fetched once the list is on screen:
 * before, its download and evaluation would compete with the reads and the list's first render on
 * the agent's machine; after, it is there well before a file can be picked (a row hovered or
 * focused starts it sooner: warm-viewer.ts).
 */
function preloadPreviewPane(): void {
  void loadPreviewPane();
}

/**
 * The whole widget once signed in: the list, and the preview of the selected attachment. Features
 * never import each other, so the two meet here, at the top.
 */
export function AttachmentsScreen({ conversationId, locale, initialSelectedId }: AttachmentsScreenProps) {
  return (
    <AttachmentsBrowser
      conversationId={conversationId}
      locale={locale}
      initialSelectedId={initialSelectedId}
      onWarm={warmViewer}
      onReady={preloadPreviewPane}
      renderPreview={(entry) => <LazyPreviewPane conversationId={conversationId} entry={entry} />}
    />
  );
}
