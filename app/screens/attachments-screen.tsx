import { AttachmentsBrowser } from '../features/attachments/components/attachments-browser.tsx';
import { PreviewPane } from '../features/preview/preview-pane.tsx';
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
  return (
    <AttachmentsBrowser
      conversationId={conversationId}
      locale={locale}
      initialSelectedId={initialSelectedId}
      onWarm={warmViewer}
      renderPreview={(entry) => <PreviewPane conversationId={conversationId} entry={entry} />}
    />
  );
}
