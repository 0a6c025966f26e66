// What a failed Platform API read means for the person looking, in words that say what to do:
// which permission is missing, or which retention rule removed the data. The words travel as
// catalogue phrases, put into the reader's language where they are shown.
import type { IntlShape } from 'react-intl';
import { defineMessages, type MessageDescriptor } from '../i18n/messages.ts';
import { type Phrase, phrase } from '../i18n/phrase-value.ts';
import { statusOf } from './sdk-reads.ts';

export interface ReadProblem {
  kind: 'missing-permission' | 'gone' | 'session-expired' | 'rate-limited' | 'unavailable';
  title: Phrase;
  message: Phrase;
  /** Asking again may help (rate limits, outages), so the screen offers Try again. */
  retryable: boolean;
  /**
   * The missing permission: `message` has a `{permission}` placeholder for its name, said in the
   * reader's language where it is shown (`name`), or its code where this module does not know it.
   */
  permission?: { code: string; name?: MessageDescriptor };
}

const messages = defineMessages({
  recordingView: { id: 'genesys.permission.recordingView', defaultMessage: 'Recording > Recording > View' },
  recordingSegmentView: {
    id: 'genesys.permission.recordingSegmentView',
    defaultMessage: 'Recording > Recording Segment > View',
  },
  conversationDetailView: {
    id: 'genesys.permission.conversationDetailView',
    defaultMessage: 'Analytics > Conversation Detail > View',
  },
  communicationView: {
    id: 'genesys.permission.communicationView',
    defaultMessage: 'Conversation > Communication > View',
  },
  messageView: { id: 'genesys.permission.messageView', defaultMessage: 'Conversation > Message > View' },
  webmessagingView: {
    id: 'genesys.permission.webmessagingView',
    defaultMessage: 'Conversation > Webmessaging > View',
  },
  sessionExpiredTitle: { id: 'genesys.readError.sessionExpired.title', defaultMessage: 'Session expired' },
  sessionExpiredMessage: {
    id: 'genesys.readError.sessionExpired.message',
    defaultMessage: 'Sign in again to continue.',
  },
  rateLimitedTitle: { id: 'genesys.readError.rateLimited.title', defaultMessage: 'Too many requests' },
  rateLimitedMessage: {
    id: 'genesys.readError.rateLimited.message',
    defaultMessage: 'Genesys Cloud asked us to slow down. Try again in a minute.',
  },
  permissionTitle: { id: 'genesys.readError.permission.title', defaultMessage: 'Permission missing' },
  permissionNamed: {
    id: 'genesys.readError.permission.named',
    defaultMessage:
      'Your role needs the {permission} ({code}) permission to open this. Ask your Genesys Cloud admin.',
  },
  permissionList: {
    id: 'genesys.readError.permission.list',
    defaultMessage: 'Your role cannot list interactions. It needs Analytics > Conversation Detail > View.',
  },
  permissionRead: {
    id: 'genesys.readError.permission.read',
    defaultMessage:
      'Your role cannot read this interaction. Viewing ended interactions needs Recording > Recording > View.',
  },
  notFoundTitle: { id: 'genesys.readError.notFound.title', defaultMessage: 'Interaction not found' },
  notFoundMessage: {
    id: 'genesys.readError.notFound.message',
    defaultMessage:
      'It does not exist, or it is older than your organization’s recording retention policy and its content was deleted.',
  },
  unavailableTitle: {
    id: 'genesys.readError.unavailable.title',
    defaultMessage: 'Genesys Cloud unavailable',
  },
  unavailableMessage: {
    id: 'genesys.readError.unavailable.message',
    defaultMessage: 'The interaction could not be read. Try again shortly.',
  },
});

const PERMISSION_NAMES: Record<string, MessageDescriptor> = {
  'recording:recording:view': messages.recordingView,
  'recording:recordingSegment:view': messages.recordingSegmentView,
  'analytics:conversationDetail:view': messages.conversationDetailView,
  'conversation:communication:view': messages.communicationView,
  'conversation:message:view': messages.messageView,
  'conversation:webmessaging:view': messages.webmessagingView,
};

const labelMessages = defineMessages<{ labelled: { name: string; code: string } }>({
  labelled: {
    id: 'genesys.permission.labelled',
    description: 'A permission as the admin UI names it, then its code',
    defaultMessage: '{name} ({code})',
  },
});

/** A permission as the admin UI names it, in the reader's language, with its code; the code alone when unknown. */
export function permissionLabel(intl: IntlShape, permission: string): string {
  const name = PERMISSION_NAMES[permission];
  return name
    ? intl.formatMessage(labelMessages.labelled, { name: intl.formatMessage(name), code: permission })
    : permission;
}

export function describeReadError(error: unknown, what: 'conversation' | 'interactions'): ReadProblem {
  const status = statusOf(error);
  const body = (error as { body?: { message?: string; code?: string } } | null)?.body;
  if (status === 401)
    return {
      kind: 'session-expired',
      title: phrase(messages.sessionExpiredTitle),
      message: phrase(messages.sessionExpiredMessage),
      retryable: false,
    };
  if (status === 429)
    return {
      kind: 'rate-limited',
      title: phrase(messages.rateLimitedTitle),
      message: phrase(messages.rateLimitedMessage),
      retryable: true,
    };
  if (status === 403) {
    const permission = /\[([a-zA-Z]+:[a-zA-Z]+:[a-zA-Z]+)/.exec(body?.message ?? '')?.[1];
    const title = phrase(messages.permissionTitle);
    if (permission)
      return {
        kind: 'missing-permission',
        title,
        message: phrase(messages.permissionNamed, { code: permission }),
        retryable: false,
        permission: { code: permission, name: PERMISSION_NAMES[permission] },
      };
    const message = phrase(what === 'interactions' ? messages.permissionList : messages.permissionRead);
    return { kind: 'missing-permission', title, message, retryable: false };
  }
  if (status === 404)
    return {
      kind: 'gone',
      title: phrase(messages.notFoundTitle),
      message: phrase(messages.notFoundMessage),
      retryable: false,
    };
  return {
    kind: 'unavailable',
    title: phrase(messages.unavailableTitle),
    message: phrase(messages.unavailableMessage),
    retryable: true,
  };
}
