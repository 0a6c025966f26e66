// docs/security.md rules 3 and 4, the parts no other test proved: a token's cached approval ends when
// Genesys would idle the token out, and the OAuth client pin. One stack: the sandbox org and a proxy.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOAuthClientId } from '../../sandbox/sample-data/manifest.ts';
import {
  conversationIds,
  mintLink,
  type Stack,
  type StackProxy,
  sampleAttachment,
  startStack,
} from '../support/stack.ts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe('rule 3: a cached approval never outlives the token', () => {
  it('checks a token again once its dateTokenIdles has passed, inside the cache TTL, and refuses it if Genesys idled it out', async () => {
    expect(stack.proxy.config.cache.tokenTtlMs).toBe(60_000);
    // Idle after 2 s without a call; one kept alive by the widget's own calls to Genesys; one without
    // an idle timeout, which the proxy may trust for the whole TTL.
    const idle = stack.control.issueToken('alice', { idleTimeoutSeconds: 2 });
    const kept = stack.control.issueToken('alice', { idleTimeoutSeconds: 2 });
    const plain = stack.control.issueToken('alice');
    const session = (token: string) => stack.request('/api/v1/session', { token });
    stack.control.resetCalls();
    const started = Date.now();
    for (const token of [idle, kept, plain]) expect((await session(token)).status).toBe(200);
    // Cached: asking again within the idle time costs Genesys nothing.
    for (const token of [idle, kept, plain]) expect((await session(token)).status).toBe(200);
    expect(stack.control.calls()['users.me']).toBe(3);

    // The widget uses `kept` with Genesys directly (not through the proxy), which resets its idle timer.
    await sleep(1_000);
    const me = await fetch(`${stack.sandboxUrl}/api/v2/tokens/me`, {
      headers: { authorization: `Bearer ${kept}` },
    });
    expect(me.status).toBe(200);
    const idles = Date.parse(((await me.json()) as { dateTokenIdles: string }).dateTokenIdles);
    expect(idles - Date.now()).toBeGreaterThan(1_000);
    expect(idles - Date.now()).toBeLessThanOrEqual(2_000);

    // Past the first tokens' dateTokenIdles (2 s after the proxy checked them), far inside the 60 s TTL.
    await sleep(Math.max(0, started + 2_400 - Date.now()));
    stack.control.resetCalls();
    const refused = await session(idle);
    expect(refused.status).toBe(401);
    expect(refused.json.error.code).toBe('unauthenticated');
    expect((await session(kept)).status).toBe(200);
    expect((await session(plain)).status).toBe(200);
    // `idle` and `kept` were checked with Genesys again; `plain` came from the cache.
    expect(stack.control.calls()['users.me']).toBe(2);
  });
});

describe('rule 4: the tenant is pinned', () => {
  let pinned: StackProxy;
  let otherClient: StackProxy;
  const notes = sampleAttachment(conversationIds.openMessagingStore, 'notes.txt');

  beforeAll(async () => {
    [pinned, otherClient] = await Promise.all([
      stack.startProxy({ GENESYS_OAUTH_CLIENT_ID: sampleOAuthClientId }),
      stack.startProxy({ GENESYS_OAUTH_CLIENT_ID: 'another-widget-client' }),
    ]);
  });

  it('refuses a token issued to another OAuth client than GENESYS_OAUTH_CLIENT_ID, cached or not', async () => {
    // The sandbox issues Alice's token to the sample org's widget client.
    const token = stack.control.issueToken('alice');
    const me = await fetch(`${stack.sandboxUrl}/api/v2/tokens/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await me.json()) as { OAuthClient: { id: string } }).OAuthClient.id).toBe(sampleOAuthClientId);

    // The proxy pinned to that client serves it; the one pinned to another client refuses it everywhere,
    // also once its approval is cached.
    expect((await pinned.request('/api/v1/session', { token })).status).toBe(200);
    expect((await mintLink(pinned, notes, { token })).status).toBe(200);
    for (let round = 0; round < 2; round++) {
      for (const response of [
        await otherClient.request('/api/v1/session', { token }),
        await otherClient.request(`/api/v1/conversations/${notes.conversationId}/attachments`, { token }),
        await mintLink(otherClient, notes, { token }),
      ]) {
        expect(response.status).toBe(403);
        expect(response.json.error.code).toBe('wrong_organization');
        expect(response.text).not.toContain('/files/');
      }
    }
  });
});
