import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { PreviewKind } from '../../../core/proxy-api.ts';
import type { PartSelector } from '../../../core/renditions.ts';
import { useServices } from '../../shared/api/services.tsx';
import type { AttachmentEntry } from '../../shared/attachments/attachment-entry.ts';
import { attachmentState } from '../../shared/attachments/attachment-state.ts';
import { ErrorState } from '../../shared/errors/error-state.tsx';
import { errorKindOf, type PreviewErrorKind } from '../../shared/errors/preview-error.ts';
import { formatSize, isolated } from '../../shared/format/format.ts';
import {
  defineMessages,
  FormattedMessage,
  type NoMessageValues,
  useIntl,
} from '../../shared/i18n/messages.ts';
import { mintLink, useLink } from './api/use-link.ts';
import { ExternalLinkPreview } from './external-link-preview.tsx';
import { fileKindOf } from './file-kind.ts';
import { previewMessages } from './messages.ts';
import type { ViewPosition } from './viewer-props.ts';

// Each viewer's code loads only when a file of its kind is opened.
const PdfViewer = lazy(() => import('./pdf/pdf-viewer.tsx'));
const ImageViewer = lazy(() => import('./viewers/image-viewer.tsx'));
const MediaViewer = lazy(() => import('./viewers/media-viewer.tsx'));
const TextViewer = lazy(() => import('./viewers/text-viewer.tsx'));
const EmailViewer = lazy(() => import('./viewers/email-viewer.tsx'));
const ArchiveViewer = lazy(() => import('./viewers/archive-viewer.tsx'));

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

const messages = defineMessages<{
  previewOf: { name: string };
  external: NoMessageValues;
  preparing: NoMessageValues;
  converting: NoMessageValues;
  convertedFrom: { source: string };
  renewing: NoMessageValues;
  download: NoMessageValues;
  noDownload: { state: string };
  fileKind: { kind: string; mime: string };
  mismatch: { claimedBy: string; claimed: string; actual: string };
  inside: { name: string };
  back: { name: string };
}>({
  previewOf: { id: 'preview.pane.label', defaultMessage: 'Preview of {name}' },
  external: {
    id: 'preview.pane.external',
    defaultMessage:
      'This file is an external link. It is listed for reference and never opened by the viewer.',
  },
  preparing: { id: 'preview.pane.preparing', defaultMessage: 'Preparing a secure link…' },
  converting: {
    id: 'preview.pane.converting',
    description: 'Shown while the server converts a file the browser cannot show (the seconds follow it)',
    defaultMessage: 'Converting for preview…',
  },
  convertedFrom: {
    id: 'preview.pane.convertedFrom',
    description: 'Above a preview the server converted from the original file',
    defaultMessage:
      '{source, select, word {Converted from a Word document.} spreadsheet {Converted from a spreadsheet: each sheet is a page.} presentation {Converted from a presentation.} heic {Converted from a HEIC photo.} tiff {Converted from a TIFF scan.} email {An email, shown safely: nothing in it can run or load.} outlook {An Outlook message, shown safely: nothing in it can run or load.} zip {The contents of a ZIP archive.} other {Converted for preview.}}',
  },
  inside: {
    id: 'preview.pane.inside',
    description: 'Above a file opened from inside an email or archive; {name} is the email or archive',
    defaultMessage: 'Inside {name}',
  },
  back: {
    id: 'preview.pane.back',
    description:
      'Button that leaves a file opened from inside an email or archive; {name} is the email or archive',
    defaultMessage: 'Back to {name}',
  },
  renewing: { id: 'preview.pane.renewing', defaultMessage: 'The link expired; getting a new one…' },
  download: { id: 'preview.pane.download', defaultMessage: 'Download' },
  noDownload: {
    id: 'preview.pane.noDownload',
    description: 'Why the Download button is disabled',
    defaultMessage:
      '{state, select, blocked {Download unavailable: the malware scan found this file unsafe.} other {Download unavailable until the malware scan clears this file.}}',
  },
  fileKind: {
    id: 'preview.pane.fileKind',
    description: 'A type of file, as {claimed} and {actual} of preview.pane.typeMismatch say it',
    defaultMessage:
      '{kind, select, pdf {a PDF} png {a PNG image} jpeg {a JPEG image} gif {a GIF image} webp {a WebP image} svg {an SVG drawing} image {an image} html {a web page (HTML)} xml {an XML document} script {a script} text {a text file} csv {a CSV table} json {a JSON file} zip {a ZIP archive} binary {binary data} audio {an audio recording} video {a video} other {a file of type {mime}}}',
  },
  mismatch: {
    id: 'preview.pane.typeMismatch',
    description: '{claimed} and {actual} are preview.pane.fileKind phrases',
    defaultMessage:
      '{claimedBy, select, name {Named as {claimed}, but the file is {actual}.} other {Sent as {claimed}, but the file is {actual}.}}',
  },
});

/** Box Content Preview's cap: a link that keeps expiring is not retried forever. */
const MAX_RENEWALS = 3;

export interface PreviewPaneProps {
  conversationId: string;
  entry: AttachmentEntry;
}

/** attachment → link → preview: mints a link, picks the viewer from the sniffed type, renews expired links. */
export function PreviewPane({ conversationId, entry }: PreviewPaneProps) {
  const intl = useIntl();
  const { ref } = entry;
  if (ref.location.kind === 'external')
    return <ExternalLinkPreview fileName={ref.fileName} url={ref.location.url} />;
  if (ref.location.kind === 'unretrievable') {
    return (
      <section
        className="preview-pane"
        aria-label={intl.formatMessage(messages.previewOf, { name: ref.fileName })}
      >
        <h2 className="preview-title" title={ref.fileName}>
          <bdi>{ref.fileName}</bdi>
        </h2>
        <div className="external-note" role="note">
          <p>
            <FormattedMessage {...previewMessages.notRetrievable} />
          </p>
        </div>
      </section>
    );
  }
  return <LinkedPreview key={ref.id} conversationId={conversationId} entry={entry} />;
}

/** A file opened from inside the attachment (an email's file, an archive's entry). */
interface OpenedPart {
  selector: PartSelector;
  name: string;
}

function LinkedPreview({ conversationId, entry }: PreviewPaneProps) {
  const intl = useIntl();
  const { ref } = entry;
  const { proxy, onSessionExpired, viewerSettings } = useServices();
  // Files the browser cannot show open through the rendition the proxy derives (docs/renditions.md);
  // a file inside an email or archive through a link of its own (the proxy converts it if need be).
  const [part, setPart] = useState<OpenedPart>();
  const rendition = part ? undefined : entry.status?.rendition;
  const link = useLink(conversationId, ref.id, rendition, part?.selector);
  // A download is of the attachment itself: none is offered for a file inside it.
  const downloadsAllowed = viewerSettings?.downloads !== false && !part;
  const [viewerError, setViewerError] = useState<PreviewErrorKind>();
  const [position, setPosition] = useState<ViewPosition>();
  const renewals = useRef(0);
  const [announce, setAnnounce] = useState('');
  const reasonId = useId();
  const backButton = useRef<HTMLButtonElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  // Focus follows the agent: to "Back" when a file inside opens, to the title when they come back.
  const focusAfterSwitch = useRef<'back' | 'title'>(undefined);

  const switchTo = useCallback((next: OpenedPart | undefined) => {
    setViewerError(undefined);
    setPosition(undefined);
    renewals.current = 0;
    focusAfterSwitch.current = next ? 'back' : 'title';
    setPart(next);
  }, []);
  const onOpenPart = useCallback(
    (selector: PartSelector, name: string) => switchTo({ selector, name }),
    [switchTo],
  );
  useEffect(
    function moveFocus() {
      const target = focusAfterSwitch.current;
      focusAfterSwitch.current = undefined;
      if (target === 'back' && part) backButton.current?.focus();
      if (target === 'title' && !part) title.current?.focus();
    },
    [part],
  );

  const onExpired = useCallback(
    (at: ViewPosition) => {
      setPosition(at);
      if (renewals.current >= MAX_RENEWALS) {
        setViewerError('network');
        return;
      }
      renewals.current += 1;
      setAnnounce(intl.formatMessage(messages.renewing));
      void link.renew();
    },
    [link.renew, intl],
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

  const downloadOriginal = useCallback(async () => {
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

  const download = downloadsAllowed ? downloadOriginal : undefined;

  // A renewal in place, for a viewer that keeps the file open (the query's link stays as it was).
  const renewLink = useCallback(
    () => mintLink(proxy, conversationId, ref.id, 'inline', rendition, undefined, part?.selector),
    [proxy, conversationId, ref.id, rendition, part],
  );

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
    body =
      rendition || part ? (
        <ConvertingNote />
      ) : (
        <p className="progress-note" role="status">
          <FormattedMessage {...messages.preparing} />
        </p>
      );
  } else if (tooLargeToPreview(link.data.previewKind, link.data.size)) {
    body = <ErrorState kind="too-large" onDownload={download} />;
  } else {
    const props = {
      link: link.data,
      initialPosition: position,
      onExpired,
      onError,
      onLoaded,
      renewLink,
      // One level: a file opened from inside an email or archive opens nothing inside it.
      ...(part ? {} : { onOpenPart }),
    };
    const kind = link.data.previewKind;
    body = (
      <Suspense
        fallback={
          <p role="status">
            <FormattedMessage {...previewMessages.loadingViewer} />
          </p>
        }
      >
        {kind === 'pdf' ? <PdfViewer {...props} /> : null}
        {kind === 'image' ? <ImageViewer {...props} /> : null}
        {kind === 'audio' || kind === 'video' ? <MediaViewer {...props} /> : null}
        {kind === 'text' || kind === 'csv' ? <TextViewer {...props} /> : null}
        {kind === 'email' ? <EmailViewer {...props} /> : null}
        {kind === 'archive' ? <ArchiveViewer {...props} /> : null}
        {kind === 'none' ? <ErrorState kind="unsupported" onDownload={download} /> : null}
      </Suspense>
    );
  }

  // The proxy refuses links to files the scan has not cleared: say so where the button is, not with a silent 403.
  const scanState = attachmentState(entry);
  const linkKind = link.error ? errorKindOf(link.error) : undefined;
  const noDownload =
    scanState === 'blocked' || linkKind === 'scan-blocked'
      ? 'blocked'
      : scanState === 'scanning' || linkKind === 'scan-pending'
        ? 'scanning'
        : undefined;
  const mismatch = link.data?.typeMismatch ? link.data : undefined;
  // The size the agent cares about is the file's, not its rendition's.
  const originalSize = part
    ? link.data?.renditionOf
      ? undefined
      : link.data?.size
    : link.data?.renditionOf
      ? entry.status?.size
      : link.data?.size;
  const kindName = (mime: string | undefined) =>
    intl.formatMessage(messages.fileKind, { kind: fileKindOf(mime), mime: mime ?? '' });

  const shownName = part ? part.name : ref.fileName;
  return (
    <section
      className="preview-pane"
      aria-label={intl.formatMessage(messages.previewOf, { name: shownName })}
    >
      {part ? (
        <nav
          className="part-context"
          aria-label={intl.formatMessage(messages.inside, { name: isolated(ref.fileName) })}
        >
          <button type="button" className="part-back" ref={backButton} onClick={() => switchTo(undefined)}>
            {intl.formatMessage(messages.back, { name: isolated(ref.fileName) })}
          </button>
          <span className="part-inside">
            {intl.formatMessage(messages.inside, { name: isolated(ref.fileName) })}
          </span>
        </nav>
      ) : null}
      <header className="preview-header">
        <h2 className="preview-title" title={shownName} ref={title} tabIndex={-1}>
          <bdi>{shownName}</bdi>
        </h2>
        {download ? (
          <button
            type="button"
            className="download-button"
            onClick={download}
            disabled={noDownload !== undefined}
            aria-describedby={noDownload ? reasonId : undefined}
          >
            <FormattedMessage {...messages.download} />
          </button>
        ) : null}
      </header>
      {noDownload && download ? (
        <p className="download-reason" id={reasonId}>
          <FormattedMessage {...messages.noDownload} values={{ state: noDownload }} />
        </p>
      ) : null}
      {mismatch ? (
        <p className="type-warning" role="note">
          <FormattedMessage
            {...messages.mismatch}
            values={{
              claimedBy: mismatch.claimedBy ?? (mismatch.declaredType ? 'declaration' : 'name'),
              claimed: kindName(mismatch.claimedType ?? mismatch.declaredType),
              actual: kindName(mismatch.renditionOf?.sniffedType ?? mismatch.sniffedType),
            }}
          />
        </p>
      ) : null}
      {ref.caption && !part ? <p className="caption">{ref.caption}</p> : null}
      {link.data?.renditionOf && !link.isFetching ? (
        <p className="rendition-note" role="note">
          <FormattedMessage {...messages.convertedFrom} values={{ source: link.data.renditionOf.source }} />
        </p>
      ) : null}
      <div className="preview-body">{body}</div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </div>
      {originalSize !== undefined ? (
        <p className="preview-footer">
          <bdi>{formatSize(originalSize)}</bdi>
        </p>
      ) : null}
    </section>
  );
}

/**
 * While the proxy converts: the seconds count up on screen; the live region announces the state once,
 * not every second.
 */
function ConvertingNote() {
  const intl = useIntl();
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <p className="progress-note" role="status">
      <FormattedMessage {...messages.converting} />{' '}
      <span aria-hidden="true">
        {intl.formatNumber(seconds, { style: 'unit', unit: 'second', unitDisplay: 'narrow' })}
      </span>
    </p>
  );
}
