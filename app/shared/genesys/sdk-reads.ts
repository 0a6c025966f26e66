// The shared conversation reader's Platform API calls, made through the Platform SDK with the
// agent's token: the widget reads exactly what the proxy re-reads before it signs anything.
import type { PlatformReads } from '../../../core/conversation-reader.ts';
import { conversationsApi, recordingApi } from './platform-sdk.ts';

export function sdkReads(): PlatformReads {
  const conversations = conversationsApi();
  return {
    getConversation: (id) => conversations.getConversation(id),
    getMessagesBulk: (id, ids) => conversations.postConversationsMessageMessagesBulk(id, { body: ids }),
    getEmailMessages: (id) => conversations.getConversationsEmailMessages(id),
    getRecordings: async (id) => (await recordingApi()).getConversationRecordings(id),
    isNotFound: (error) => statusOf(error) === 404,
  };
}

/** The HTTP status of an SDK error (it rejects with a plain object carrying `status`). */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
