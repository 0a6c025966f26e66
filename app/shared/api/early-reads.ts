// The reads the list waits for, started by the entry (app/main.ts) the moment the agent is signed
// in, while React and the list's code are still loading: the conversation through the Platform SDK,
// and the proxy's rules and file status. The app's queries take them over (app.tsx) instead of
// asking again (docs/performance.md, "Time to the list"). Free of React, as the entry is.
import { type PlatformReads, readConversation } from '../../../core/conversation-reader.ts';
import type { ConversationData } from '../../../core/detect.ts';
import type { ClientConfigResponse, StatusResponse } from '../../../core/proxy-api.ts';
import type { ProxyClient } from './proxy-client.ts';

export interface EarlyReads {
  conversationId: string;
  read: Promise<ConversationData>;
  config: Promise<ClientConfigResponse>;
  status: Promise<StatusResponse>;
}

/** The proxy's status of a conversation's files (GET, with the agent's token). */
export function attachmentStatusPath(conversationId: string): string {
  return `/conversations/${encodeURIComponent(conversationId)}/attachments`;
}

export function startEarlyReads(
  platform: PlatformReads,
  proxy: ProxyClient,
  conversationId: string,
): EarlyReads {
  // A failure is the query's to report once it takes the read over: none goes unhandled meanwhile.
  const held = <T>(promise: Promise<T>): Promise<T> => {
    promise.catch(() => undefined);
    return promise;
  };
  return {
    conversationId,
    read: held(readConversation(platform, conversationId)),
    config: held(proxy.get<ClientConfigResponse>('/config')),
    status: held(proxy.get<StatusResponse>(attachmentStatusPath(conversationId))),
  };
}
