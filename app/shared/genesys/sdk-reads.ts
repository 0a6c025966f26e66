// The shared conversation reader's Platform API calls, made through the Platform SDK with the
// agent's token: the widget reads exactly what the proxy re-reads before it signs anything.
import platformClient from 'purecloud-platform-client-v2';
import type { PlatformReads } from '../../../core/conversation-reader.ts';

export function sdkReads(): PlatformReads {
  const conversations = new platformClient.ConversationsApi();
  const recordings = new platformClient.RecordingApi();
  return {
    getConversation: (id) => conversations.getConversation(id),
    getMessagesBulk: (id, ids) => conversations.postConversationsMessageMessagesBulk(id, { body: ids }),
    getEmailMessages: (id) => conversations.getConversationsEmailMessages(id),
    getRecordings: (id) => recordings.getConversationRecordings(id),
    isNotFound: (error) => statusOf(error) === 404,
  };
}

/** The HTTP status of an SDK error (it rejects with a plain object carrying `status`). */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
