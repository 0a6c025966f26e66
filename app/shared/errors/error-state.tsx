import { type PreviewErrorKind, previewErrors } from './preview-error.ts';

export interface ErrorStateProps {
  kind: PreviewErrorKind;
  onRetry?: () => void;
  onSignIn?: () => void;
  onDownload?: () => void;
}

/** A typed failure with its next step. */
export function ErrorState({ kind, onRetry, onSignIn, onDownload }: ErrorStateProps) {
  const { title, message, next } = previewErrors[kind];
  return (
    <div className={`error-state error-${kind}`} role="alert">
      <h2>{title}</h2>
      <p>{message}</p>
      {next === 'retry' && onRetry ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
      {next === 'sign-in' && onSignIn ? (
        <button type="button" onClick={onSignIn}>
          Sign in again
        </button>
      ) : null}
      {next === 'download' && onDownload ? (
        <button type="button" onClick={onDownload}>
          Download
        </button>
      ) : null}
    </div>
  );
}
