import type { UnreadSource } from '../../../../core/read-failure.ts';
import { permissionLabel } from '../../../shared/genesys/read-errors.ts';
import { attachmentMessages as m } from './messages.ts';

export interface UnreadSourcesProps {
  unread: readonly UnreadSource[];
  onRetry: () => void;
}

/**
 * One calm note per part of the conversation that could not be read, beside the files that were
 * found: which part, why, and a retry where asking again can help.
 */
export function UnreadSources({ unread, onRetry }: UnreadSourcesProps) {
  if (unread.length === 0) return null;
  return (
    <section className="unread-notes" aria-label={m.unreadHeading}>
      <div role="status" aria-live="polite">
        {unread.map((u) => (
          <p key={u.source} className="unread-note" data-source={u.source}>
            {noteFor(u)}{' '}
            {u.canRetry ? (
              <button type="button" onClick={onRetry}>
                {m.retry}
              </button>
            ) : null}
          </p>
        ))}
      </div>
    </section>
  );
}

function noteFor(u: UnreadSource): string {
  const source = m.sourceNames[u.source];
  switch (u.reason) {
    case 'missing-permission':
      return m.missingPermission(source, permissionLabel(u.permission ?? ''));
    case 'not-authorized':
      return m.notAuthorized(source);
    case 'not-found':
      return m.notFound(source);
    case 'rate-limited':
      return m.rateLimited(source);
    case 'unavailable':
      return m.unavailable(source);
    case 'bad-response':
      return m.badResponse(source);
  }
}
