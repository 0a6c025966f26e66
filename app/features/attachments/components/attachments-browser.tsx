import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PreviewKind } from '../../../../core/proxy-api.ts';
import { useServices } from '../../../shared/api/services.tsx';
import type { AttachmentEntry } from '../../../shared/attachments/attachment-entry.ts';
import { ErrorState } from '../../../shared/errors/error-state.tsx';
import { errorKindOf } from '../../../shared/errors/preview-error.ts';
import {
  defineMessages,
  FormattedMessage,
  type NoMessageValues,
  useIntl,
} from '../../../shared/i18n/messages.ts';
import { useAttachments } from '../api/use-attachments.ts';
import { useAttention } from '../api/use-attention.ts';
import { AttachmentList } from './attachment-list.tsx';
import { InlineImages } from './inline-images.tsx';
import { attachmentMessages } from './messages.ts';
import { ReadNoticeText } from './read-notice.tsx';
import { UnreadSources } from './unread-sources.tsx';
import { useNarrowPanel } from './use-narrow-panel.ts';

const messages = defineMessages<{
  loading: NoMessageValues;
  empty: NoMessageValues;
  allFiles: { n: number };
  position: { position: number; n: number };
  previous: NoMessageValues;
  next: NoMessageValues;
  fileNavigation: NoMessageValues;
  choose: NoMessageValues;
  failedTitle: NoMessageValues;
  failedMessage: NoMessageValues;
}>({
  loading: { id: 'attachments.browser.loading', defaultMessage: 'Looking for attachments…' },
  empty: {
    id: 'attachments.browser.empty',
    defaultMessage: 'No attachments in this conversation yet. New files appear here as they arrive.',
  },
  allFiles: {
    id: 'attachments.browser.allFiles',
    description: 'Goes back from a file to the list of all files; n counts them',
    defaultMessage: 'All files ({n})',
  },
  position: { id: 'attachments.browser.position', defaultMessage: '{position} of {n}' },
  previous: { id: 'attachments.browser.previousFile', defaultMessage: 'Previous file' },
  next: { id: 'attachments.browser.nextFile', defaultMessage: 'Next file' },
  fileNavigation: { id: 'attachments.browser.fileNavigation', defaultMessage: 'Files' },
  choose: { id: 'attachments.browser.choose', defaultMessage: 'Choose a file to see it here.' },
  failedTitle: { id: 'attachments.browser.failedTitle', defaultMessage: 'Attachments' },
  failedMessage: {
    id: 'attachments.browser.failedMessage',
    defaultMessage: 'The attachments of this conversation could not be loaded.',
  },
});

export interface AttachmentsBrowserProps {
  conversationId: string;
  locale: string;
  /** The selected attachment's preview: another feature's, composed by app/screens/attachments-screen.tsx. */
  renderPreview: (entry: AttachmentEntry) => ReactNode;
  /** A row got focus or the pointer: warm that kind's viewer before it is opened. */
  onWarm?: (kind: PreviewKind) => void;
  /** The list (or what keeps it from showing) is on screen: what can wait for it may start. */
  onReady?: () => void;
  /** Selected from the start (a stable link names one file). */
  initialSelectedId?: string;
}

/**
 * The list of a conversation's attachments and what the app shows for the selected one: side by
 * side in a wide panel; in a narrow one (most agents' interaction panel) the list fills the panel
 * and a file replaces it, with "← All files (n)" and previous/next, so no file is ever hidden
 * below a height-capped list. Escape closes a preview and puts the focus back on its row.
 */
export function AttachmentsBrowser({
  conversationId,
  locale,
  renderPreview,
  onWarm,
  onReady,
  initialSelectedId,
}: AttachmentsBrowserProps) {
  const intl = useIntl();
  const { host, onSessionExpired } = useServices();
  const { entries, unread, notice, isLoading, error, statusError, refetch } = useAttachments(conversationId);
  // Files first, then an email's inline images (logos, signatures), collapsed after them: the order
  // of the list on screen, which previous/next and the count follow too.
  const ordered = useMemo(
    () =>
      entries === undefined
        ? undefined
        : [...entries.filter((e) => !e.ref.inlineImage), ...entries.filter((e) => e.ref.inlineImage)],
    [entries],
  );
  const [selectedId, setSelectedId] = useState<string | undefined>(initialSelectedId);
  // The row Tab reaches and focus returns to: the file last opened.
  const [activeId, setActiveId] = useState<string | undefined>(initialSelectedId);
  const selectedIndex = ordered?.findIndex((e) => e.ref.id === selectedId) ?? -1;
  const selected = useMemo(() => ordered?.[selectedIndex], [ordered, selectedIndex]);
  const narrow = useNarrowPanel();
  const screenRef = useRef<HTMLElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  // Where the focus goes once the next render is on screen.
  const focusNext = useRef<'row' | 'back'>(undefined);
  useAttention(conversationId, entries, host);

  const ready = entries !== undefined || error !== null;
  useEffect(
    function tellTheDesktopWeAreReady() {
      if (!ready) return;
      host.bootstrapped();
      onReady?.();
    },
    [ready, host, onReady],
  );
  useEffect(
    function reportFailures() {
      const failure = error ?? statusError;
      // Past retention is an answer, not a failure: the list says so.
      if (!failure || notice?.kind === 'past-retention') return;
      if (errorKindOf(failure) === 'session-expired') onSessionExpired();
      else
        host.showError(intl.formatMessage(messages.failedTitle), intl.formatMessage(messages.failedMessage));
    },
    [error, statusError, notice, host, onSessionExpired, intl],
  );

  const show = useCallback((id: string) => {
    setSelectedId(id);
    setActiveId(id);
  }, []);
  const open = useCallback(
    (id: string) => {
      show(id);
      // The row is about to be hidden: the focus moves to the way back.
      if (narrow) focusNext.current = 'back';
    },
    [narrow, show],
  );
  const close = useCallback(() => {
    setSelectedId(undefined);
    focusNext.current = 'row';
  }, []);

  // The panel dragged across the breakpoint: the focused back button or row may be about to go.
  // Whether the widget has the focus is read while rendering, before they go (once gone, a DOM
  // emulation says the page has no focus); it never takes the focus from the desktop's splitter.
  const wasNarrow = useRef(narrow);
  const hadFocus = useRef(false);
  if (wasNarrow.current !== narrow) hadFocus.current = document.hasFocus();
  useEffect(
    function keepFocusAcrossLayouts() {
      if (wasNarrow.current === narrow) return;
      wasNarrow.current = narrow;
      const focused = document.activeElement;
      const lost =
        hadFocus.current &&
        (focused === null || focused === document.body || focused.closest('[hidden]') !== null);
      if (lost) focusNext.current = narrow && selectedId ? 'back' : 'row';
    },
    [narrow, selectedId],
  );

  useEffect(function moveFocus() {
    const target = focusNext.current;
    focusNext.current = undefined;
    if (target === 'back') backRef.current?.focus();
    else if (target === 'row' && activeId)
      screenRef.current
        ?.querySelector<HTMLElement>(`[role="option"][data-id="${CSS.escape(activeId)}"]`)
        ?.focus();
  });

  useEffect(
    function escapeClosesThePreview() {
      if (!selectedId) return;
      function onKeyDown(event: KeyboardEvent) {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        // A dialog closes itself first (the native <dialog> does on Escape); the preview stays.
        const target = event.target instanceof Element ? event.target : null;
        if (target?.closest('dialog, [role="dialog"], [role="alertdialog"]')) return;
        if (document.querySelector('dialog[open], [role="dialog"][aria-modal="true"]')) return;
        event.preventDefault();
        close();
      }
      document.addEventListener('keydown', onKeyDown);
      return () => document.removeEventListener('keydown', onKeyDown);
    },
    [selectedId, close],
  );

  const count = ordered?.length ?? 0;
  let listArea: React.ReactNode;
  if (isLoading)
    listArea = (
      <p role="status">
        <FormattedMessage {...messages.loading} />
      </p>
    );
  else if (notice?.kind === 'past-retention') listArea = <ReadNoticeText notice={notice} />;
  else if (error)
    listArea = <ErrorState kind={errorKindOf(error)} onRetry={refetch} onSignIn={onSessionExpired} />;
  else if ((!ordered || ordered.length === 0) && notice) listArea = <ReadNoticeText notice={notice} />;
  else if (!ordered || ordered.length === 0)
    listArea = (
      <>
        <UnreadSources unread={unread} onRetry={refetch} />
        <p className="empty-state" role="status">
          {unread.length > 0 ? (
            <FormattedMessage {...attachmentMessages.emptyButPartial} />
          ) : (
            <FormattedMessage {...messages.empty} />
          )}
        </p>
      </>
    );
  else {
    const files = ordered.filter((e) => !e.ref.inlineImage);
    const inline = ordered.filter((e) => e.ref.inlineImage);
    const list = (items: AttachmentEntry[], label?: string) => (
      <AttachmentList
        conversationId={conversationId}
        entries={items}
        selectedId={selectedId}
        activeId={activeId}
        onSelect={open}
        onWarm={onWarm}
        locale={locale}
        label={label}
      />
    );
    listArea = (
      <>
        {notice ? <ReadNoticeText notice={notice} /> : null}
        <UnreadSources unread={unread} onRetry={refetch} />
        <p className="list-count" role="status" aria-live="polite">
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

  // Previous and next keep the focus on the button pressed, so it can be pressed again.
  const step = (by: number) => {
    const next = ordered?.[selectedIndex + by];
    if (next) show(next.ref.id);
  };
  const hasPrevious = selectedIndex > 0;
  const hasNext = selectedIndex >= 0 && selectedIndex < count - 1;

  return (
    <main ref={screenRef} className={`attachments-screen ${narrow ? 'layout-narrow' : 'layout-wide'}`}>
      {/* Hidden, not removed, while a file is open in a narrow panel: its scroll position survives. */}
      <div className="list-area" hidden={narrow && selected !== undefined}>
        {listArea}
      </div>
      {selected ? (
        <div className="preview-area">
          {narrow ? (
            <nav className="file-nav" aria-label={intl.formatMessage(messages.fileNavigation)}>
              <button ref={backRef} type="button" className="back-button" onClick={close}>
                <span className="dir-icon" aria-hidden="true">
                  ←
                </span>{' '}
                <FormattedMessage {...messages.allFiles} values={{ n: count }} />
              </button>
              <span className="file-position">
                <FormattedMessage {...messages.position} values={{ position: selectedIndex + 1, n: count }} />
              </span>
              {/* aria-disabled, not disabled: a button that keeps the focus at either end of the list. */}
              <button
                type="button"
                className="step-button"
                aria-label={intl.formatMessage(messages.previous)}
                title={intl.formatMessage(messages.previous)}
                aria-disabled={!hasPrevious}
                onClick={() => step(-1)}
              >
                <span className="dir-icon" aria-hidden="true">
                  ‹
                </span>
              </button>
              <button
                type="button"
                className="step-button"
                aria-label={intl.formatMessage(messages.next)}
                title={intl.formatMessage(messages.next)}
                aria-disabled={!hasNext}
                onClick={() => step(1)}
              >
                <span className="dir-icon" aria-hidden="true">
                  ›
                </span>
              </button>
            </nav>
          ) : null}
          {renderPreview(selected)}
        </div>
      ) : !narrow && count > 0 ? (
        <p className="preview-placeholder">
          <FormattedMessage {...messages.choose} />
        </p>
      ) : null}
    </main>
  );
}
