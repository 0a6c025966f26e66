import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from '../../../shared/i18n/messages.ts';
import type { FitMode } from './pdf-fit.ts';
import { pdfMessages as m } from './pdf-messages.ts';

export interface PdfToolbarProps {
  page: number;
  numPages: number;
  onGoTo: (page: number) => void;
  scale: number | undefined;
  fit: FitMode | undefined;
  onZoom: (direction: 1 | -1) => void;
  onFit: (mode: FitMode) => void;
  onRotate: () => void;
  onSearch: () => void;
  searchOpen: boolean;
  onSidebar: () => void;
  sidebarOpen: boolean;
  sidebarId: string;
  /** Present only when printing is allowed (an admin setting). */
  onPrint?: () => void;
}

/**
 * One line at 320 px: paging, zoom, find and the sidebar stay in view; fit modes, rotate and print
 * sit behind a "more" disclosure, so nothing wraps onto a line of its own (issue 16).
 */
export function PdfToolbar(props: PdfToolbarProps) {
  const { page, numPages, onGoTo, scale, fit } = props;
  const intl = useIntl();
  const [pageInput, setPageInput] = useState(String(page));
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const moreButton = useRef<HTMLButtonElement>(null);
  const more = useRef<HTMLDivElement>(null);
  const menu = useRef<HTMLFieldSetElement>(null);

  useEffect(
    function followPage() {
      setPageInput(String(page));
    },
    [page],
  );

  useEffect(
    function closeWhenFocusLeaves() {
      const el = more.current;
      if (!menuOpen || !el) return;
      const onFocusOut = (e: FocusEvent) => {
        if (!el.contains(e.relatedTarget as Node | null)) setMenuOpen(false);
      };
      el.addEventListener('focusout', onFocusOut);
      return () => el.removeEventListener('focusout', onFocusOut);
    },
    [menuOpen],
  );

  useEffect(
    function focusFirstItem() {
      if (menuOpen) menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    },
    [menuOpen],
  );

  function closeMenu() {
    setMenuOpen(false);
    moreButton.current?.focus();
  }

  function menuItem(label: string, onClick: () => void, pressed?: boolean): ReactNode {
    return (
      <button
        type="button"
        aria-pressed={pressed}
        onClick={() => {
          onClick();
          closeMenu();
        }}
      >
        {label}
      </button>
    );
  }

  return (
    <div className="toolbar pdf-toolbar" role="toolbar" aria-label={intl.formatMessage(m.toolbar)}>
      <button
        type="button"
        onClick={() => onGoTo(page - 1)}
        disabled={page <= 1}
        aria-label={intl.formatMessage(m.previousPage)}
        title={intl.formatMessage(m.previousPage)}
      >
        <span className="dir-icon" aria-hidden="true">
          ‹
        </span>
      </button>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onGoTo(Number(pageInput) || page);
        }}
      >
        <input
          aria-label={intl.formatMessage(m.pageNumber)}
          inputMode="numeric"
          size={3}
          value={pageInput}
          onChange={(e) => setPageInput(e.target.value.replace(/\D/g, ''))}
          onBlur={() => setPageInput(String(page))}
        />
        <span>
          {' '}
          <FormattedMessage {...m.pageCount} values={{ count: numPages }} />
        </span>
      </form>
      <button
        type="button"
        onClick={() => onGoTo(page + 1)}
        disabled={page >= numPages}
        aria-label={intl.formatMessage(m.nextPage)}
        title={intl.formatMessage(m.nextPage)}
      >
        <span className="dir-icon" aria-hidden="true">
          ›
        </span>
      </button>
      <span className="pdf-toolbar-gap" />
      <button
        type="button"
        onClick={() => props.onZoom(-1)}
        aria-label={intl.formatMessage(m.zoomOut)}
        title={intl.formatMessage(m.zoomOut)}
      >
        −
      </button>
      <span className="pdf-zoom-percent" aria-live="polite">
        {scale === undefined ? '' : intl.formatMessage(m.zoomPercent, { percent: Math.round(scale * 100) })}
      </span>
      <button
        type="button"
        onClick={() => props.onZoom(1)}
        aria-label={intl.formatMessage(m.zoomIn)}
        title={intl.formatMessage(m.zoomIn)}
      >
        +
      </button>
      <button
        type="button"
        onClick={props.onSearch}
        aria-pressed={props.searchOpen}
        aria-label={intl.formatMessage(m.search)}
        title={intl.formatMessage(m.search)}
      >
        <span aria-hidden="true">⌕</span>
      </button>
      <button
        type="button"
        onClick={props.onSidebar}
        aria-expanded={props.sidebarOpen}
        aria-controls={props.sidebarId}
        aria-label={intl.formatMessage(m.sidebar)}
        title={intl.formatMessage(m.sidebar)}
      >
        <span aria-hidden="true">▤</span>
      </button>
      <div className="pdf-more" ref={more}>
        <button
          ref={moreButton}
          type="button"
          aria-expanded={menuOpen}
          aria-controls={menuId}
          aria-label={intl.formatMessage(m.moreControls)}
          title={intl.formatMessage(m.moreControls)}
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span aria-hidden="true">⋯</span>
        </button>
        {/* A disclosure of plain buttons: Tab reaches each one, Escape closes and returns focus. */}
        <fieldset
          ref={menu}
          id={menuId}
          aria-label={intl.formatMessage(m.moreControls)}
          className="pdf-more-panel"
          hidden={!menuOpen}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              closeMenu();
            }
          }}
        >
          {menuItem(intl.formatMessage(m.fitWidth), () => props.onFit('width'), fit === 'width')}
          {menuItem(intl.formatMessage(m.fitPage), () => props.onFit('page'), fit === 'page')}
          {menuItem(intl.formatMessage(m.actualSize), () => props.onFit('actual'), fit === 'actual')}
          {menuItem(intl.formatMessage(m.rotate), props.onRotate)}
          {props.onPrint ? menuItem(intl.formatMessage(m.print), props.onPrint) : null}
        </fieldset>
      </div>
    </div>
  );
}
