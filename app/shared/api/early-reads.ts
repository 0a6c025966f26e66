// The reads the list waits for, started by the entry (app/main.ts) the moment it has the agent's
// token, while React and the list's code are still loading: the conversation through the Platform
// SDK, and the proxy's rules and file status. The app's queries take them over (app.tsx) instead of
// asking again, starting from the answers already in (docs/performance.md, "Time to the list").
// Free of React, as the entry is.
import { type PlatformReads, readConversation } from '../../../core/conversation-reader.ts';
import type { ConversationData } from '../../../core/detect.ts';
import type { ClientConfigResponse, StatusResponse } from '../../../core/proxy-api.ts';
import type { ProxyClient } from './proxy-client.ts';

export interface EarlyReads {
  conversationId: string;
  read: Promise<ConversationData>;
  config: Promise<ClientConfigResponse>;
  status: Promise<StatusResponse>;
  /** The answers already in, so the app can start with them: its first render is then the list. */
  arrived: { read?: ConversationData; config?: ClientConfigResponse; status?: StatusResponse };
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
  const arrived: EarlyReads['arrived'] = {};
  // A failure is the query's to report once it takes the read over: none goes unhandled meanwhile.
  const held = <T>(promise: Promise<T>, keep: (value: T) => void): Promise<T> => {
    promise.then(keep, () => undefined);
    return promise;
  };
  return {
    conversationId,
    read: held(readConversation(platform, conversationId), (read) => (arrived.read = read)),
    config: held(proxy.get<ClientConfigResponse>('/config'), (config) => (arrived.config = config)),
    status: held(
      proxy.get<StatusResponse>(attachmentStatusPath(conversationId)),
      (status) => (arrived.status = status),
    ),
    arrived,
  };
}
