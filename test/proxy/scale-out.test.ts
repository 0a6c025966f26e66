import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAttachments } from '../../sandbox/sample-data/sample-attachments.ts';
import { conversationIds, type Stack, type StackProxy, startStack } from '../../scripts/local-stack/stack.ts';
import { mintedLink } from '../support/mint.ts';

// Three stateless replicas on loopback sharing one Redis, as behind a load balancer.
describe('three proxy replicas sharing Redis', () => {
  let stack: Stack;
  let replicas: StackProxy[];

  beforeAll(async () => {
    stack = await startStack({ redis: true, proxyOverrides: { RATE_LIMIT_PER_MINUTE: '12' } });
    replicas = [stack.proxy, await stack.startProxy(), await stack.startProxy()];
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('validates a token once per TTL however the load balancer spreads its requests', async () => {
    stack.control.resetCalls();
    const token = stack.tokens.quinn;
    const conversationId = conversationIds.openMessagingStore;
    // 12 at once over the three replicas (a cold token everywhere), then 9 more one by one.
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        replicas[i % 3]?.request(`/api/v1/conversations/${conversationId}/attachments`, { token }),
      ),
    );
    expect(burst.map((r) => r?.status)).toEqual(Array(12).fill(200));
    for (let i = 0; i < 9; i++) {
      const r = await replicas[i % 3]?.request('/api/v1/session', { token });
      expect(r?.status).toBe(429); // the shared per-user limit of 12 a minute is already spent
    }
    const calls = stack.control.calls();
    expect(calls['users.me'] ?? 0).toBe(1);
    expect(calls['conversations.get'] ?? 0).toBe(1);
  });

  it('holds one per-user rate limit across replicas', async () => {
    const token = stack.tokens.alice;
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++)
      statuses.push((await replicas[i % 3]?.request('/api/v1/session', { token }))?.status ?? 0);
    expect(statuses.filter((s) => s === 200)).toHaveLength(12);
    expect(statuses.slice(12)).toEqual([429, 429, 429]);
  });

  it('serves a link minted by one replica from another (shared signing keys, stateless links)', async () => {
    const token = stack.tokens.bob;
    const conversationId = conversationIds.webMessaging;
    const [first] = sampleAttachments(conversationId);
    if (!first) throw new Error('the sample conversation has no attachments');
    const minted = await mintedLink(stack.proxy, first, { token }); // stack.proxy is replicas[0]
    const relayPath = new URL(minted.url).pathname;
    const fetched = await replicas[2]?.request(relayPath);
    expect(fetched?.status).toBe(200);
    expect(fetched?.bytes.length).toBe(first.size);
  });
});
