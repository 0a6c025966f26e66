import { type ReactNode, useEffect, useMemo, useState } from 'react';
import type { PreviewKind } from '../../../../core/proxy-api.ts';
import { useServices } from '../../../shared/api/services.tsx';
import type { AttachmentEntry } from '../../../shared/attachments/attachment-entry.ts';
import { ErrorState } from '../../../shared/errors/error-state.tsx';
import { errorKindOf } from '../../../shared/errors/preview-error.ts';
import { FormattedMessage, useIntl } from '../../../shared/i18n/messages.ts';
import { useAttachments } from '../api/use-attachments.ts';
import { useAttention } from '../api/use-attention.ts';
import { AttachmentList } from './attachment-list.tsx';
import { InlineImages } from './inline-images.tsx';
import { attachmentMessages } from './messages.ts';
import { ReadNoticeText } from './read-notice.tsx';
import { UnreadSources } from './unread-sources.tsx';

export interface AttachmentsBrowserProps {
  conversationId: string;
  locale: string;
  /** The selected attachment's preview: another feature's, composed by app/screens/attachments-screen.tsx. */
  renderPreview: (entry: AttachmentEntry) => ReactNode;
  /** A row got focus or the pointer: warm that kind's viewer before it is opened. */
  onWarm?: (kind: PreviewKind) => void;
  /** Selected from the start (a stable link names one file). */
  initialSelectedId?: string;
}

/** The list of a conversation's attachments, and beside it what the app shows for the selected one. */
export function AttachmentsBrowser({
  conversationId,
  locale,
  renderPreview,
  onWarm,
  initialSelectedId,
}: AttachmentsBrowserProps) {
  const { host, onSessionExpired } = useServices();
  const intl = useIntl();
  const { entries, unread, notice, isLoading, error, statusError, refetch } = useAttachments(conversationId);
  const [selectedId, setSelectedId] = useState<string | undefined>(initialSelectedId);
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
      // Past retention is an answer, not a failure: the list says so.
      if (!failure || notice?.kind === 'past-retention') return;
      if (errorKindOf(failure) === 'session-expired') onSessionExpired();
      else host.showError('Attachments', 'The attachments of this conversation could not be loaded.');
    },
    [error, statusError, notice, host, onSessionExpired],
  );

  let listArea: React.ReactNode;
  if (isLoading) listArea = <p role="status">Looking for attachments…</p>;
  else if (notice?.kind === 'past-retention') listArea = <ReadNoticeText notice={notice} />;
  else if (error)
    listArea = <ErrorState kind={errorKindOf(error)} onRetry={refetch} onSignIn={onSessionExpired} />;
  else if ((!entries || entries.length === 0) && notice) listArea = <ReadNoticeText notice={notice} />;
  else if (!entries || entries.length === 0)
    listArea = (
      <>
        <UnreadSources unread={unread} onRetry={refetch} />
        <p className="empty-state" role="status">
          {unread.length > 0
            ? intl.formatMessage(attachmentMessages.emptyButPartial)
            : 'No attachments in this conversation yet. New files appear here as they arrive.'}
        </p>
      </>
    );
  else {
    // An email's inline images (logos, signatures) come after the real attachments, collapsed, so
    // the invoice is the first thing the agent sees.
    const files = entries.filter((e) => !e.ref.inlineImage);
    const inline = entries.filter((e) => e.ref.inlineImage);
    const list = (items: AttachmentEntry[], label?: string) => (
      <AttachmentList
        entries={items}
        selectedId={selectedId}
        onSelect={setSelectedId}
        onWarm={onWarm}
        locale={locale}
        label={label}
      />
    );
    listArea = (
      <>
        {notice ? <ReadNoticeText notice={notice} /> : null}
        <UnreadSources unread={unread} onRetry={refetch} />
        <p className="visually-hidden" role="status" aria-live="polite">
          <FormattedMessage
            {...attachmentMessages.counted}
            values={{ files: files.length, inline: inline.length }}
          />
        </p>
        {files.length > 0 ? list(files) : null}
        {inline.length > 0 ? (
          <InlineImages count={inline.length}>
            {list(inline, intl.formatMessage(attachmentMessages.inlineImagesLabel))}
          </InlineImages>
        ) : null}
      </>
    );
  }

  return (
    <main className="attachments-screen">
      <div className="list-area">{listArea}</div>
      {selected ? renderPreview(selected) : null}
    </main>
  );
}
