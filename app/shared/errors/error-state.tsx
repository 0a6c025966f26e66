import { defineMessages, FormattedMessage, type MessageDescriptor } from '../i18n/messages.ts';
import { type PreviewErrorKind, previewErrors } from './preview-error.ts';

const messages = defineMessages({
  retry: { id: 'errors.state.retry', defaultMessage: 'Try again' },
  signIn: { id: 'errors.state.signIn', defaultMessage: 'Sign in again' },
  download: { id: 'errors.state.download', defaultMessage: 'Download' },
  downloadsOff: {
    id: 'errors.state.downloadsOff',
    defaultMessage: 'Your organization does not allow downloads, so this file can only be opened here.',
  },
});

export interface ErrorStateProps {
  kind: PreviewErrorKind;
  onRetry?: () => void;
  onSignIn?: () => void;
  onDownload?: () => void;
}

/** A typed failure with its next step. */
export function ErrorState({ kind, onRetry, onSignIn, onDownload }: ErrorStateProps) {
  const { title, message, next } = previewErrors[kind];
  // Where the next step would be a download the admin has turned off, say so instead of suggesting it.
  const shown: MessageDescriptor = next === 'download' && !onDownload ? messages.downloadsOff : message;
  return (
    <div className={`error-state error-${kind}`} role="alert">
      <h2>
        <FormattedMessage {...title} />
      </h2>
      <p>
        <FormattedMessage {...shown} />
      </p>
      {next === 'retry' && onRetry ? (
        <button type="button" onClick={onRetry}>
          <FormattedMessage {...messages.retry} />
        </button>
      ) : null}
      {next === 'sign-in' && onSignIn ? (
        <button type="button" onClick={onSignIn}>
          <FormattedMessage {...messages.signIn} />
        </button>
      ) : null}
      {next === 'download' && onDownload ? (
        <button type="button" onClick={onDownload}>
          <FormattedMessage {...messages.download} />
        </button>
      ) : null}
    </div>
  );
}
