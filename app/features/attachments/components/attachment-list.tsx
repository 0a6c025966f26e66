import { type KeyboardEvent, useRef } from 'react';
import type { PreviewKind } from '../../../../core/proxy-api.ts';
import type { AttachmentEntry } from '../../../shared/attachments/attachment-entry.ts';
import { formatSize, formatTime } from '../../../shared/format/format.ts';
import { useIntl } from '../../../shared/i18n/messages.ts';
import { SOURCE_UNREAD } from '../api/use-attachments.ts';
import { attachmentMessages } from './messages.ts';

export interface AttachmentListProps {
  entries: AttachmentEntry[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  /** A PDF row got focus or the pointer: warm the viewer before it is opened. */
  onWarm?: (kind: PreviewKind) => void;
  locale: string;
  /** The listbox's accessible name. */
  label?: string;
}

/** Every attachment of the conversation, oldest first: a keyboard-navigable listbox. */
export function AttachmentList({
  entries,
  selectedId,
  onSelect,
  onWarm,
  locale,
  label = 'Attachments',
}: AttachmentListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const activeIndex = Math.max(
    0,
    entries.findIndex((e) => e.ref.id === selectedId),
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
    <div ref={listRef} role="listbox" aria-label={label} className="attachment-list">
      {entries.map((entry, index) => {
        const { ref, status } = entry;
        const kind = status?.previewKind ?? guessKind(ref.declaredType);
        const selected = ref.id === selectedId;
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
            <span className={`type-icon type-${kind}`} aria-hidden="true">
              {iconFor(kind)}
            </span>
            <span className="attachment-main">
              <span className="attachment-name" title={ref.fileName}>
                {ref.fileName}
              </span>
              <span className="attachment-meta">
                {[formatSize(status?.size ?? ref.size), senderLabel(ref.sender), formatTime(ref.time, locale)]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </span>
            <StatusBadge entry={entry} />
          </div>
        );
      })}
    </div>
  );
}

function StatusBadge({ entry }: { entry: AttachmentEntry }) {
  const intl = useIntl();
  const { status, ref } = entry;
  let label: string;
  let tone: string;
  if (ref.location.kind === 'external') [label, tone] = ['External link', 'neutral'];
  else if (ref.location.kind === 'unretrievable')
    [label, tone] = [intl.formatMessage(attachmentMessages.notRetrievable), 'neutral'];
  else if (!status) [label, tone] = ['Checking…', 'neutral'];
  else if (status.reason === SOURCE_UNREAD)
    [label, tone] = [intl.formatMessage(attachmentMessages.notCheckedYet), 'neutral'];
  else if (status.reason === 'scan_infected' || status.scan === 'infected')
    [label, tone] = ['Blocked', 'danger'];
  else if (status.reason === 'scan_pending' || status.scan === 'pending')
    [label, tone] = ['Scanning', 'warning'];
  else if (status.availability === 'gone') [label, tone] = ['Gone', 'danger'];
  else if (status.availability !== 'available') [label, tone] = ['Unavailable', 'danger'];
  else if (status.scan === 'clean') [label, tone] = ['Clean', 'ok'];
  else [label, tone] = ['Not scanned', 'neutral'];
  return <span className={`status-badge tone-${tone}`}>{label}</span>;
}

function senderLabel(sender: string): string {
  return { customer: 'Customer', agent: 'Agent', bot: 'Bot', system: 'System' }[sender] ?? sender;
}

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

function iconFor(kind: PreviewKind): string {
  return { pdf: 'PDF', image: 'IMG', audio: 'AUD', video: 'VID', text: 'TXT', csv: 'CSV', none: 'FILE' }[
    kind
  ];
}
