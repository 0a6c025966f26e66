import 'pdfjs-dist/web/pdf_viewer.css';
import './pdf-viewer.css';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { type KeyboardEvent, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useServices } from '../../../shared/api/services.tsx';
import { useIntl } from '../../../shared/i18n/messages.ts';
import type { ViewerProps } from '../viewer-props.ts';
import { ProgressNote } from '../viewers/progress-note.tsx';
import { type AskPassword, type OpenedPdf, openPdf, PdfOpenError } from './pdf-engine.ts';
import { clampScale, type FitMode, fitScale, type Size, stepScale } from './pdf-fit.ts';
import { PdfHighlights } from './pdf-highlights.tsx';
import { PdfLinkConfirm } from './pdf-link-confirm.tsx';
import type { PdfLinkTarget } from './pdf-links.ts';
import { pdfMessages as m } from './pdf-messages.ts';
import { PdfPage } from './pdf-page.tsx';
import { PdfPasswordPrompt } from './pdf-password-prompt.tsx';
import { printPdf } from './pdf-print.ts';
import { PdfSearchBar } from './pdf-search-bar.tsx';
import { PdfSidebar } from './pdf-sidebar.tsx';
import { PdfToolbar } from './pdf-toolbar.tsx';
import { captureAnchor, pageInView, restoreAnchor, type ScrollAnchor } from './scroll-anchor.ts';
import { usePdfSearch } from './use-pdf-search.ts';
import { usePinchZoom } from './use-pinch-zoom.ts';

/** Below this panel width a page is fitted to the width by default, above it the whole page shows. */
const NARROW_PANEL = 640;
/** Below this panel width the sidebar covers the pages (pdf-viewer.css says the same). */
const NARROW_SIDEBAR = 480;

/**
 * PDF inline: fit modes, zoom (buttons, keys, Ctrl+wheel, pinch), rotate, page navigation,
 * virtualized pages with selectable text. The view keeps its place across zoom and rotation.
 */
export default function PdfViewer({
  link,
  initialPosition,
  onExpired,
  onError,
  onLoaded,
  renewLink,
}: ViewerProps) {
  const intl = useIntl();
  const [opened, setOpened] = useState<OpenedPdf>();
  const [progress, setProgress] = useState<{ loaded: number; total?: number }>();
  const [passwordRequest, setPasswordRequest] = useState<{
    wrong: boolean;
    answer: (password: string | undefined) => void;
  }>();
  /** The open question, so closing the viewer can answer it (and pdf.js drops the document). */
  const pendingPassword = useRef<(password: string | undefined) => void>(undefined);
  const askPassword = useCallback<AskPassword>((update, reason, giveUp) => {
    const answer = (password: string | undefined) => {
      pendingPassword.current = undefined;
      setPasswordRequest(undefined);
      if (password === undefined) giveUp();
      else update(password);
    };
    pendingPassword.current = answer;
    // pdf.js's PasswordResponses.INCORRECT_PASSWORD: the password just given was wrong.
    setPasswordRequest({ wrong: reason === 2, answer });
  }, []);
  const [estimate, setEstimate] = useState<Size>({ width: 612, height: 792 });
  /** A fit mode, or undefined once the agent picked a zoom of their own. */
  const [fit, setFit] = useState<FitMode>();
  const [customScale, setCustomScale] = useState<number>();
  const [box, setBox] = useState<Size>();
  const [rotation, setRotation] = useState(0);
  const [page, setPage] = useState(initialPosition?.page ?? 1);
  const [searchOpen, setSearchOpen] = useState(false);
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const [askLink, setAskLink] = useState<string>();
  const [printing, setPrinting] = useState<{ done: number; total: number }>();
  const canPrint = useServices().viewerSettings?.pdfPrint === true;
  const scroller = useRef<HTMLDivElement>(null);
  const pageRef = useRef(page);
  pageRef.current = page;
  const anchor = useRef<ScrollAnchor | undefined>(undefined);
  const searchFieldId = useId();
  const sidebarId = useId();
  const search = usePdfSearch(opened?.doc, page);

  const scale =
    box === undefined ? undefined : fit === undefined ? customScale : fitScale(fit, box, estimate, rotation);

  // The renewal is read at the time of a range request; a new function must not reopen the file.
  const renewRef = useRef(renewLink);
  renewRef.current = renewLink;
  useEffect(
    function openDocument() {
      let destroyed = false;
      let current: OpenedPdf | undefined;
      const renew = renewRef.current;
      const source = {
        link: { url: link.url, expiresAt: link.expiresAt },
        ...(link.size !== undefined ? { size: link.size } : {}),
        ...(renew ? { renew: () => renew() } : {}),
      };
      const failed = (kind: PdfOpenError['kind']) => {
        if (destroyed) return;
        if (kind === 'expired') onExpired({ page: pageRef.current });
        else onError(kind);
      };
      openPdf(source, {
        onProgress: (loaded, total) => !destroyed && setProgress({ loaded, total }),
        askPassword,
        onRangeFailure: failed,
      })
        .then(async (pdf) => {
          if (destroyed) return void pdf.destroy();
          current = pdf;
          const first = await pdf.doc.getPage(1);
          const viewport = first.getViewport({ scale: 1 });
          if (destroyed) return;
          setEstimate({ width: viewport.width, height: viewport.height });
          setOpened(pdf);
          onLoaded?.();
        })
        .catch((error: unknown) => failed(error instanceof PdfOpenError ? error.kind : 'corrupt'));
      return () => {
        destroyed = true;
        pendingPassword.current?.(undefined);
        void current?.destroy();
      };
    },
    [link.url, link.expiresAt, link.size, onExpired, onError, onLoaded, askPassword],
  );

  const customScaleRef = useRef(customScale);
  customScaleRef.current = customScale;
  /** Reads the panel's size; a fit mode follows it (and the first one is chosen by it). */
  const measure = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const next = { width: el.clientWidth || 600, height: el.clientHeight || 800 };
    setBox((old) => (old && old.width === next.width && old.height === next.height ? old : next));
    setFit((old) => old ?? (customScaleRef.current === undefined ? defaultFit(next.width) : old));
  }, []);

  const hasScroller = opened !== undefined;
  useEffect(
    function measurePanel() {
      const el = scroller.current;
      if (!hasScroller || !el) return;
      measure();
      const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
      observer?.observe(el);
      return () => observer?.disconnect();
    },
    [hasScroller, measure],
  );

  /** Remembers where the agent is reading, so the next layout can put them back there. */
  const keepPlace = useCallback((point?: { x: number; y: number }) => {
    if (scroller.current) anchor.current = captureAnchor(scroller.current, point);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a rotation moves every page even when the scale stays
  useLayoutEffect(
    function restorePlace() {
      const el = scroller.current;
      if (!el || !anchor.current || scale === undefined) return;
      restoreAnchor(el, anchor.current);
      anchor.current = undefined;
    },
    [scale, rotation],
  );

  const zoomTo = useCallback(
    (next: number, point?: { x: number; y: number }) => {
      keepPlace(point);
      setCustomScale(clampScale(next));
      setFit(undefined);
    },
    [keepPlace],
  );

  const zoom = useCallback(
    (direction: 1 | -1) => {
      if (scale !== undefined) zoomTo(stepScale(scale, direction));
    },
    [scale, zoomTo],
  );

  const chooseFit = useCallback(
    (mode: FitMode) => {
      keepPlace();
      measure();
      setFit(mode);
    },
    [keepPlace, measure],
  );

  const rotate = useCallback(() => {
    // The fit mode stays: fit width is fit width again once the page is turned (issue 16).
    keepPlace();
    setRotation((r) => (r + 90) % 360);
  }, [keepPlace]);

  usePinchZoom(scroller, hasScroller, scale, zoomTo);

  const goTo = useCallback(
    (n: number) => {
      const doc = opened?.doc;
      if (!doc) return;
      const target = Math.min(doc.numPages, Math.max(1, n));
      setPage(target);
      scroller.current?.querySelector(`[data-page="${target}"]`)?.scrollIntoView({ block: 'start' });
    },
    [opened],
  );

  const print = useCallback(() => {
    const doc = opened?.doc;
    if (!doc) return;
    setPrinting({ done: 0, total: doc.numPages });
    printPdf(doc, (done, total) => setPrinting({ done, total }))
      .catch(() => undefined)
      .finally(() => setPrinting(undefined));
  }, [opened]);

  const followLink = useCallback(
    (target: PdfLinkTarget) => {
      if (target.kind === 'internal') goTo(target.page);
      else setAskLink(target.href);
    },
    [goTo],
  );

  const resumed = useRef(false);
  const resumePage = initialPosition?.page;
  useEffect(
    function resumeAtPage() {
      if (resumed.current || !opened || scale === undefined) return;
      resumed.current = true;
      if (resumePage && resumePage > 1) goTo(resumePage);
    },
    [opened, scale, resumePage, goTo],
  );

  useEffect(
    function followTheReader() {
      const el = scroller.current;
      if (!hasScroller || !el) return;
      let frame = 0;
      const onScroll = () => {
        if (frame) return;
        frame = requestAnimationFrame(() => {
          frame = 0;
          const n = pageInView(el);
          if (n !== undefined && n !== pageRef.current) setPage(n);
        });
      };
      el.addEventListener('scroll', onScroll, { passive: true });
      return () => {
        el.removeEventListener('scroll', onScroll);
        cancelAnimationFrame(frame);
      };
    },
    [hasScroller],
  );

  // Shortcuts only while the viewer has focus: the desktop around us keeps its own keys.
  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const doc = opened?.doc;
    if (!doc) return;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
      setSearchOpen(true);
      focusSearch();
    } else if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    } else if (isTextField(event.target)) {
      return;
    } else if (event.key === 'PageDown' || (event.key === 'ArrowRight' && !event.shiftKey)) goTo(page + 1);
    else if (event.key === 'PageUp' || event.key === 'ArrowLeft') goTo(page - 1);
    else if (event.key === 'Home') goTo(1);
    else if (event.key === 'End') goTo(doc.numPages);
    else if (event.key === '+' || event.key === '=') zoom(1);
    else if (event.key === '-' || event.key === '−') zoom(-1);
    else if (event.key === '0') chooseFit(defaultFit(box?.width ?? 0));
    else return;
    event.preventDefault();
  }

  function focusSearch() {
    // The field exists after the next render when find was closed.
    requestAnimationFrame(() => document.getElementById(searchFieldId)?.focus());
  }

  if (!opened && passwordRequest)
    return (
      <PdfPasswordPrompt
        wrong={passwordRequest.wrong}
        onSubmit={(password) => passwordRequest.answer(password)}
        onCancel={() => passwordRequest.answer(undefined)}
      />
    );
  if (!opened) return <ProgressNote progress={progress} label={intl.formatMessage(m.loading)} />;
  const doc: PDFDocumentProxy = opened.doc;
  const closeSearch = () => {
    setSearchOpen(false);
    search.setQuery('');
    scroller.current?.focus();
  };
  return (
    <section
      className="pdf-viewer"
      aria-label={intl.formatMessage(m.region, { name: link.fileName })}
      onKeyDown={onKeyDown}
    >
      <PdfToolbar
        page={page}
        numPages={doc.numPages}
        onGoTo={goTo}
        scale={scale}
        fit={fit}
        onZoom={zoom}
        onFit={chooseFit}
        onRotate={rotate}
        onSearch={() => {
          if (searchOpen) closeSearch();
          else {
            setSearchOpen(true);
            focusSearch();
          }
        }}
        searchOpen={searchOpen}
        onSidebar={() => setSidebarOpen((open) => !open)}
        sidebarId={sidebarId}
        onPrint={canPrint && !printing ? print : undefined}
        sidebarOpen={sidebarOpen}
      />
      {searchOpen ? (
        <PdfSearchBar fieldId={searchFieldId} search={search} numPages={doc.numPages} onClose={closeSearch} />
      ) : null}
      <div className="pdf-body">
        {sidebarOpen ? (
          <PdfSidebar
            id={sidebarId}
            doc={doc}
            current={page}
            rotation={rotation}
            onGoTo={(n) => {
              goTo(n);
              // Over the pages in a narrow panel: step aside once a page is chosen.
              if ((box?.width ?? 0) < NARROW_SIDEBAR) setSidebarOpen(false);
            }}
          />
        ) : null}
        {/* dir="ltr": a canvas draws text in its element's direction, and pdf.js lays out each glyph itself. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the pages scroll by keyboard (WCAG 2.1.1); a page without links or text has nothing else to focus */}
        <div ref={scroller} className="pdf-pages" tabIndex={0} dir="ltr">
          {/* Pages wait for the first fit, which measures this container (it must exist first). */}
          {scale === undefined
            ? null
            : Array.from({ length: doc.numPages }, (_, i) => i + 1).map((pageNumber) => (
                <PdfPage
                  key={pageNumber}
                  doc={doc}
                  pageNumber={pageNumber}
                  scale={scale}
                  rotation={rotation}
                  estimate={estimate}
                  scrollRoot={scroller.current}
                  onLink={followLink}
                >
                  {search.index && search.hitsByPage.has(pageNumber) ? (
                    <PdfHighlights
                      doc={doc}
                      index={search.index}
                      pageNumber={pageNumber}
                      scale={scale}
                      rotation={rotation}
                      hits={search.hitsByPage.get(pageNumber) ?? []}
                    />
                  ) : null}
                </PdfPage>
              ))}
        </div>
      </div>
      {printing ? (
        <p className="pdf-printing" role="status">
          {intl.formatMessage(m.printing, printing)}
        </p>
      ) : null}
      {askLink ? <PdfLinkConfirm href={askLink} onClose={() => setAskLink(undefined)} /> : null}
    </section>
  );
}

function defaultFit(panelWidth: number): FitMode {
  return panelWidth < NARROW_PANEL ? 'width' : 'page';
}

function isTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA');
}
