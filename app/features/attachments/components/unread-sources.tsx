import type { UnreadSource } from '../../../../core/read-failure.ts';
import { permissionLabel } from '../../../shared/genesys/read-errors.ts';
import { type MessageDescriptor, useIntl } from '../../../shared/i18n/messages.ts';
import { attachmentMessages as m } from './messages.ts';

export interface UnreadSourcesProps {
  unread: readonly UnreadSource[];
  onRetry: () => void;
}

const noteOf: Record<UnreadSource['reason'], MessageDescriptor> = {
  'missing-permission': m.missingPermission,
  'not-authorized': m.notAuthorized,
  'not-found': m.notFound,
  'rate-limited': m.rateLimited,
  unavailable: m.unavailable,
  'bad-response': m.badResponse,
};

/**
 * One calm note per part of the conversation that could not be read, beside the files that were
 * found: which part, why, and a retry where asking again can help.
 */
export function UnreadSources({ unread, onRetry }: UnreadSourcesProps) {
  const intl = useIntl();
  if (unread.length === 0) return null;
  return (
    <section className="unread-notes" aria-label={intl.formatMessage(m.unreadHeading)}>
      <div role="status" aria-live="polite">
        {unread.map((u) => (
          <p key={u.source} className="unread-note" data-source={u.source}>
            {intl.formatMessage(noteOf[u.reason], {
              source: u.source,
              permission: permissionLabel(intl, u.permission ?? ''),
            })}{' '}
            {u.canRetry ? (
              <button type="button" onClick={onRetry}>
                {intl.formatMessage(m.retry)}
              </button>
            ) : null}
          </p>
        ))}
      </div>
    </section>
  );
}
