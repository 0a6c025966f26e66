// attachment reference → link: a just-in-time link minted by the proxy, fresh until shortly
// before it expires; re-minted on demand when a viewer finds it expired.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { LinkResponse } from '../../../../core/proxy-api.ts';
import type { ProxyClient } from '../../../shared/api/proxy-client.ts';
import { useServices } from '../../../shared/api/services.tsx';

const EXPIRY_MARGIN_MS = 10_000;

export function mintLink(
  proxy: ProxyClient,
  conversationId: string,
  attachmentId: string,
  disposition: 'inline' | 'attachment',
) {
  return proxy.post<LinkResponse>('/links', { conversationId, attachmentId, disposition });
}

export function useLink(conversationId: string, attachmentId: string) {
  const { proxy } = useServices();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['link', conversationId, attachmentId, 'inline'],
    queryFn: () => mintLink(proxy, conversationId, attachmentId, 'inline'),
    staleTime: (q) =>
      q.state.data ? Math.max(0, Date.parse(q.state.data.expiresAt) - Date.now() - EXPIRY_MARGIN_MS) : 0,
    refetchOnWindowFocus: false,
    retry: false,
  });
  /** Mints a new link now (the current one expired mid-view). */
  const renew = useCallback(async () => {
    await client.invalidateQueries({
      queryKey: ['link', conversationId, attachmentId, 'inline'],
      exact: true,
    });
  }, [client, conversationId, attachmentId]);
  return { ...query, renew };
}
