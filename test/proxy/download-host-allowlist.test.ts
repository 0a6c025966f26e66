// docs/security.md rule 5, the relay's host allowlist: a Genesys download URL on a host that is not
// in GENESYS_DOWNLOAD_HOSTS is never fetched and never handed out, neither when a link is minted nor
// when a relay ticket is served. The sandbox org here signs its download URLs for
// `localhost:<port>`: the same server as the API (so a proxy that allows that host gets the bytes),
// under a host name the proxy does not allow unless told to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAttachment, sampleBytes } from '../../sandbox/sample-data/sample-attachments.ts';
import { freePort } from '../../scripts/local-stack/free-port.ts';
import {
  conversationIds,
  type Stack,
  type StackProxy,
  type StackResponse,
  startStack,
} from '../../scripts/local-stack/stack.ts';
import { mintedLink, mintLink } from '../support/mint.ts';

let stack: Stack;
let downloadHost: string;
/** Allows the download host: the control that shows the refusals below are the allowlist's. */
let allowing: StackProxy;

const policy = sampleAttachment(conversationIds.webMessaging, 'policy-document.pdf');

beforeAll(async () => {
  const port = await freePort();
  downloadHost = `localhost:${port}`;
  stack = await startStack({ sandbox: { port, publicUrl: `http://${downloadHost}` } });
  // The main proxy allows only the sandbox's own `127.0.0.1:<port>` (its GENESYS_API_BASE).
  expect(stack.settings.GENESYS_DOWNLOAD_HOSTS).toBeUndefined();
  expect(stack.sandboxUrl).toBe(`http://127.0.0.1:${port}`);
  allowing = await stack.startProxy({
    GENESYS_DOWNLOAD_HOSTS: `api.example.com,${downloadHost.toUpperCase()}`,
  });
});

afterAll(async () => {
  await stack?.stop();
});

function expectRefusedHost(response: StackResponse) {
  expect(response.status).toBe(502);
  expect(response.json.error.code).toBe('upstream_bad_response');
  expect(response.text).not.toContain(downloadHost);
  expect(response.text).not.toContain('/relay/');
}

describe('GENESYS_DOWNLOAD_HOSTS', () => {
  it('relays the file when its download URL is on an allowed host', async () => {
    stack.control.resetCalls();
    const link = await mintedLink(allowing, policy);
    const file = await allowing.request(link.url);
    expect(file.status).toBe(200);
    expect(file.bytes).toEqual(await sampleBytes(policy));
    expect(stack.control.calls()['downloads.file']).toBeGreaterThanOrEqual(2); // sniff, then relay
  });

  it.each([
    ['relay', {}],
    ['direct', { GENESYS_DOWNLOADS: 'direct' }],
  ])(
    'neither fetches nor links a download URL on a host not on the list (%s mode)',
    async (_mode, settings) => {
      const proxy = Object.keys(settings).length === 0 ? stack.proxy : await stack.startProxy(settings);
      // A token whose approval and conversation are already cached: the file is all that is left to do.
      const token = stack.control.issueToken('alice');
      expect(
        (await proxy.request(`/api/v1/conversations/${policy.conversationId}/attachments`, { token })).status,
      ).toBe(200);
      stack.control.resetCalls();
      for (const disposition of ['inline', 'attachment'] as const) {
        expectRefusedHost(await mintLink(proxy, policy, { token, disposition }));
      }
      const calls = stack.control.calls();
      // Genesys was asked for the signed URL, and the URL it gave was never followed.
      expect(calls.downloads).toBeGreaterThanOrEqual(1);
      expect(calls['downloads.file'] ?? 0).toBe(0);
    },
  );

  it('refuses to serve a relay ticket whose URL is on a host no longer on the list, without fetching it', async () => {
    // Minted by a replica that allowed the host; served by one that does not (same signing keys).
    const link = await mintedLink(allowing, policy);
    expect(link.url.startsWith(`${allowing.url}/relay/`)).toBe(true);
    const ticket = link.url.slice(allowing.url.length);
    stack.control.resetCalls();
    expectRefusedHost(await stack.request(ticket));
    expect(stack.control.calls()['downloads.file'] ?? 0).toBe(0);
    // The same ticket on the allowing replica still works: only the host made the difference.
    expect((await allowing.request(ticket)).status).toBe(200);
    expect(stack.control.calls()['downloads.file']).toBe(1);
  });
});
