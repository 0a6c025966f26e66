import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationIds, type Stack, sampleAttachments, startStack } from './support/stack.ts';

describe('who opened what, and at what cost upstream', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  async function mintFirst(token: string, conversationId: string) {
    const [first] = sampleAttachments(conversationId).filter((a) => a.location.kind === 'genesys');
    if (!first) throw new Error(`no Genesys-hosted sample in ${conversationId}`);
    const res = await stack.request('/api/v1/links', {
      token,
      method: 'POST',
      body: { conversationId, attachmentId: first.id },
    });
    expect(res.status).toBe(200);
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
    const hosted = sampleAttachments(conversationId).filter((a) => a.location.kind === 'genesys').length;
    expect(stack.control.calls().downloads ?? 0).toBe(hosted);
  });
});
