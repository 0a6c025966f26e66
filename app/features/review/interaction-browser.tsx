import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { clientConfigQuery } from '../../shared/api/client-config-query.ts';
import { useServices } from '../../shared/api/services.tsx';
import { formatTime } from '../../shared/format/format.ts';
import { describeReadError } from '../../shared/genesys/read-errors.ts';
import { type AnalyticsQuery, useRecentInteractions } from './use-recent-interactions.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The conversation id in whatever a reviewer pasted: an id, or a Genesys interaction URL. */
export function conversationIdFrom(input: string): string | undefined {
  return UUID.exec(input.trim())?.[0]?.toLowerCase();
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export interface InteractionBrowserProps {
  locale: string;
  /** Opened from a deep link to one interaction. */
  initialConversationId?: string;
  analyticsQuery: AnalyticsQuery;
  now?: () => Date;
  /** The opened interaction's attachments: another feature's, composed by app/screens/review-screen.tsx. */
  renderInteraction: (conversationId: string) => ReactNode;
}

/**
 * Review mode for QA reviewers (a standalone client app): open an interaction by id or pasted URL,
 * or pick one of the interactions with attachments in a date range. Links are minted fresh through
 * the same proxy checks however old the interaction is.
 */
export function InteractionBrowser({
  locale,
  initialConversationId,
  analyticsQuery,
  now = () => new Date(),
  renderInteraction,
}: InteractionBrowserProps) {
  const { proxy } = useServices();
  const [open, setOpen] = useState<string | undefined>(initialConversationId);
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState<string>();
  // QA reviews reach back months: the default range is two years, narrowed by the reviewer as needed.
  const [from, setFrom] = useState(() => isoDay(new Date(now().getTime() - 730 * 86_400_000)));
  const [to, setTo] = useState(() => isoDay(now()));
  const [range, setRange] = useState<{ from: string; to: string }>();
  const config = useQuery(clientConfigQuery(proxy));
  const recent = useRecentInteractions(range, config.data?.detectionRules, analyticsQuery);

  if (open) {
    return (
      <div className="review-open">
        <div className="review-bar">
          <button type="button" onClick={() => setOpen(undefined)}>
            ← All interactions
          </button>
          <span className="review-id">Interaction {open}</span>
        </div>
        {renderInteraction(open)}
      </div>
    );
  }

  function openPasted(event: FormEvent) {
    event.preventDefault();
    const id = conversationIdFrom(pasted);
    if (id) {
      setPasteError(undefined);
      setOpen(id);
    } else setPasteError('Paste a conversation id or a Genesys Cloud interaction URL.');
  }

  function search(event: FormEvent) {
    event.preventDefault();
    setRange({ from: `${from}T00:00:00Z`, to: `${to}T23:59:59Z` });
  }

  const problem = recent.error ? describeReadError(recent.error, 'interactions') : undefined;
  return (
    <main className="review-screen">
      <h1>Review attachments</h1>
      <form className="review-open-form" onSubmit={openPasted}>
        <label htmlFor="review-paste">Conversation id or interaction URL</label>
        <div className="row">
          <input
            id="review-paste"
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            aria-invalid={pasteError ? true : undefined}
            aria-describedby={pasteError ? 'review-paste-error' : undefined}
          />
          <button type="submit">Open</button>
        </div>
        {pasteError ? (
          <p id="review-paste-error" role="alert">
            {pasteError}
          </p>
        ) : null}
      </form>
      <form className="review-range-form" onSubmit={search}>
        <fieldset>
          <legend>Interactions with attachments</legend>
          <label>
            From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <label>
            To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
          </label>
          <button type="submit">Find</button>
        </fieldset>
      </form>
      {recent.isFetching ? <p role="status">Looking through interactions…</p> : null}
      {problem ? (
        <div role="alert" className="error-state">
          <h2>{problem.title}</h2>
          <p>{problem.message}</p>
        </div>
      ) : null}
      {recent.data && recent.data.length === 0 ? (
        <p role="status">No interactions with attachments in this range.</p>
      ) : null}
      {recent.data && recent.data.length > 0 ? (
        <ul className="interaction-list" aria-label="Interactions with attachments">
          {recent.data.map((i) => {
            const issue = i.error ? describeReadError(i.error, 'conversation') : undefined;
            return (
              <li key={i.conversationId}>
                <button type="button" onClick={() => setOpen(i.conversationId)}>
                  <span className="interaction-when">{formatTime(i.start, locale)}</span>{' '}
                  <span className="interaction-media">{i.mediaType ?? ''}</span>{' '}
                  <span className="interaction-count">
                    {issue
                      ? issue.title
                      : `${i.attachments.length} attachment${i.attachments.length === 1 ? '' : 's'}`}
                  </span>
                  <span className="interaction-id">{i.conversationId}</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </main>
  );
}
