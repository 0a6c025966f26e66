// How the product reads one conversation: the same sequence of Platform API calls in the widget
// (through the Platform SDK) and in the proxy (with the agent's token), so both see the same data
// and detection gives both the same references.
import type { Models } from 'purecloud-platform-client-v2';
import type { ConversationData } from './detect.ts';
import { arr, obj, str } from './json-access.ts';
import { isRecordingsPreparing, type RecordingsPreparing } from './recordings-read.ts';

/** The Platform API calls the reader needs. Each rejects with the caller's own error type. */
export interface PlatformReads {
  getConversation(conversationId: string): Promise<Models.Conversation>;
  /** POST /api/v2/conversations/messages/{id}/messages/bulk with at most 1,000 ids. */
  getMessagesBulk(conversationId: string, messageIds: string[]): Promise<Models.TextMessageListing>;
  getEmailMessages(conversationId: string): Promise<Models.EmailMessagePreviewListing>;
  /**
   * `GET /api/v2/conversations/{id}/recordings` with `recordingsQuery()` (core/recordings-read.ts);
   * `recordingsPreparing` when Genesys answered 202 Accepted.
   */
  getRecordings(conversationId: string): Promise<Models.Recording[] | RecordingsPreparing>;
  /**
   * True when the error means "this conversation is not there" (404), so recordings are tried. A 404
   * of the recordings too is rejected as it came: the interaction is past retention (or never was).
   */
  isNotFound(error: unknown): boolean;
}

export const BULK_LIMIT = 1_000;

/**
 * Reads everything detection needs. A live (or recently ended) conversation comes from
 * `GET /conversations/{id}` plus its message bodies or email messages; one that is gone from the
 * conversations API (old interactions) comes from its recordings' transcripts.
 */
export async function readConversation(
  api: PlatformReads,
  conversationId: string,
): Promise<ConversationData> {
  let conversation: Models.Conversation;
  try {
    conversation = await api.getConversation(conversationId);
  } catch (error) {
    if (!api.isNotFound(error)) throw error;
    const recordings = await api.getRecordings(conversationId);
    // Nothing is granted from a transcript Genesys has not finished: the read says so instead.
    if (isRecordingsPreparing(recordings)) return { conversationId, recordingsPreparing: true };
    return { conversationId, recordings };
  }

  const data: ConversationData = { conversationId, conversation };
  const communications = arr(obj(conversation)?.participants).flatMap((p) => ({
    messages: arr(obj(p)?.messages),
    emails: arr(obj(p)?.emails),
  }));

  const messageIds = unique(
    communications.flatMap((c) =>
      c.messages.flatMap((m) => arr(obj(m)?.messages).map((d) => str(obj(d)?.messageId))),
    ),
  );
  if (messageIds.length > 0) {
    const messages: unknown[] = [];
    for (let i = 0; i < messageIds.length; i += BULK_LIMIT) {
      const page = await api.getMessagesBulk(conversationId, messageIds.slice(i, i + BULK_LIMIT));
      messages.push(...arr(obj(page)?.entities));
    }
    data.messages = messages;
  }

  if (communications.some((c) => c.emails.length > 0)) {
    // The listing's previews already carry each message's attachments: one call for the whole thread.
    data.emails = arr(obj(await api.getEmailMessages(conversationId))?.entities);
  }
  return data;
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}
