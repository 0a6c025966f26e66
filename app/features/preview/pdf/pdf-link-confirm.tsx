import { useEffect, useId, useRef } from 'react';
import { FormattedMessage, useIntl } from '../../../shared/i18n/messages.ts';
import { pdfMessages as m } from './pdf-messages.ts';

export interface PdfLinkConfirmProps {
  href: string;
  onClose: () => void;
}

/**
 * A link in a PDF is never followed silently: the address is shown in full and the agent decides.
 * Cancel has focus first (the safe choice); Escape cancels; focus goes back where it was.
 */
export function PdfLinkConfirm({ href, onClose }: PdfLinkConfirmProps) {
  const intl = useIntl();
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();

  useEffect(function focusCancel() {
    const before = document.activeElement as HTMLElement | null;
    cancel.current?.focus();
    return () => before?.focus?.();
  }, []);

  return (
    <div
      className="pdf-link-confirm"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <h2 id={titleId}>
        <FormattedMessage {...m.linkTitle} />
      </h2>
      <div id={textId}>
        <p>
          <FormattedMessage {...m.linkAsk} />
        </p>
        <p className="external-url">{href}</p>
      </div>
      <div className="pdf-link-confirm-actions">
        <button
          type="button"
          onClick={() => {
            // noopener and noreferrer: the new tab gets no handle on the widget and no Referer.
            window.open(href, '_blank', 'noopener,noreferrer');
            onClose();
          }}
        >
          {intl.formatMessage(m.linkOpen)}
        </button>
        <button ref={cancel} type="button" onClick={onClose}>
          {intl.formatMessage(m.linkCancel)}
        </button>
      </div>
    </div>
  );
}
