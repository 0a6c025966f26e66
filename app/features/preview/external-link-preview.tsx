import { useEffect, useRef, useState } from 'react';
import {
  defineMessages,
  FormattedMessage,
  type NoMessageValues,
  useIntl,
} from '../../shared/i18n/messages.ts';

const messages = defineMessages<{
  region: { fileName: string };
  note: NoMessageValues;
  copy: NoMessageValues;
  copied: NoMessageValues;
  copyBlocked: NoMessageValues;
}>({
  region: { id: 'preview.externalLink.region', defaultMessage: 'Preview of {fileName}' },
  note: {
    id: 'preview.externalLink.note',
    defaultMessage:
      'This file is an external link. It is listed for reference and never opened by the viewer. To look at it, copy the link and check it before you open it.',
  },
  copy: { id: 'preview.externalLink.copy', defaultMessage: 'Copy link' },
  copied: { id: 'preview.externalLink.copied', defaultMessage: 'Link copied.' },
  copyBlocked: {
    id: 'preview.externalLink.copyBlocked',
    defaultMessage: 'Copying was blocked here. The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
  },
});

/** How long "Link copied." stays on screen (it is announced once, when it appears). */
const CONFIRMATION_MS = 4000;

/**
 * A reference to a file outside every store this product serves: shown, never fetched, and
 * deliberately not a link (a customer could send anything). The agent may copy it, through the
 * Clipboard API; where the desktop's frame does not allow clipboard writes (the permission policy
 * `clipboard-write` is the embedder's choice), the URL is selected for the agent to copy.
 */
export function ExternalLinkPreview({ fileName, url: href }: { fileName: string; url: string }) {
  const intl = useIntl();
  const url = useRef<HTMLElement>(null);
  const [outcome, setOutcome] = useState<'copied' | 'blocked'>();

  useEffect(
    function forgetConfirmation() {
      if (outcome !== 'copied') return;
      const timer = setTimeout(() => setOutcome(undefined), CONFIRMATION_MS);
      return () => clearTimeout(timer);
    },
    [outcome],
  );

  const copy = async () => {
    setOutcome(undefined);
    try {
      await navigator.clipboard.writeText(href);
      setOutcome('copied');
    } catch {
      const el = url.current;
      const selection = window.getSelection();
      if (el && selection) {
        selection.removeAllRanges();
        const range = document.createRange();
        range.selectNodeContents(el);
        selection.addRange(range);
      }
      setOutcome('blocked');
    }
  };

  return (
    <section
      className="preview-pane external-preview"
      aria-label={intl.formatMessage(messages.region, { fileName })}
    >
      <header className="preview-header">
        <h2 className="preview-title" title={fileName}>
          <bdi>{fileName}</bdi>
        </h2>
        <button type="button" onClick={() => void copy()}>
          <FormattedMessage {...messages.copy} />
        </button>
      </header>
      <div className="preview-body">
        <div className="external-note" role="note">
          <p>
            <FormattedMessage {...messages.note} />
          </p>
          <code className="external-url" ref={url}>
            {href}
          </code>
        </div>
        <p className="copy-outcome" role="status" aria-live="polite">
          {outcome === 'copied' ? <FormattedMessage {...messages.copied} /> : null}
          {outcome === 'blocked' ? <FormattedMessage {...messages.copyBlocked} /> : null}
        </p>
      </div>
    </section>
  );
}
