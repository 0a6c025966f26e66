import { defineMessages, FormattedMessage, type NoMessageValues } from '../../shared/i18n/messages.ts';
import { RECENT_DAYS } from './ref-candidates.ts';
import type { RefRefusal } from './use-ref-match.ts';

const messages = defineMessages<{
  title: NoMessageValues;
  noKey: NoMessageValues;
  noConversation: NoMessageValues;
  cannotRead: NoMessageValues;
  notReferenced: NoMessageValues;
  notFound: { days: number };
  looking: NoMessageValues;
}>({
  title: { id: 'ref.refusal.title', defaultMessage: 'This file cannot be opened here' },
  noKey: {
    id: 'ref.refusal.noKey',
    defaultMessage:
      'The link is damaged: it does not name a file. Open the file from its interaction in Genesys Cloud.',
  },
  noConversation: {
    id: 'ref.refusal.noConversation',
    defaultMessage:
      'The link does not say which conversation the file belongs to, and Genesys Cloud cannot find a conversation by its files. Open the file from its interaction in Genesys Cloud, or ask for a link that names the conversation.',
  },
  cannotRead: {
    id: 'ref.refusal.cannotRead',
    defaultMessage:
      'You cannot read the conversation this file belongs to, so the file is not shown. If you should have access, ask your Genesys Cloud admin for a role that lets you view the conversation.',
  },
  notReferenced: {
    id: 'ref.refusal.notReferenced',
    defaultMessage:
      'The conversation the link names does not contain this file, so it is not shown. Open the file from its interaction in Genesys Cloud, or ask whoever sent the link for a new one.',
  },
  notFound: {
    id: 'ref.refusal.notFound',
    defaultMessage:
      'The link does not say which conversation the file belongs to, and it is in none of your active conversations (nor, if your role may list interactions, in those of the last {days, plural, one {day} other {# days}}). Open the file from its interaction in Genesys Cloud, or ask for a link that names the conversation.',
  },
  looking: { id: 'ref.looking', defaultMessage: 'Looking for the file in its conversation…' },
});

const reasons: Record<Exclude<RefRefusal, 'not-found'>, (typeof messages)['noKey']> = {
  'no-key': messages.noKey,
  'no-conversation': messages.noConversation,
  'cannot-read': messages.cannotRead,
  'not-referenced': messages.notReferenced,
};

/** Why a stable link does not open, and what to do instead. */
export function RefRefusalMessage({ reason }: { reason: RefRefusal }) {
  return (
    <div className="centered ref-refusal" role="alert">
      <h2>
        <FormattedMessage {...messages.title} />
      </h2>
      <p>
        {reason === 'not-found' ? (
          <FormattedMessage {...messages.notFound} values={{ days: RECENT_DAYS }} />
        ) : (
          <FormattedMessage {...reasons[reason]} />
        )}
      </p>
    </div>
  );
}

export function RefLooking() {
  return (
    <p className="centered" role="status">
      <FormattedMessage {...messages.looking} />
    </p>
  );
}
