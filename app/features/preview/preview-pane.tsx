import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { PreviewKind } from '../../../core/proxy-api.ts';
import { useServices } from '../../shared/api/services.tsx';
import type { AttachmentEntry } from '../../shared/attachments/attachment-entry.ts';
import { ErrorState } from '../../shared/errors/error-state.tsx';
import { errorKindOf, type PreviewErrorKind } from '../../shared/errors/preview-error.ts';
import { formatSize } from '../../shared/format/format.ts';
import { mintLink, useLink } from './api/use-link.ts';
import { ExternalLinkPreview } from './external-link-preview.tsx';
import type { ViewPosition } from './viewer-props.ts';

// Each viewer's code loads only when a file of its kind is opened.
const PdfViewer = lazy(() => import('./pdf/pdf-viewer.tsx'));
const ImageViewer = lazy(() => import('./viewers/image-viewer.tsx'));
const MediaViewer = lazy(() => import('./viewers/media-viewer.tsx'));
const TextViewer = lazy(() => import('./viewers/text-viewer.tsx'));

/**
 * Files a panel in the desktop should not load whole into memory (text and CSV are cut at 200 KB
 * and media streams, so only these are capped). Genesys attachments stay far below; files from
 * customers' own storage may not.
 */
const PREVIEW_LIMITS: Partial<Record<PreviewKind, number>> = {
  pdf: 100 * 1024 * 1024,
  image: 40 * 1024 * 1024,
};

export function tooLargeToPreview(kind: PreviewKind, size: number | undefined): boolean {
  const limit = PREVIEW_LIMITS[kind];
  return limit !== undefined && size !== undefined && size > limit;
}

/** Box Content Preview's cap: a link that keeps expiring is not retried forever. */
const MAX_RENEWALS = 3;

export interface PreviewPaneProps {
  conversationId: string;
  entry: AttachmentEntry;
}

/** attachment → link → preview: mints a link, picks the viewer from the sniffed type, renews expired links. */
export function PreviewPane({ conversationId, entry }: PreviewPaneProps) {
  const { ref } = entry;
  if (ref.location.kind === 'external')
    return <ExternalLinkPreview fileName={ref.fileName} url={ref.location.url} />;
  return <LinkedPreview key={ref.id} conversationId={conversationId} entry={entry} />;
}

function LinkedPreview({ conversationId, entry }: PreviewPaneProps) {
  const { ref } = entry;
  const { proxy, onSessionExpired } = useServices();
  const link = useLink(conversationId, ref.id);
  const [viewerError, setViewerError] = useState<PreviewErrorKind>();
  const [position, setPosition] = useState<ViewPosition>();
  const renewals = useRef(0);
  const [announce, setAnnounce] = useState('');

  const onExpired = useCallback(
    (at: ViewPosition) => {
      setPosition(at);
      if (renewals.current >= MAX_RENEWALS) {
        setViewerError('network');
        return;
      }
      renewals.current += 1;
      setAnnounce('The link expired; getting a new one…');
      void link.renew();
    },
    [link.renew],
  );
  const onError = useCallback((kind: PreviewErrorKind) => setViewerError(kind), []);
  const onLoaded = useCallback(() => {
    renewals.current = 0;
    setAnnounce('');
  }, []);

  useEffect(
    function reportSessionExpiry() {
      if (link.error && errorKindOf(link.error) === 'session-expired') onSessionExpired();
    },
    [link.error, onSessionExpired],
  );

  const download = useCallback(async () => {
    try {
      const l = await mintLink(proxy, conversationId, ref.id, 'attachment');
      const a = document.createElement('a');
      a.href = l.url;
      a.download = l.fileName;
      a.rel = 'noopener noreferrer';
      document.body.append(a);
      a.click();
      a.remove();
    } catch (error) {
      setViewerError(errorKindOf(error));
    }
  }, [proxy, conversationId, ref.id]);

  const retry = () => {
    setViewerError(undefined);
    renewals.current = 0;
    void link.renew();
  };

  const errorKind = viewerError ?? (link.error ? errorKindOf(link.error) : undefined);
  let body: React.ReactNode;
  if (errorKind) {
    body = <ErrorState kind={errorKind} onRetry={retry} onSignIn={onSessionExpired} onDownload={download} />;
  } else if (!link.data || link.isFetching) {
    body = (
      <p className="progress-note" role="status">
        Preparing a secure link…
      </p>
    );
  } else if (tooLargeToPreview(link.data.previewKind, link.data.size)) {
    body = <ErrorState kind="too-large" onDownload={download} />;
  } else {
    const props = { link: link.data, initialPosition: position, onExpired, onError, onLoaded };
    const kind = link.data.previewKind;
    body = (
      <Suspense fallback={<p role="status">Loading viewer…</p>}>
        {kind === 'pdf' ? <PdfViewer {...props} /> : null}
        {kind === 'image' ? <ImageViewer {...props} /> : null}
        {kind === 'audio' || kind === 'video' ? <MediaViewer {...props} /> : null}
        {kind === 'text' || kind === 'csv' ? <TextViewer {...props} /> : null}
        {kind === 'none' ? <ErrorState kind="unsupported" onDownload={download} /> : null}
      </Suspense>
    );
  }

  return (
    <section className="preview-pane" aria-label={`Preview of ${ref.fileName}`}>
      <header className="preview-header">
        <h2 className="preview-title" title={ref.fileName}>
          {ref.fileName}
        </h2>
        <button type="button" className="download-button" onClick={download}>
          Download
        </button>
      </header>
      {link.data?.typeMismatch ? (
        <p className="type-warning" role="note">
          Declared as {link.data.declaredType ?? 'unknown'}, but the file is {link.data.sniffedType}.
        </p>
      ) : null}
      {ref.caption ? <p className="caption">{ref.caption}</p> : null}
      <div className="preview-body">{body}</div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </div>
      {link.data?.size !== undefined ? <p className="preview-footer">{formatSize(link.data.size)}</p> : null}
    </section>
  );
}
