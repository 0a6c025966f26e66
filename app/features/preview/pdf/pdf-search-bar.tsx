import { useIntl } from '../../../shared/i18n/messages.ts';
import { pdfMessages as m } from './pdf-messages.ts';
import type { PdfSearchState } from './use-pdf-search.ts';

export interface PdfSearchBarProps {
  fieldId: string;
  search: PdfSearchState;
  numPages: number;
  onClose: () => void;
}

/** The find box: Enter for the next hit, Shift+Enter for the previous one, Escape closes. */
export function PdfSearchBar({ fieldId, search, numPages, onClose }: PdfSearchBarProps) {
  const intl = useIntl();
  const { hits, current, done, query } = search;
  let count = '';
  if (query.trim()) {
    if (hits.length > 0 && current >= 0)
      count = intl.formatMessage(m.searchCount, { current: current + 1, total: hits.length });
    else if (!done && hits.length > 0)
      count = intl.formatMessage(m.searchCountPending, { total: hits.length });
    else if (!done) count = intl.formatMessage(m.searchReading, { read: search.pagesRead, count: numPages });
    else count = intl.formatMessage(m.searchNone);
  }
  return (
    <search className="pdf-find">
      <input
        id={fieldId}
        type="search"
        aria-label={intl.formatMessage(m.searchField)}
        placeholder={intl.formatMessage(m.searchField)}
        value={query}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => search.setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (e.shiftKey) search.previous();
            else search.next();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      />
      {/* Spoken when the count settles, not on every page read. */}
      <span className="pdf-find-count" role="status" aria-live="polite" aria-atomic="true">
        {count}
      </span>
      <button
        type="button"
        onClick={search.previous}
        disabled={hits.length === 0}
        aria-label={intl.formatMessage(m.searchPrevious)}
        title={intl.formatMessage(m.searchPrevious)}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        onClick={search.next}
        disabled={hits.length === 0}
        aria-label={intl.formatMessage(m.searchNext)}
        title={intl.formatMessage(m.searchNext)}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button
        type="button"
        onClick={onClose}
        aria-label={intl.formatMessage(m.searchClose)}
        title={intl.formatMessage(m.searchClose)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </search>
  );
}
