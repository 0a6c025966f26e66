import { Fragment, type KeyboardEvent, lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { PreviewKind } from '../../../../core/proxy-api.ts';
import { type RenditionName, renditionPlan } from '../../../../core/renditions.ts';
import type { AttachmentEntry } from '../../../shared/attachments/attachment-entry.ts';
import { type AttachmentState, attachmentState } from '../../../shared/attachments/attachment-state.ts';
import { formatSize, formatTime } from '../../../shared/format/format.ts';
import { defineMessages, type NoMessageValues, useIntl } from '../../../shared/i18n/messages.ts';

const messages = defineMessages<{
  sender: { sender: string };
  status: { status: string };
  kind: { kind: string };
  kindName: { kind: string };
  listLabel: NoMessageValues;
}>({
  listLabel: { id: 'attachments.list.label', defaultMessage: 'Attachments' },
  sender: {
    id: 'attachments.list.sender',
    defaultMessage:
      '{sender, select, customer {Customer} agent {Agent} bot {Bot} system {System} other {{sender}}}',
  },
  status: {
    id: 'attachments.list.status',
    defaultMessage:
      '{status, select, external {External link} unretrievable {Not retrievable} checking {Checking…} unchecked {Not checked yet} blocked {Blocked} scanning {Scanning} gone {Gone} unavailable {Unavailable} clean {Clean} other {Not scanned}}',
  },
  kind: {
    id: 'attachments.list.kindIcon',
    description: 'A short tag on the file-type icon (3-4 letters)',
    defaultMessage:
      '{kind, select, pdf {PDF} image {IMG} audio {AUD} video {VID} text {TXT} csv {CSV} word {DOC} spreadsheet {XLS} presentation {PPT} heic {IMG} tiff {TIF} email {MAIL} outlook {MAIL} zip {ZIP} other {FILE}}',
  },
  kindName: {
    id: 'attachments.list.kindName',
    description: 'What the file is, said by screen readers in place of the icon’s short tag',
    defaultMessage:
      '{kind, select, pdf {PDF} image {Image} audio {Audio} video {Video} text {Text} csv {CSV table} word {Word document} spreadsheet {Spreadsheet} presentation {Presentation} heic {HEIC photo} tiff {TIFF scan} email {Email} outlook {Outlook message} zip {ZIP archive} other {File}}',
  },
});

// Thumbnails load after the list shows, in a chunk of their own (row-thumbnail.tsx).
const RowThumbnail = lazy(() => import('./row-thumbnail.tsx'));

export interface AttachmentListProps {
  /** The conversation the rows are in: with it, rows the listing offers a thumbnail for show one. */
  conversationId?: string;
  entries: AttachmentEntry[];
  selectedId: string | undefined;
  /** The row that Tab reaches (the one last opened), when none is selected. */
  activeId?: string;
  onSelect: (id: string) => void;
  /** A PDF row got focus or the pointer: warm the viewer before it is opened. */
  onWarm?: (kind: PreviewKind) => void;
  locale: string;
  /** The listbox's accessible name. */
  label?: string;
}

const TONES: Record<AttachmentState, string> = {
  external: 'neutral',
  unretrievable: 'neutral',
  checking: 'neutral',
  unchecked: 'neutral',
  blocked: 'danger',
  scanning: 'warning',
  gone: 'danger',
  unavailable: 'danger',
  clean: 'ok',
  unscanned: 'neutral',
};

/** Every attachment of the conversation, oldest first: a keyboard-navigable listbox. */
export function AttachmentList({
  conversationId,
  entries,
  selectedId,
  activeId,
  onSelect,
  onWarm,
  locale,
  label,
}: AttachmentListProps) {
  const intl = useIntl();
  const listRef = useRef<HTMLDivElement>(null);
  // Thumbnails never delay the list: their chunk and requests start once it has been painted.
  const [thumbnails, setThumbnails] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setThumbnails(true), 0);
    return () => clearTimeout(timer);
  }, []);
  const activeIndex = Math.max(
    0,
    entries.findIndex((e) => e.ref.id === (selectedId ?? activeId)),
  );

  function focusRow(index: number) {
    const rows = listRef.current?.querySelectorAll<HTMLElement>('[role="option"]');
    rows?.[index]?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const rows = Array.from(listRef.current?.querySelectorAll<HTMLElement>('[role="option"]') ?? []);
    const current = rows.indexOf(document.activeElement as HTMLElement);
    const last = rows.length - 1;
    const move: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: last };
    if (event.key in move) {
      event.preventDefault();
      focusRow(Math.min(last, Math.max(0, move[event.key] ?? 0)));
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const id = rows[current]?.dataset.id;
      if (id) onSelect(id);
    }
  }

  return (
    // A listbox of rich rows, which a <select> cannot show.
    <div
      ref={listRef}
      role="listbox"
      aria-label={label ?? intl.formatMessage(messages.listLabel)}
      className="attachment-list"
    >
      {entries.map((entry, index) => {
        const { ref, status } = entry;
        // A file shown through its rendition (a Word file as a PDF) is warmed and marked as the rendition.
        const kind = status?.rendition
          ? RENDITION_KINDS[status.rendition]
          : (status?.previewKind ?? guessKind(ref.declaredType));
        // The icon names what the file is (DOC, XLS, MAIL), not the rendition it opens as.
        const source = status?.rendition
          ? renditionPlan(status.sniffedType ?? '', ref.declaredType, ref.fileName)?.source
          : undefined;
        const selected = ref.id === selectedId;
        const state = attachmentState(entry);
        const icon = (
          <span className={`type-icon type-${source ?? kind}`} aria-hidden="true">
            {intl.formatMessage(messages.kind, { kind: source ?? kind })}
          </span>
        );
        return (
          <div
            key={ref.id}
            role="option"
            aria-selected={selected}
            data-id={ref.id}
            tabIndex={index === activeIndex ? 0 : -1}
            className={`attachment-row${selected ? ' selected' : ''}`}
            onClick={() => onSelect(ref.id)}
            onKeyDown={onKeyDown}
            onFocus={() => onWarm?.(kind)}
            onMouseEnter={() => onWarm?.(kind)}
          >
            {thumbnails && conversationId && status?.thumbnail ? (
              <Suspense fallback={icon}>
                <RowThumbnail conversationId={conversationId} attachmentId={ref.id}>
                  {icon}
                </RowThumbnail>
              </Suspense>
            ) : (
              icon
            )}
            <span className="attachment-main">
              {/* Cut with an ellipsis on screen; the title shows it whole, and the row's accessible name has it all. */}
              <span className="attachment-name" title={ref.fileName}>
                {/* Isolated: an Arabic name in an English list, or a Latin one in an Arabic list, keeps its own direction. */}
                <bdi>{ref.fileName}</bdi>
              </span>{' '}
              {/* The icon's tag (DOC, IMG) is for the eye; a screen reader hears what the file is. The
                  spaces between the parts keep the row's accessible name in words (layout ignores them). */}
              <span className="visually-hidden">
                {intl.formatMessage(messages.kindName, { kind: source ?? kind })}
              </span>{' '}
              <span className="attachment-meta">
                {/* A separator, not words: the parts are each in the agent's language already, and each
                    keeps its own direction ("18 KB" stays "18 KB" in an Arabic line). */}
                {[
                  formatSize(status?.size ?? ref.size),
                  ref.sender ? intl.formatMessage(messages.sender, { sender: ref.sender }) : '',
                  formatTime(ref.time, locale),
                ]
                  .filter(Boolean)
                  .map((part, i) => (
                    <Fragment key={part}>
                      {i > 0 ? ' · ' : null}
                      <bdi>{part}</bdi>
                    </Fragment>
                  ))}
              </span>
            </span>{' '}
            <span className={`status-badge tone-${TONES[state]}`}>
              {intl.formatMessage(messages.status, { status: state })}
            </span>
          </div>
        );
      })}
    </div>
  );
}

const RENDITION_KINDS: Record<RenditionName, PreviewKind> = {
  pdf: 'pdf',
  jpeg: 'image',
  email: 'email',
  archive: 'archive',
  thumbnail: 'image',
};

export function guessKind(mime: string | undefined): PreviewKind {
  if (!mime) return 'none';
  if (mime === 'application/pdf') return 'pdf';
  if (mime === 'text/csv') return 'csv';
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('text/') || mime === 'application/json') return 'text';
  return 'none';
}
