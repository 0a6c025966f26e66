// attachment reference → link: a just-in-time link minted by the proxy, fresh until shortly
// before it expires; re-minted on demand when a viewer finds it expired.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { LinkResponse } from '../../../../core/proxy-api.ts';
import type { PartSelector, RenditionName } from '../../../../core/renditions.ts';
import type { ProxyClient } from '../../../shared/api/proxy-client.ts';
import { useServices } from '../../../shared/api/services.tsx';

const EXPIRY_MARGIN_MS = 10_000;

export function mintLink(
  proxy: ProxyClient,
  conversationId: string,
  attachmentId: string,
  disposition: 'inline' | 'attachment',
  rendition?: RenditionName,
  signal?: AbortSignal,
  part?: PartSelector,
) {
  return proxy.post<LinkResponse>(
    '/links',
    {
      conversationId,
      attachmentId,
      disposition,
      ...(rendition ? { rendition } : {}),
      ...(part ? { part } : {}),
    },
    signal,
  );
}

/**
 * The inline link of an attachment, or of its rendition when the proxy derives one (a conversion
 * can take seconds: leaving the preview aborts the request), or of one file inside it (`part`).
 */
export function useLink(
  conversationId: string,
  attachmentId: string,
  rendition?: RenditionName,
  part?: PartSelector,
) {
  const { proxy } = useServices();
  const client = useQueryClient();
  const variant = part ? `part:${JSON.stringify(part)}` : (rendition ?? 'inline');
  const query = useQuery({
    queryKey: ['link', conversationId, attachmentId, variant],
    queryFn: ({ signal }) => mintLink(proxy, conversationId, attachmentId, 'inline', rendition, signal, part),
    staleTime: (q) =>
      q.state.data ? Math.max(0, Date.parse(q.state.data.expiresAt) - Date.now() - EXPIRY_MARGIN_MS) : 0,
    refetchOnWindowFocus: false,
    retry: false,
  });
  /** Mints a new link now (the current one expired mid-view). */
  const renew = useCallback(async () => {
    await client.invalidateQueries({
      queryKey: ['link', conversationId, attachmentId, variant],
      exact: true,
    });
  }, [client, conversationId, attachmentId, variant]);
  return { ...query, renew };
}
