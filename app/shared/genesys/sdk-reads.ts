// The shared conversation reader's Platform API calls, made through the Platform SDK with the
// agent's token: the widget reads exactly what the proxy re-reads before it signs anything.
import type { Models } from 'purecloud-platform-client-v2';
import type { PlatformReads } from '../../../core/conversation-reader.ts';
import { recordingsPreparing, recordingsQuery } from '../../../core/recordings-read.ts';
import { conversationsApi, recordingApiWithStatus } from './platform-sdk.ts';

// The SDK's own deadline of every call (ApiClient's `timeout`): Genesys's wait must end before it.
const SDK_TIMEOUT_MS = 16_000;

export function sdkReads(): PlatformReads {
  const conversations = conversationsApi();
  return {
    getConversation: (id) => conversations.getConversation(id),
    getMessagesBulk: (id, ids) => conversations.postConversationsMessageMessagesBulk(id, { body: ids }),
    getEmailMessages: (id) => conversations.getConversationsEmailMessages(id),
    getRecordings: async (id) => {
      const api = await recordingApiWithStatus();
      // The view resolves with the status and the body (see recordingApiWithStatus).
      const answer = (await api.getConversationRecordings(
        id,
        recordingsQuery(SDK_TIMEOUT_MS),
      )) as unknown as {
        status: number;
        body: Models.Recording[];
      };
      return answer.status === 202 ? recordingsPreparing : answer.body;
    },
    isNotFound: (error) => statusOf(error) === 404,
  };
}

/** The HTTP status of an SDK error (it rejects with a plain object carrying `status`). */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
