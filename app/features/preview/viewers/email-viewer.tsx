import { type EmailDocument, entryNameFlags } from '../../../../core/rendition-documents.ts';
import { formatSize, formatTime } from '../../../shared/format/format.ts';
import {
  defineMessages,
  FormattedMessage,
  type NoMessageValues,
  useIntl,
} from '../../../shared/i18n/messages.ts';
import { previewMessages } from '../messages.ts';
import type { ViewerProps } from '../viewer-props.ts';
import { ProgressNote } from './progress-note.tsx';
import { useRenditionDocument } from './use-rendition-document.ts';

const messages = defineMessages<{
  loading: NoMessageValues;
  headers: NoMessageValues;
  from: NoMessageValues;
  to: NoMessageValues;
  cc: NoMessageValues;
  date: NoMessageValues;
  subject: NoMessageValues;
  noSubject: NoMessageValues;
  body: { name: string };
  blocked: { n: number };
  attachments: { n: number };
  attachmentsNote: NoMessageValues;
  truncated: NoMessageValues;
}>({
  loading: { id: 'preview.email.loading', defaultMessage: 'Loading email' },
  headers: { id: 'preview.email.headers', defaultMessage: 'Email details' },
  from: { id: 'preview.email.from', defaultMessage: 'From' },
  to: { id: 'preview.email.to', defaultMessage: 'To' },
  cc: { id: 'preview.email.cc', defaultMessage: 'Cc' },
  date: { id: 'preview.email.date', defaultMessage: 'Date' },
  subject: { id: 'preview.email.subject', defaultMessage: 'Subject' },
  noSubject: { id: 'preview.email.noSubject', defaultMessage: '(no subject)' },
  body: { id: 'preview.email.body', defaultMessage: 'Message of {name}' },
  blocked: {
    id: 'preview.email.blocked',
    defaultMessage:
      '{n, plural, one {# remote image or style was blocked so that the sender cannot see this email was opened.} other {# remote images or styles were blocked so that the sender cannot see this email was opened.}}',
  },
  attachments: {
    id: 'preview.email.attachments',
    defaultMessage: '{n, plural, one {# file in this email} other {# files in this email}}',
  },
  attachmentsNote: {
    id: 'preview.email.partsNote',
    defaultMessage: 'Choose a file to open it here; programs and archives do not open.',
  },
  truncated: {
    id: 'preview.email.truncated',
    defaultMessage: 'This email is long: only its beginning is shown.',
  },
});

/**
 * An email from its JSON rendition: headers, then the HTML body in a sandboxed frame (no script, no
 * forms, no navigation: the proxy removed those and every remote load already), or the text body.
 */
export default function EmailViewer(props: ViewerProps) {
  const intl = useIntl();
  const email = useRenditionDocument(props, 'email');
  if (!email) return <ProgressNote progress={undefined} label={intl.formatMessage(messages.loading)} />;
  return (
    <div className="email-viewer">
      <EmailHeaders email={email} />
      {email.remoteBlocked > 0 ? (
        <p className="email-blocked" role="note">
          <FormattedMessage {...messages.blocked} values={{ n: email.remoteBlocked }} />
        </p>
      ) : null}
      {email.truncated ? (
        <p className="truncated-notice" role="note">
          <FormattedMessage {...messages.truncated} />
        </p>
      ) : null}
      {email.html ? (
        <iframe
          className="email-body"
          // Nothing allowed: no script, no same origin, no forms, no popups, no top navigation.
          sandbox=""
          srcDoc={`<!doctype html><meta charset="utf-8"><base target="_self"><style>body{font:14px/1.45 system-ui,sans-serif;margin:8px;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style>${email.html}`}
          title={intl.formatMessage(messages.body, {
            name: props.link.renditionOf?.fileName ?? props.link.fileName,
          })}
          referrerPolicy="no-referrer"
        />
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard (WCAG 2.1.1)
        <pre className="email-text" tabIndex={0}>
          {email.text}
        </pre>
      )}
      {email.attachments.length > 0 ? (
        <section className="email-attachments" aria-labelledby="email-attachments-title">
          <h3 id="email-attachments-title">
            <FormattedMessage {...messages.attachments} values={{ n: email.attachments.length }} />
          </h3>
          <ul>
            {email.attachments.map((a, i) => {
              // The proxy refuses these too; the list says so before anyone asks.
              const flag = entryNameFlags(a.name).find((f) => f !== 'unsafeName');
              const open = props.onOpenPart;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: two files of an email may share a name
                <li key={i}>
                  {open && !flag ? (
                    <button
                      type="button"
                      className="part-open"
                      onClick={() => open({ kind: 'email-attachment', index: i }, a.name)}
                    >
                      <bdi>{a.name}</bdi>
                    </button>
                  ) : (
                    <bdi>{a.name}</bdi>
                  )}{' '}
                  · <bdi>{formatSize(a.size)}</bdi>
                  {flag ? (
                    <span className="part-not-opened">
                      {' '}
                      <FormattedMessage {...previewMessages.notOpened} values={{ flag }} />
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {props.onOpenPart ? (
            <p className="email-attachments-note">
              <FormattedMessage {...messages.attachmentsNote} />
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function EmailHeaders({ email }: { email: EmailDocument }) {
  const intl = useIntl();
  const rows: [string, string | undefined][] = [
    [intl.formatMessage(messages.from), email.from],
    [intl.formatMessage(messages.to), email.to.join(', ') || undefined],
    [intl.formatMessage(messages.cc), email.cc.join(', ') || undefined],
    [intl.formatMessage(messages.date), email.date ? formatTime(email.date, intl.locale) : undefined],
  ];
  return (
    <section className="email-headers" aria-label={intl.formatMessage(messages.headers)}>
      <h3 className="email-subject">
        <bdi>{email.subject || intl.formatMessage(messages.noSubject)}</bdi>
      </h3>
      <dl>
        {rows
          .filter((row): row is [string, string] => row[1] !== undefined)
          .map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>
                <bdi>{value}</bdi>
              </dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
