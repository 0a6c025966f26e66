import { queryOptions } from '@tanstack/react-query';
import { type PlatformReads, readConversation } from '../../../core/conversation-reader.ts';

/**
 * One conversation as the Platform API gives it, read with the agent's token. Detection runs on it
 * with the proxy's rules once both are there, so the read need not wait for the rules.
 */
export function conversationReadQuery(platform: PlatformReads, conversationId: string) {
  return queryOptions({
    queryKey: ['attachments', conversationId, 'read'],
    queryFn: () => readConversation(platform, conversationId),
  });
}
