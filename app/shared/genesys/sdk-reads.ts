// The shared conversation reader's Platform API calls, made through the Platform SDK with the
// agent's token: the widget reads exactly what the proxy re-reads before it signs anything.

import type { Models } from 'purecloud-platform-client-v2';
import type { PlatformReads } from '../../../core/conversation-reader.ts';
import { recordingsPreparing, recordingsQuery } from '../../../core/recordings-read.ts';
import { conversationsApi, platformApiClient, recordingApiWithStatus } from './platform-sdk.ts';

// The SDK's own deadline of every call (ApiClient's `timeout`): Genesys's wait must end before it.
const SDK_TIMEOUT_MS = 16_000;

export function sdkReads(): PlatformReads {
  const conversations = conversationsApi();
  return {
    getConversation: (id) => conversations.getConversation(id),
    getMessagesBulk: (id, ids) => conversations.postConversationsMessageMessagesBulk(id, { body: ids }),
    getEmailMessages: (id, pageUri) =>
      pageUri === undefined ? conversations.getConversationsEmailMessages(id) : nextPage(pageUri),
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
    failureOf: (error) => {
      // Anything the SDK rejects with is a failed call (a timeout or lost network has no status);
      // the widget grants nothing, so an unknown rejection is safely "unavailable, try again".
      const status = statusOf(error);
      const message = messageOf(error);
      return { ...(status === undefined ? {} : { status }), ...(message === undefined ? {} : { message }) };
    },
  };
}

/**
 * A listing's `nextUri` (a path of the same listing, checked by the reader) through the SDK's own
 * client, so it carries the same token, base URL and error shape as the SDK's typed calls.
 */
function nextPage(pageUri: string): Promise<Models.EmailMessagePreviewListing> {
  const url = new URL(pageUri, 'https://api.invalid');
  return platformApiClient().callApi(
    url.pathname,
    'GET',
    {},
    // Declared as objects, sent as query strings: the SDK's own calls pass strings and numbers here.
    Object.fromEntries(url.searchParams) as unknown as Record<string, object>,
    {},
    {},
    null,
    ['PureCloud OAuth'],
    ['application/json'],
    ['application/json'],
  );
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
