import Papa from 'papaparse';
import { useEffect, useState } from 'react';
import {
  defineMessages,
  FormattedMessage,
  type NoMessageValues,
  useIntl,
} from '../../../shared/i18n/messages.ts';
import { fetchWithProgress, type Progress, reportFetchFailure } from '../fetch-with-progress.ts';
import type { ViewerProps } from '../viewer-props.ts';
import { ProgressNote } from './progress-note.tsx';

const messages = defineMessages<{
  loading: NoMessageValues;
  truncated: { kb: number };
  rows: { shown: number; n: number };
  textOf: { name: string };
  tableOf: { name: string };
}>({
  loading: { id: 'preview.text.loading', defaultMessage: 'Loading text' },
  truncated: {
    id: 'preview.text.truncated',
    defaultMessage: 'Showing the first {kb} KB — download the file for the rest.',
  },
  rows: { id: 'preview.text.rows', defaultMessage: 'Showing {shown} of {n} rows.' },
  textOf: { id: 'preview.text.textOf', defaultMessage: 'Text of {name}' },
  tableOf: { id: 'preview.text.tableOf', defaultMessage: 'Table of {name}' },
});

/** Shown at most; the rest is a download away. */
export const TEXT_PREVIEW_BYTES = 200 * 1024;
const CSV_MAX_ROWS = 500;

/** Text, JSON and logs as escaped text; CSV as a table. Only the first 200 KB are fetched. */
export default function TextViewer({ link, onExpired, onError, onLoaded }: ViewerProps) {
  const [text, setText] = useState<{ value: string; truncated: boolean }>();
  const [progress, setProgress] = useState<Progress>();
  const intl = useIntl();

  useEffect(
    function loadText() {
      const controller = new AbortController();
      fetchWithProgress(link.url, {
        signal: controller.signal,
        maxBytes: TEXT_PREVIEW_BYTES,
        onProgress: setProgress,
      })
        .then(({ bytes, truncated }) => {
          setText({ value: new TextDecoder('utf-8').decode(bytes), truncated });
          onLoaded?.();
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) reportFetchFailure(error, { onExpired, onError });
        });
      return () => controller.abort();
    },
    [link.url, onExpired, onError, onLoaded],
  );

  if (!text) return <ProgressNote progress={progress} label={intl.formatMessage(messages.loading)} />;
  const notice = text.truncated ? (
    <p className="truncated-notice" role="note">
      <FormattedMessage {...messages.truncated} values={{ kb: TEXT_PREVIEW_BYTES / 1024 }} />
    </p>
  ) : null;

  if (link.previewKind === 'csv') {
    const parsed = Papa.parse<string[]>(text.value, { skipEmptyLines: true });
    const [header = [], ...rows] = parsed.data;
    const tableLabel = intl.formatMessage(messages.tableOf, { name: link.fileName });
    return (
      <div className="csv-viewer">
        {notice}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard (WCAG 2.1.1) */}
        <section className="table-scroll" tabIndex={0} aria-label={tableLabel}>
          <table>
            <caption className="visually-hidden">{link.fileName}</caption>
            <thead>
              <tr>
                {header.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns have no identity but their position
                  <th key={i} scope="col">
                    {cell}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, CSV_MAX_ROWS).map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
                <tr key={r}>
                  {row.map((cell, c) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells have no identity but their position
                    <td key={c}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {rows.length > CSV_MAX_ROWS ? (
          <p role="note">
            <FormattedMessage {...messages.rows} values={{ shown: CSV_MAX_ROWS, n: rows.length }} />
          </p>
        ) : null}
      </div>
    );
  }
  const textLabel = intl.formatMessage(messages.textOf, { name: link.fileName });
  return (
    <div className="text-viewer">
      {notice}
      {/* React escapes the text: markup in a file is shown, never run. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard (WCAG 2.1.1) */}
      <section className="text-body" tabIndex={0} aria-label={textLabel}>
        <pre>{text.value}</pre>
      </section>
    </div>
  );
}
