import { useEffect, useMemo, useState } from 'react';
import type { PreviewKind } from '../../../../core/proxy-api.ts';
import { useServices } from '../../../shared/api/services.tsx';
import { ErrorState } from '../../preview/error-state.tsx';
import { loadPdfEngine } from '../../preview/pdf/pdf-engine.ts';
import { errorKindOf } from '../../preview/preview-error.ts';
import { PreviewPane } from '../../preview/preview-pane.tsx';
import { useAttachments } from '../api/use-attachments.ts';
import { useAttention } from '../api/use-attention.ts';
import { AttachmentList } from './attachment-list.tsx';

export interface AttachmentsScreenProps {
  conversationId: string;
  locale: string;
}

/** The whole widget once signed in: the list, and the preview of the selected attachment. */
export function AttachmentsScreen({ conversationId, locale }: AttachmentsScreenProps) {
  const { host, onSessionExpired } = useServices();
  const { entries, isLoading, error, statusError, refetch } = useAttachments(conversationId);
  const [selectedId, setSelectedId] = useState<string>();
  const selected = useMemo(() => entries?.find((e) => e.ref.id === selectedId), [entries, selectedId]);
  useAttention(conversationId, entries, host);

  const ready = entries !== undefined || error !== null;
  useEffect(
    function tellTheDesktopWeAreReady() {
      if (ready) host.bootstrapped();
    },
    [ready, host],
  );
  useEffect(
    function reportFailures() {
      const failure = error ?? statusError;
      if (!failure) return;
      if (errorKindOf(failure) === 'session-expired') onSessionExpired();
      else host.showError('Attachments', 'The attachments of this conversation could not be loaded.');
    },
    [error, statusError, host, onSessionExpired],
  );

  const warm = (kind: PreviewKind) => {
    if (kind === 'pdf') void loadPdfEngine();
  };

  let listArea: React.ReactNode;
  if (isLoading) listArea = <p role="status">Looking for attachments…</p>;
  else if (error)
    listArea = <ErrorState kind={errorKindOf(error)} onRetry={refetch} onSignIn={onSessionExpired} />;
  else if (!entries || entries.length === 0)
    listArea = (
      <p className="empty-state" role="status">
        No attachments in this conversation yet. New files appear here as they arrive.
      </p>
    );
  else
    listArea = (
      <>
        <p className="visually-hidden" role="status" aria-live="polite">
          {entries.length} attachment{entries.length === 1 ? '' : 's'}
        </p>
        <AttachmentList
          entries={entries}
          selectedId={selectedId}
          onSelect={setSelectedId}
          onWarm={warm}
          locale={locale}
        />
      </>
    );

  return (
    <main className="attachments-screen">
      <div className="list-area">{listArea}</div>
      {selected ? <PreviewPane conversationId={conversationId} entry={selected} /> : null}
    </main>
  );
}
