import { AttachmentsBrowser } from '../features/attachments/components/attachments-browser.tsx';
import { PreviewPane } from '../features/preview/preview-pane.tsx';
import { warmViewer } from '../features/preview/warm-viewer.ts';

export interface AttachmentsScreenProps {
  conversationId: string;
  locale: string;
}

/**
 * The whole widget once signed in: the list, and the preview of the selected attachment. Features
 * never import each other, so the two meet here, at the top.
 */
export function AttachmentsScreen({ conversationId, locale }: AttachmentsScreenProps) {
  return (
    <AttachmentsBrowser
      conversationId={conversationId}
      locale={locale}
      onWarm={warmViewer}
      renderPreview={(entry) => <PreviewPane conversationId={conversationId} entry={entry} />}
    />
  );
}
