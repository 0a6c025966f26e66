import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { clientConfigQuery } from '../../shared/api/client-config-query.ts';
import { useServices } from '../../shared/api/services.tsx';
import { formatTime } from '../../shared/format/format.ts';
import { describeReadError, type ReadProblem } from '../../shared/genesys/read-errors.ts';
import {
  defineMessages,
  FormattedMessage,
  type NoMessageValues,
  useIntl,
} from '../../shared/i18n/messages.ts';
import { Say } from '../../shared/i18n/phrase.tsx';
import { type AnalyticsQuery, useRecentInteractions } from './use-recent-interactions.ts';

const messages = defineMessages<{
  back: NoMessageValues;
  opened: { conversationId: string };
  pasteError: NoMessageValues;
  heading: NoMessageValues;
  pasteLabel: NoMessageValues;
  open: NoMessageValues;
  rangeLegend: NoMessageValues;
  from: NoMessageValues;
  to: NoMessageValues;
  find: NoMessageValues;
  searching: NoMessageValues;
  noneInRange: NoMessageValues;
  listLabel: NoMessageValues;
  attachmentCount: { n: number };
  tryAgain: NoMessageValues;
  mediaType: { mediaType: string };
}>({
  back: { id: 'review.browser.back', defaultMessage: '← All interactions' },
  opened: { id: 'review.browser.opened', defaultMessage: 'Interaction {conversationId}' },
  pasteError: {
    id: 'review.browser.pasteError',
    defaultMessage: 'Paste a conversation id or a Genesys Cloud interaction URL.',
  },
  heading: { id: 'review.browser.heading', defaultMessage: 'Review attachments' },
  pasteLabel: { id: 'review.browser.pasteLabel', defaultMessage: 'Conversation id or interaction URL' },
  open: { id: 'review.browser.open', defaultMessage: 'Open' },
  rangeLegend: { id: 'review.browser.rangeLegend', defaultMessage: 'Interactions with attachments' },
  from: { id: 'review.browser.from', defaultMessage: 'From' },
  to: { id: 'review.browser.to', defaultMessage: 'To' },
  find: { id: 'review.browser.find', defaultMessage: 'Find' },
  searching: { id: 'review.browser.searching', defaultMessage: 'Looking through interactions…' },
  noneInRange: {
    id: 'review.browser.noneInRange',
    defaultMessage: 'No interactions with attachments in this range.',
  },
  listLabel: { id: 'review.browser.listLabel', defaultMessage: 'Interactions with attachments' },
  attachmentCount: {
    id: 'review.browser.attachmentCount',
    defaultMessage: '{n, plural, one {# attachment} other {# attachments}}',
  },
  tryAgain: { id: 'review.browser.tryAgain', defaultMessage: 'Try again' },
  mediaType: {
    id: 'review.browser.mediaType',
    description: "The interaction's media type, as Genesys analytics names it",
    defaultMessage:
      '{mediaType, select, message {message} email {email} chat {chat} callback {callback} voice {call} other {{mediaType}}}',
  },
});

/** A read problem's message, with the missing permission's name in the reader's language. */
function ProblemMessage({ problem }: { problem: ReadProblem }) {
  const intl = useIntl();
  const { permission } = problem;
  if (!permission) return <Say phrase={problem.message} />;
  const name = permission.name ? intl.formatMessage(permission.name) : permission.code;
  return (
    <FormattedMessage {...problem.message.message} values={{ ...problem.message.values, permission: name }} />
  );
}

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
  const intl = useIntl();
  const [open, setOpen] = useState<string | undefined>(initialConversationId);
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState(false);
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
            <FormattedMessage {...messages.back} />
          </button>
          <span className="review-id">
            <FormattedMessage {...messages.opened} values={{ conversationId: open }} />
          </span>
        </div>
        {renderInteraction(open)}
      </div>
    );
  }

  function openPasted(event: FormEvent) {
    event.preventDefault();
    const id = conversationIdFrom(pasted);
    if (id) {
      setPasteError(false);
      setOpen(id);
    } else setPasteError(true);
  }

  function search(event: FormEvent) {
    event.preventDefault();
    // The reviewer moved on from the pasted text: its complaint no longer applies.
    setPasteError(false);
    setRange({ from: `${from}T00:00:00Z`, to: `${to}T23:59:59Z` });
  }

  const problem = recent.error ? describeReadError(recent.error, 'interactions') : undefined;
  return (
    <main className="review-screen">
      <h1>
        <FormattedMessage {...messages.heading} />
      </h1>
      <form className="review-open-form" onSubmit={openPasted}>
        <label htmlFor="review-paste">
          <FormattedMessage {...messages.pasteLabel} />
        </label>
        <div className="row">
          <input
            id="review-paste"
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            aria-invalid={pasteError || undefined}
            aria-describedby={pasteError ? 'review-paste-error' : undefined}
          />
          <button type="submit">
            <FormattedMessage {...messages.open} />
          </button>
        </div>
        {pasteError ? (
          <p id="review-paste-error" role="alert">
            <FormattedMessage {...messages.pasteError} />
          </p>
        ) : null}
      </form>
      <form className="review-range-form" onSubmit={search}>
        <fieldset>
          <legend>
            <FormattedMessage {...messages.rangeLegend} />
          </legend>
          <label>
            <FormattedMessage {...messages.from} />{' '}
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <label>
            <FormattedMessage {...messages.to} />{' '}
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
          </label>
          <button type="submit">
            <FormattedMessage {...messages.find} />
          </button>
        </fieldset>
      </form>
      {recent.isFetching ? (
        <p role="status">
          <FormattedMessage {...messages.searching} />
        </p>
      ) : null}
      {problem && !recent.isFetching ? (
        <div role="alert" className="error-state">
          <h2>
            <Say phrase={problem.title} />
          </h2>
          <p>
            <ProblemMessage problem={problem} />
          </p>
          {problem.retryable ? (
            <button type="button" onClick={() => void recent.refetch()}>
              <FormattedMessage {...messages.tryAgain} />
            </button>
          ) : null}
        </div>
      ) : null}
      {recent.data && recent.data.length === 0 ? (
        <p role="status">
          <FormattedMessage {...messages.noneInRange} />
        </p>
      ) : null}
      {recent.data && recent.data.length > 0 ? (
        <ul className="interaction-list" aria-label={intl.formatMessage(messages.listLabel)}>
          {recent.data.map((i) => {
            const issue = i.error ? describeReadError(i.error, 'conversation') : undefined;
            return (
              <li key={i.conversationId}>
                <button type="button" onClick={() => setOpen(i.conversationId)}>
                  <span className="interaction-when">{formatTime(i.start, locale)}</span>{' '}
                  <span className="interaction-media">
                    {i.mediaType ? (
                      <FormattedMessage {...messages.mediaType} values={{ mediaType: i.mediaType }} />
                    ) : null}
                  </span>{' '}
                  <span className="interaction-count">
                    {issue ? (
                      <Say phrase={issue.title} />
                    ) : (
                      <FormattedMessage {...messages.attachmentCount} values={{ n: i.attachments.length }} />
                    )}
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
