/** Link requests to a proxy of the local stack, as the widget sends them. */
import { expect } from 'vitest';
import type { LinkResponse } from '../../core/proxy-api.ts';
import { sandboxTokens } from '../../sandbox/sample-data/manifest.ts';
import type { ProxyClient, StackResponse } from '../../scripts/local-stack/stack.ts';

export interface MintOptions {
  /** The agent's token: Alice's unless given. */
  token?: string;
  disposition?: 'inline' | 'attachment';
}

/** POST /api/v1/links for `attachment` through `proxy`: the answer, whatever it is. */
export function mintLink(
  proxy: ProxyClient,
  attachment: { conversationId: string; id: string },
  options: MintOptions = {},
): Promise<StackResponse> {
  return proxy.request('/api/v1/links', {
    token: options.token ?? sandboxTokens.alice,
    body: {
      conversationId: attachment.conversationId,
      attachmentId: attachment.id,
      ...(options.disposition ? { disposition: options.disposition } : {}),
    },
  });
}

/** The link `proxy` mints for `attachment`, expecting a 200. */
export async function mintedLink(
  proxy: ProxyClient,
  attachment: { conversationId: string; id: string },
  options: MintOptions = {},
): Promise<LinkResponse> {
  const response = await mintLink(proxy, attachment, options);
  expect(response.status, response.text).toBe(200);
  return response.json as LinkResponse;
}
