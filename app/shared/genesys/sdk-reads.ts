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
    failureOf: (error) => {
      // Anything the SDK rejects with is a failed call (a timeout or lost network has no status);
      // the widget grants nothing, so an unknown rejection is safely "unavailable, try again".
      const status = statusOf(error);
      const message = messageOf(error);
      return { ...(status === undefined ? {} : { status }), ...(message === undefined ? {} : { message }) };
    },
  };
}

/** Genesys's ErrorBody message: the rejection itself, or its `body` when extended responses are on. */
function messageOf(error: unknown): string | undefined {
  const e = error as { message?: unknown; body?: { message?: unknown } } | null;
  const message = e?.body?.message ?? e?.message;
  return typeof message === 'string' ? message : undefined;
}

/** The HTTP status of an SDK error (it rejects with a plain object carrying `status`). */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
