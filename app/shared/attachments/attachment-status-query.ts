import { queryOptions } from '@tanstack/react-query';
import type { StatusResponse } from '../../../core/proxy-api.ts';
import { attachmentStatusPath } from '../api/early-reads.ts';
import type { ProxyClient } from '../api/proxy-client.ts';

export const attachmentStatusKey = (conversationId: string) => ['attachment-status', conversationId] as const;

/** The proxy's availability, scan verdict and renditions of each file it finds in the conversation. */
export function attachmentStatusQuery(proxy: ProxyClient, conversationId: string) {
  return queryOptions({
    queryKey: attachmentStatusKey(conversationId),
    queryFn: ({ signal }) => proxy.get<StatusResponse>(attachmentStatusPath(conversationId), signal),
  });
}
