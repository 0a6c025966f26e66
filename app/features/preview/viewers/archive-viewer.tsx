import type { ArchiveEntryFlag } from '../../../../core/rendition-documents.ts';
import { formatSize, formatTime, isolated } from '../../../shared/format/format.ts';
import {
  defineMessages,
  FormattedMessage,
  type NoMessageValues,
  useIntl,
} from '../../../shared/i18n/messages.ts';
import { previewMessages } from '../messages.ts';
import type { ViewerProps } from '../viewer-props.ts';
import { ProgressNote } from './progress-note.tsx';
import { useRenditionDocument } from './use-rendition-document.ts';

const messages = defineMessages<{
  loading: NoMessageValues;
  tableOf: { name: string };
  summary: { n: number; size: string };
  name: NoMessageValues;
  size: NoMessageValues;
  modified: NoMessageValues;
  flag: { flag: string };
  truncated: { shown: number; n: number };
  note: NoMessageValues;
}>({
  loading: { id: 'preview.archive.loading', defaultMessage: 'Reading the archive' },
  tableOf: { id: 'preview.archive.tableOf', defaultMessage: 'Contents of {name}' },
  summary: {
    id: 'preview.archive.summary',
    defaultMessage: '{n, plural, one {# entry} other {# entries}}, {size} when extracted',
  },
  name: { id: 'preview.archive.name', defaultMessage: 'Name' },
  size: { id: 'preview.archive.size', defaultMessage: 'Size' },
  modified: { id: 'preview.archive.modified', defaultMessage: 'Modified' },
  flag: {
    id: 'preview.archive.flag',
    description: 'A warning next to an entry of an archive',
    defaultMessage:
      '{flag, select, executable {Program} archive {Archive inside} unsafeName {Unsafe name} encrypted {Encrypted} other {Warning}}',
  },
  truncated: {
    id: 'preview.archive.truncated',
    defaultMessage: 'Showing the first {shown} of {n} entries.',
  },
  note: {
    id: 'preview.archive.partsNote',
    defaultMessage:
      'Nothing was extracted to list these entries. Choose one to open it here, on its own; programs, archives inside, encrypted entries and unsafe names do not open.',
  },
});

/** The entries of an archive from its JSON rendition: names, sizes, dates and warnings. */
export default function ArchiveViewer(props: ViewerProps) {
  const intl = useIntl();
  const archive = useRenditionDocument(props, 'archive');
  if (!archive) return <ProgressNote progress={undefined} label={intl.formatMessage(messages.loading)} />;
  const open = props.onOpenPart;
  const tableLabel = intl.formatMessage(messages.tableOf, {
    name: props.link.renditionOf?.fileName ?? props.link.fileName,
  });
  return (
    <div className="archive-viewer">
      <p className="archive-summary">
        <FormattedMessage
          {...messages.summary}
          values={{ n: archive.entryCount, size: isolated(formatSize(archive.declaredSize)) }}
        />
      </p>
      {archive.truncated ? (
        <p className="truncated-notice" role="note">
          <FormattedMessage
            {...messages.truncated}
            values={{ shown: archive.entries.length, n: archive.entryCount }}
          />
        </p>
      ) : null}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard (WCAG 2.1.1) */}
      <section className="table-scroll" tabIndex={0} aria-label={tableLabel}>
        <table className="archive-table">
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage {...messages.name} />
              </th>
              <th scope="col">
                <FormattedMessage {...messages.size} />
              </th>
              <th scope="col">
                <FormattedMessage {...messages.modified} />
              </th>
            </tr>
          </thead>
          <tbody>
            {archive.entries.map((entry, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: an archive may hold one name twice
              <tr key={i} className={entry.flags.length > 0 ? 'archive-flagged' : undefined}>
                <td>
                  {open && !entry.directory && entry.flags.length === 0 ? (
                    <button
                      type="button"
                      className="part-open archive-name"
                      onClick={() => open({ kind: 'zip-entry', path: entry.name }, entry.name)}
                    >
                      <bdi>{entry.name}</bdi>
                    </button>
                  ) : (
                    <bdi className="archive-name">{entry.name}</bdi>
                  )}
                  {entry.flags.map((flag: ArchiveEntryFlag) => (
                    <span key={flag} className={`archive-flag flag-${flag}`}>
                      <FormattedMessage {...messages.flag} values={{ flag }} />
                    </span>
                  ))}
                  {entry.flags[0] ? (
                    <span className="part-not-opened">
                      {' '}
                      <FormattedMessage {...previewMessages.notOpened} values={{ flag: entry.flags[0] }} />
                    </span>
                  ) : null}
                </td>
                <td>
                  <bdi>{entry.directory ? '' : formatSize(entry.size)}</bdi>
                </td>
                <td>{entry.modified ? formatTime(entry.modified, intl.locale) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {open ? (
        <p className="archive-note">
          <FormattedMessage {...messages.note} />
        </p>
      ) : null}
    </div>
  );
}
