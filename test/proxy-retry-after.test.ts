import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationIds, type Stack, sampleAttachments, startStack } from './support/stack.ts';

describe('Genesys rate limits on relayed files', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('passes a 429 from a Genesys download through a relay link with its Retry-After', async () => {
    const conversationId = conversationIds.webMessaging;
    const [hosted] = sampleAttachments(conversationId).filter((a) => a.location.kind === 'genesys');
    if (!hosted) throw new Error('no Genesys-hosted sample');
    const minted = await stack.request('/api/v1/links', {
      token: stack.tokens.bob,
      method: 'POST',
      body: { conversationId, attachmentId: hosted.id },
    });
    expect(minted.status).toBe(200);
    stack.control.setFault('downloads.file', { status: 429, retryAfter: 17 });
    const relayed = await stack.request(minted.json.url);
    stack.control.clearFaults();
    expect(relayed.status).toBe(429);
    expect(relayed.headers.get('retry-after')).toBe('17');
  });
});
