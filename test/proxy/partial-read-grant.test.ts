// A partial read never widens a grant: when one source of a conversation cannot be read with the
// agent's token, the proxy lists and links only what the sources it did read hold, says which source
// is missing, and does not remember the partial read.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleAttachment, sampleAttachments } from '../../sandbox/sample-data/sample-attachments.ts';
import { conversationIds, type Stack, type StackProxy, startStack } from '../../scripts/local-stack/stack.ts';
import { mintLink } from '../support/mint.ts';

const store = conversationIds.openMessagingStore;
// Only in the message bodies (normalizedMessage.metadata), and only in the conversation (attributes).
const bodiesOnly = sampleAttachment(store, 'vehicle.json');
const conversationOnly = sampleAttachment(store, 'estimate.csv');

describe('partial reads in the proxy', () => {
  let stack: Stack;
  let proxy: StackProxy;

  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(async () => {
    stack.control.clearFaults();
    await proxy?.stop();
  });

  // A proxy of its own per test: nothing a previous test read is in its caches.
  const freshProxy = async () => {
    proxy = await stack.startProxy();
    return proxy;
  };
  const listing = (p: StackProxy) =>
    p.request(`/api/v1/conversations/${store}/attachments`, { token: stack.tokens.alice });

  it('never grants more from a partial read than from the full one, and never a file of the failed source', async () => {
    const full = await listing(await freshProxy());
    expect(full.status).toBe(200);
    const fullIds = new Set<string>(
      full.json.attachments.map((a: { attachment: { id: string } }) => a.attachment.id),
    );
    expect(fullIds).toEqual(new Set(sampleAttachments(store).map((a) => a.id)));
    await proxy.stop();

    stack.control.setFault('messages.bulk', { status: 403, missingPermission: 'conversation:message:view' });
    const p = await freshProxy();
    const partial = await listing(p);
    expect(partial.status).toBe(200);
    expect(partial.json.unread).toEqual([
      {
        source: 'messages',
        reason: 'missing-permission',
        permission: 'conversation:message:view',
        canRetry: false,
      },
    ]);
    const partialIds: string[] = partial.json.attachments.map(
      (a: { attachment: { id: string } }) => a.attachment.id,
    );
    expect(partialIds.length).toBeGreaterThan(0);
    expect(partialIds.length).toBeLessThan(fullIds.size);
    for (const id of partialIds) expect(fullIds.has(id)).toBe(true);
    // Every file the conversation alone does not reference is refused, each one of them.
    const onlyInBodies = sampleAttachments(store).filter(
      (a) => !a.fields.some((f) => f === 'messageDetails.media' || f === 'participant.attributes'),
    );
    expect(onlyInBodies.map((a) => a.id).sort()).toEqual(
      [...fullIds].filter((id) => !partialIds.includes(id)).sort(),
    );
    for (const attachment of onlyInBodies) {
      const refused = await mintLink(p, attachment);
      expect(refused.status, attachment.fileName).toBe(403);
      expect(refused.json.error.code).toBe('not_permitted');
    }
    const allowed = await mintLink(p, conversationOnly);
    expect(allowed.status, allowed.text).toBe(200);

    const statusRead = (await stack.auditRecords()).filter(
      (r) => r.event === 'status.read' && r.conversation === store && r.decision === 'allow',
    );
    expect(statusRead.at(-1)?.unread).toEqual(['messages']);
  });

  it('answers 503 for a file of a source that timed out or failed, and does not remember the partial read', async () => {
    const p = await freshProxy();
    stack.control.setFault('messages.bulk', { status: 503 });
    const unavailable = await mintLink(p, bodiesOnly);
    expect(unavailable.status).toBe(503);
    expect(unavailable.json.error.code).toBe('upstream_unavailable');
    expect(unavailable.headers.get('retry-after')).toBeTruthy();
    expect((await mintLink(p, conversationOnly)).status).toBe(200);

    stack.control.clearFaults();
    const granted = await mintLink(p, bodiesOnly);
    expect(granted.status, granted.text).toBe(200);
  });

  it("passes a 429's Retry-After for a file of the rate-limited source", async () => {
    const p = await freshProxy();
    stack.control.setFault('messages.bulk', { status: 429, retryAfter: 9 });
    const limited = await mintLink(p, bodiesOnly);
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('upstream_rate_limited');
    expect(limited.headers.get('retry-after')).toBe('9');
    const list = await listing(p);
    expect(list.json.unread).toEqual([
      { source: 'messages', reason: 'rate-limited', canRetry: true, retryAfterSeconds: 9 },
    ]);
  });

  it('lists an email conversation without its listing when the listing fails, and says so', async () => {
    const p = await freshProxy();
    stack.control.setFault('emails.list', { hang: true });
    const list = await p.request(`/api/v1/conversations/${conversationIds.email}/attachments`, {
      token: stack.tokens.alice,
    });
    expect(list.status).toBe(200);
    expect(list.json.attachments).toEqual([]);
    expect(list.json.unread).toEqual([{ source: 'emails', reason: 'unavailable', canRetry: true }]);
    const report = sampleAttachment(conversationIds.email, 'accident-report.pdf');
    expect((await mintLink(p, report)).status).toBe(503);
  }, 20_000);
});
