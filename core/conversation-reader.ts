// How the product reads one conversation: the same sequence of Platform API calls in the widget
// (through the Platform SDK) and in the proxy (with the agent's token), so both see the same data
// and detection gives both the same references.
import type { Models } from 'purecloud-platform-client-v2';
import type { ConversationData, MessageDataAsSent } from './detect.ts';
import { listOf, textOf } from './model-access.ts';
import {
  type ApiFailure,
  isSessionFailure,
  type ReadSource,
  type UnreadSource,
  unreadSource,
} from './read-failure.ts';
import { isRecordingsPreparing, type RecordingsPreparing } from './recordings-read.ts';

/** The Platform API calls the reader needs. Each rejects with the caller's own error type. */
export interface PlatformReads {
  getConversation(conversationId: string): Promise<Models.Conversation>;
  /** POST /api/v2/conversations/messages/{id}/messages/bulk with at most 1,000 ids. */
  getMessagesBulk(conversationId: string, messageIds: string[]): Promise<Models.TextMessageListing>;
  /**
   * GET /api/v2/conversations/emails/{id}/messages; with `pageUri`, the listing's `nextUri` instead
   * (a path on the same API, checked by the reader to be this listing's).
   */
  getEmailMessages(conversationId: string, pageUri?: string): Promise<Models.EmailMessagePreviewListing>;
  /**
   * `GET /api/v2/conversations/{id}/recordings` with `recordingsQuery()` (core/recordings-read.ts);
   * `recordingsPreparing` when Genesys answered 202 Accepted.
   */
  getRecordings(conversationId: string): Promise<Models.Recording[] | RecordingsPreparing>;
  /**
   * What a rejection of the calls above says (status, Genesys's message, Retry-After), or undefined
   * when it is not a Platform API failure at all (a bug: the reader rethrows it).
   */
  failureOf(error: unknown): ApiFailure | undefined;
}

export const BULK_LIMIT = 1_000;

/** Pages of an email listing followed at most: far beyond any thread, short of a listing that loops. */
export const EMAIL_PAGE_LIMIT = 20;

/**
 * Reads everything detection needs. A live (or recently ended) conversation comes from
 * `GET /conversations/{id}` plus its message bodies or email messages; one that is gone from the
 * conversations API (old interactions) comes from its recordings' transcripts.
 *
 * The conversation (or, once it is gone, its recordings) is the root: without it there is nothing
 * to read, so its failure rejects the read. Message bodies and the email listing then succeed or fail
 * on their own: a failed one is left out of the data and named in `unread`, so what the conversation
 * itself holds is still listed — and, in the proxy, only what was read is ever granted. A 401 from
 * any call rejects the whole read (the session is over).
 */
export async function readConversation(
  api: PlatformReads,
  conversationId: string,
): Promise<ConversationData> {
  let conversation: Models.Conversation;
  try {
    conversation = await api.getConversation(conversationId);
  } catch (error) {
    // A 404 of the recordings too is rejected as it came: past retention (or never was).
    if (api.failureOf(error)?.status !== 404) throw error;
    const recordings = await api.getRecordings(conversationId);
    // Nothing is granted from a transcript Genesys has not finished: the read says so instead.
    if (isRecordingsPreparing(recordings)) return { conversationId, recordingsPreparing: true };
    return { conversationId, recordings };
  }

  const data: ConversationData = { conversationId, conversation };
  const unread: UnreadSource[] = [];
  const attempt = async <T>(source: ReadSource, read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      const failure = api.failureOf(error);
      if (failure === undefined || isSessionFailure(failure)) throw error;
      unread.push(unreadSource(source, failure));
      return undefined;
    }
  };

  const communications = listOf(conversation, 'participants').map((p) => ({
    messages: listOf(p, 'messages'),
    emails: listOf(p, 'emails'),
  }));

  const messageIds = unique(
    communications.flatMap((c) =>
      c.messages.flatMap((m) => listOf(m, 'messages').map((d) => textOf(d, 'messageId'))),
    ),
  );
  if (messageIds.length > 0) {
    const messages: MessageDataAsSent[] = [];
    for (let i = 0; i < messageIds.length; i += BULK_LIMIT) {
      const page = await attempt('messages', () =>
        api.getMessagesBulk(conversationId, messageIds.slice(i, i + BULK_LIMIT)),
      );
      // One failed page is the source's failure; the pages after it are not asked for.
      if (page === undefined) break;
      messages.push(...listOf(page, 'entities'));
    }
    if (messages.length > 0 || !unread.some((u) => u.source === 'messages')) data.messages = messages;
  }

  if (communications.some((c) => c.emails.length > 0)) {
    // The listing's previews already carry each message's attachments: one call per page of the thread.
    const emails: (Models.EmailMessagePreview | Models.EmailMessage)[] = [];
    let pageUri: string | undefined;
    const seen = new Set<string>();
    for (let page = 0; page < EMAIL_PAGE_LIMIT; page++) {
      const listing = await attempt('emails', () => api.getEmailMessages(conversationId, pageUri));
      if (listing === undefined) break;
      emails.push(...listListing(listing));
      pageUri = nextPageOf(listing, conversationId);
      if (pageUri === undefined || seen.has(pageUri)) break;
      seen.add(pageUri);
    }
    if (emails.length > 0 || !unread.some((u) => u.source === 'emails')) data.emails = emails;
  }
  if (unread.length > 0) data.unread = unread;
  return data;
}

function listListing(listing: Models.EmailMessagePreviewListing): readonly Models.EmailMessagePreview[] {
  return listOf(listing, 'entities');
}

/**
 * The listing's next page, only as a path of this same listing on the API the reader already calls:
 * the agent's token is never sent anywhere a response names.
 */
export function nextPageOf(
  listing: Models.EmailMessagePreviewListing,
  conversationId: string,
): string | undefined {
  const next = textOf(listing, 'nextUri');
  const base = `/api/v2/conversations/emails/${encodeURIComponent(conversationId)}/messages`;
  if (next === undefined || next.length > 2_000) return undefined;
  if (!(next === base || next.startsWith(`${base}?`))) return undefined;
  // A query of plain parameters only: no second path, fragment or encoded tricks.
  return /^[A-Za-z0-9_.~=&%-]*$/.test(next.slice(base.length + 1)) ? next : undefined;
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}
