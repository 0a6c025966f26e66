import { queryOptions } from '@tanstack/react-query';
import type { ClientConfigResponse } from '../../../core/proxy-api.ts';
import type { ProxyClient } from './proxy-client.ts';

export const clientConfigKey = ['client-config'] as const;

/** The proxy's detection rules and link lifetime: read once per page. */
export function clientConfigQuery(proxy: ProxyClient) {
  return queryOptions({
    queryKey: clientConfigKey,
    queryFn: ({ signal }) => proxy.get<ClientConfigResponse>('/config', signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
