import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleAttachments } from '../../sandbox/sample-data/sample-attachments.ts';
import { conversationIds, type Stack, startStack } from '../../scripts/local-stack/stack.ts';
import { mintedLink } from '../support/mint.ts';

describe('who opened what, and at what cost upstream', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(() => {
    stack.control.clearFaults();
  });

  const hostedSamples = (conversationId: string) =>
    sampleAttachments(conversationId).filter((a) => a.location.kind === 'genesys');

  function firstHosted(conversationId: string) {
    const [first] = hostedSamples(conversationId);
    if (!first) throw new Error(`no Genesys-hosted sample in ${conversationId}`);
    return first;
  }

  async function mintFirst(token: string, conversationId: string) {
    const first = firstHosted(conversationId);
    await mintedLink(stack, first, { token });
    return first.id;
  }

  it('records the role it saw: the agent of the conversation, a reviewer, or a reader of recordings', async () => {
    const asParticipant = await mintFirst(stack.tokens.alice, conversationIds.webMessaging);
    const asReviewer = await mintFirst(stack.tokens.quinn, conversationIds.webMessaging);
    const fromRecordings = await mintFirst(stack.tokens.quinn, conversationIds.endedMessaging);
    const issued = (await stack.auditRecords()).filter((r) => r.event === 'link.issued');
    const roleOf = (user: string, attachment: string) =>
      issued.find((r) => r.user === user && r.attachment === attachment)?.role;
    expect(roleOf('3f0a1c5e-8b2d-4c6f-9a1e-00000000a11c', asParticipant)).toBe('participant');
    expect(roleOf('3f0a1c5e-8b2d-4c6f-9a1e-00000000c0a1', asReviewer)).toBe('reviewer');
    expect(roleOf('3f0a1c5e-8b2d-4c6f-9a1e-00000000c0a1', fromRecordings)).toBe('recordings');
  });

  it('inspects each file once however many status calls arrive together', async () => {
    const proxy = await stack.startProxy();
    stack.control.resetCalls();
    const conversationId = conversationIds.webMessaging;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        proxy.request(`/api/v1/conversations/${conversationId}/attachments`, { token: stack.tokens.bob }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const hosted = hostedSamples(conversationId).length;
    expect(stack.control.calls().downloads ?? 0).toBe(hosted);
  });

  it('passes a 429 from a Genesys download through a relay link with its Retry-After', async () => {
    const minted = await mintedLink(stack, firstHosted(conversationIds.webMessaging), {
      token: stack.tokens.bob,
    });
    stack.control.setFault('downloads.file', { status: 429, retryAfter: 17 });
    const relayed = await stack.request(minted.url);
    expect(relayed.status).toBe(429);
    expect(relayed.headers.get('retry-after')).toBe('17');
  });
});
