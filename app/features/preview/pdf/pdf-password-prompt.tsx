import { useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from '../../../shared/i18n/messages.ts';
import { pdfMessages as m } from './pdf-messages.ts';

export interface PdfPasswordPromptProps {
  wrong: boolean;
  onSubmit: (password: string) => void;
  onCancel: () => void;
}

/**
 * Asks for a protected PDF's password inside the viewer. The password lives in this form's state
 * until it is handed to pdf.js, then the field is emptied; it is never sent to the proxy or logged.
 */
export function PdfPasswordPrompt({ wrong, onSubmit, onCancel }: PdfPasswordPromptProps) {
  const intl = useIntl();
  const [password, setPassword] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const noteId = useId();

  useEffect(function focusField() {
    field.current?.focus();
    field.current?.select();
  }, []);

  return (
    <form
      className="pdf-password"
      aria-labelledby={titleId}
      onSubmit={(e) => {
        e.preventDefault();
        const given = password;
        setPassword('');
        onSubmit(given);
      }}
    >
      <h2 id={titleId}>
        <FormattedMessage {...m.passwordTitle} />
      </h2>
      <p id={noteId} role={wrong ? 'alert' : undefined} className={wrong ? 'pdf-password-wrong' : undefined}>
        <FormattedMessage {...(wrong ? m.passwordWrong : m.passwordNeeded)} />
      </p>
      <label>
        <FormattedMessage {...m.passwordField} />{' '}
        <input
          ref={field}
          type="password"
          autoComplete="off"
          aria-describedby={noteId}
          aria-invalid={wrong || undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <div className="pdf-password-actions">
        <button type="submit" disabled={password === ''}>
          {intl.formatMessage(m.passwordOpen)}
        </button>
        <button type="button" onClick={onCancel}>
          {intl.formatMessage(m.passwordCancel)}
        </button>
      </div>
    </form>
  );
}
