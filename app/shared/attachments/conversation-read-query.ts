import { queryOptions } from '@tanstack/react-query';
import { type PlatformReads, readConversation } from '../../../core/conversation-reader.ts';

/** Where a conversation's read is cached (the entry's early read is put there too: app.tsx). */
export const conversationReadKey = (conversationId: string) =>
  ['attachments', conversationId, 'read'] as const;

/**
 * One conversation as the Platform API gives it, read with the agent's token. Detection runs on it
 * with the proxy's rules once both are there, so the read need not wait for the rules.
 */
export function conversationReadQuery(platform: PlatformReads, conversationId: string) {
  return queryOptions({
    queryKey: conversationReadKey(conversationId),
    queryFn: () => readConversation(platform, conversationId),
  });
}
