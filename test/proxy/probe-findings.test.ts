// Issue #15: what an independent probe of the proxy found, one describe per finding, each proving the
// answer docs/security.md now gives. One stack: the sandbox org and a proxy with the sample store.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadUrlExpiry } from '../../proxy/storage/genesys-download/download-fetch.ts';
import { sampleAttachment, sampleBytes } from '../../sandbox/sample-data/sample-attachments.ts';
import { freePort } from '../../scripts/local-stack/free-port.ts';
import { conversationIds, type Stack, startStack, userIds } from '../../scripts/local-stack/stack.ts';
import { totalCalls } from '../support/hostile.ts';
import { mintedLink, mintLink } from '../support/mint.ts';
import { rawRequest } from '../support/raw-request.ts';

const notes = sampleAttachment(conversationIds.openMessagingStore, 'notes.txt');
const policy = sampleAttachment(conversationIds.webMessaging, 'policy-document.pdf');

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.stop();
});

/** `s` with the low bit of its last base64url character flipped: the same bytes when that bit is spare. */
function spareBitFlipped(s: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(s.at(-1) ?? '');
  return s.slice(0, -1) + alphabet[last ^ 1];
}

describe('finding 2: two Authorization headers', () => {
  const session = (first: string, second: string) =>
    rawRequest(
      stack.proxyUrl,
      'GET /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n' +
        `Authorization: Bearer ${first}\r\nAuthorization: Bearer ${second}\r\n\r\n`,
    );

  it('refuses two Authorization headers with 400, whatever their order and content, and never asks Genesys', async () => {
    const { quinn, alice } = stack.tokens;
    stack.control.resetCalls();
    for (const [first, second] of [
      [quinn, alice],
      [alice, quinn],
      [alice, alice],
      [alice, 'not-a-token'],
    ] as const) {
      const response = await session(first, second);
      expect(response.status, response.raw).toBe(400);
      expect(response.raw).toContain('"invalid_request"');
    }
    expect(totalCalls(stack.control.calls())).toBe(0);
    // One header is still served.
    expect((await stack.request('/api/v1/session', { token: alice })).status).toBe(200);
  });
});

describe('finding 3: a signed link has one spelling', () => {
  it('refuses every other spelling of the expiry and of the signature of a store URL', async () => {
    const genuine = new URL((await mintedLink(stack, notes)).url);
    expect((await stack.request(genuine.toString())).status).toBe(200);
    const exp = genuine.searchParams.get('exp') ?? '';
    const sig = genuine.searchParams.get('sig') ?? '';
    const spellings: [string, string, string][] = [
      ['hexadecimal', `0x${Number(exp).toString(16)}`, sig],
      ['a plus sign', `+${exp}`, sig],
      ['a decimal point', `${exp}.0`, sig],
      ['an exponent', `${exp}e0`, sig],
      ['a leading zero', `0${exp}`, sig],
      ['a trailing space', `${exp} `, sig],
      ['a leading space', ` ${exp}`, sig],
      ['the signature with another value of its spare bits', exp, spareBitFlipped(sig)],
    ];
    for (const [name, e, s] of spellings) {
      const url = new URL(genuine);
      url.searchParams.set('exp', e);
      url.searchParams.set('sig', s);
      const response = await stack.request(url.toString());
      expect(response.status, name).toBe(403);
      expect(response.json.error.code, name).toBe('invalid_link');
    }
    // The key, percent-encoded otherwise than the proxy wrote it, names the same file.
    const respelled = new URL(genuine);
    respelled.pathname = respelled.pathname.replace('notes.txt', '%6Eotes.txt');
    const response = await stack.request(respelled.toString());
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('invalid_link');
  });

  it('refuses a relay ticket whose base64url carries other values in its spare bits', async () => {
    // A ticket has spare bits when its length is not a multiple of 3 bytes; an attachment ticket is
    // 4 bytes longer than an inline one, so one of the two has them.
    const tickets = await Promise.all(
      (['inline', 'attachment'] as const).map(async (disposition) => {
        const url = (await mintedLink(stack, policy, { disposition })).url;
        return { url, ticket: url.slice(url.indexOf('/relay/') + '/relay/'.length) };
      }),
    );
    const withSpareBits = tickets.find(({ ticket }) => (ticket.split('.')[1]?.length ?? 0) % 4 !== 0);
    if (!withSpareBits) throw new Error('neither ticket has spare bits');
    const genuine = await stack.request(withSpareBits.url);
    expect(genuine.status).toBe(200);
    expect(genuine.bytes).toEqual(await sampleBytes(policy));
    const respelled = await stack.request(`${stack.proxyUrl}/relay/${spareBitFlipped(withSpareBits.ticket)}`);
    expect(respelled.status).toBe(403);
    expect(respelled.json.error.code).toBe('invalid_link');
  });
});

describe('finding 4: an unsatisfiable Range', () => {
  it('answers 416 with Content-Range: bytes */size on /files and on /relay alike (RFC 9110 §15.5.17)', async () => {
    for (const attachment of [notes, policy]) {
      const size = (await sampleBytes(attachment)).length;
      const link = (await mintedLink(stack, attachment)).url;
      for (const range of [`bytes=${size}-`, `bytes=${size + 1000}-${size + 2000}`]) {
        const response = await stack.request(link, { headers: { range } });
        expect(response.status, `${attachment.id} ${range}`).toBe(416);
        expect(response.headers.get('content-range')).toBe(`bytes */${size}`);
        expect(response.json.error.code).toBe('range_not_satisfiable');
      }
      // A satisfiable one still gets its bytes.
      const partial = await stack.request(link, { headers: { range: 'bytes=0-3' } });
      expect(partial.status).toBe(206);
      expect(partial.headers.get('content-range')).toBe(`bytes 0-3/${size}`);
    }
  });
});

describe('finding 8: health answers', () => {
  it('carry the API’s security headers, and /readyz tells the public port only whether the proxy is ready', async () => {
    const metricsPort = await freePort();
    const proxy = await stack.startProxy({ METRICS_PORT: String(metricsPort) });
    for (const path of ['/healthz', '/readyz']) {
      const response = await proxy.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
    // Which dependency is up is for operators: the private metrics listener says it.
    expect((await proxy.request('/readyz')).json).toEqual({ status: 'ready' });
    const details = await fetch(`http://127.0.0.1:${metricsPort}/readyz`);
    expect(details.status).toBe(200);
    const body = (await details.json()) as { status: string; checks: Record<string, string> };
    expect(body).toMatchObject({ status: 'ready', checks: { store: 'ok' } });
    expect(Object.values(body.checks).every((state) => state === 'ok')).toBe(true);
    await proxy.stop();
  });
});

describe('finding 7: served files are framed by nobody', () => {
  it('sends frame-ancestors none and X-Frame-Options: DENY with every file the proxy serves', async () => {
    // No viewer puts a file URL in a frame or object (app/ has no iframe, docs/viewer.md's frame-src):
    // nobody, the widget included, needs to frame one.
    for (const attachment of [notes, policy]) {
      for (const disposition of ['inline', 'attachment'] as const) {
        const link = (await mintedLink(stack, attachment, { disposition })).url;
        for (const headers of [{}, { range: 'bytes=0-3' }] as Record<string, string>[]) {
          const response = await stack.request(link, { headers });
          expect([200, 206]).toContain(response.status);
          const csp = response.headers.get('content-security-policy') ?? '';
          expect(csp.split(';').map((d) => d.trim())).toEqual(
            expect.arrayContaining(['sandbox', "default-src 'none'", "frame-ancestors 'none'"]),
          );
          expect(response.headers.get('x-frame-options')).toBe('DENY');
        }
      }
    }
  });
});

describe('finding 6: attachment listings are audited', () => {
  const list = (conversationId: string, token: string, proxy = stack.proxy) =>
    proxy.request(`/api/v1/conversations/${conversationId}/attachments`, { token });

  it('writes one status.read record for every listing, granted or refused, before the listing is answered', async () => {
    const granted = await list(conversationIds.openMessagingStore, stack.tokens.alice);
    expect(granted.status).toBe(200);
    const refused = await list(conversationIds.openMessagingStore, stack.tokens.bob);
    expect(refused.status).toBe(403);
    const records = await stack.auditRecords();
    const of = (response: { headers: Headers }) =>
      records.filter((r) => r.requestId === response.headers.get('x-request-id'));
    expect(of(granted)).toEqual([
      expect.objectContaining({
        event: 'status.read',
        decision: 'allow',
        user: userIds.alice,
        org: stack.orgId,
        conversation: conversationIds.openMessagingStore,
        attachments: granted.json.attachments.length,
      }),
    ]);
    expect(of(refused)).toEqual([
      expect.objectContaining({
        event: 'status.read',
        decision: 'not_permitted',
        conversation: conversationIds.openMessagingStore,
      }),
    ]);
  });

  it('answers no listing when it cannot be recorded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'av-audit-'));
    try {
      // A file where the audit folder should be: every write fails.
      await writeFile(join(dir, 'blocked'), 'not a folder');
      const proxy = await stack.startProxy({ AUDIT_LOG_DIR: join(dir, 'blocked') });
      const response = await list(conversationIds.openMessagingStore, stack.tokens.alice, proxy);
      expect(response.status).toBe(503);
      expect(response.json.error.code).toBe('audit_unavailable');
      expect(response.json.attachments).toBeUndefined();
      await proxy.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('finding 5: a Genesys link never promises more than its download URL keeps', () => {
  it('ends a relay or direct link no later than the Genesys download URL inside it', async () => {
    // The sandbox's download URLs live 60 s (sandbox/files/signed-file-url.ts), the proxy's links 120 s.
    expect(stack.proxy.config.linkTtlSeconds).toBe(120);
    const direct = await stack.startProxy({ GENESYS_DOWNLOADS: 'direct' });
    for (const proxy of [stack.proxy, direct]) {
      const before = Date.now();
      const link = await mintedLink(proxy, policy);
      const promised = Date.parse(link.expiresAt) - before;
      expect(promised).toBeGreaterThan(50_000);
      expect(promised).toBeLessThanOrEqual(60_000);
      if (proxy === direct) {
        // The direct link is the download URL itself: its own expiry is at least the promise.
        const own = Number(new URL(link.url).searchParams.get('expires')) * 1000;
        expect(own).toBeGreaterThanOrEqual(Date.parse(link.expiresAt));
      }
    }
    await direct.stop();
  });

  it('reads the expiry a signed download URL states (SigV4, an epoch Expires, the sandbox’s expires)', () => {
    const sigV4 =
      'https://bucket.s3.amazonaws.com/f?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261203T090000Z&X-Amz-Expires=300&X-Amz-Signature=ab';
    expect(downloadUrlExpiry(sigV4)).toBe(Date.UTC(2026, 11, 3, 9, 5, 0) / 1000);
    expect(downloadUrlExpiry('https://d.cloudfront.net/f?Expires=1796282656&Signature=x')).toBe(1796282656);
    expect(downloadUrlExpiry('http://127.0.0.1:1/__sandbox/files/d?expires=1796282656&signature=x')).toBe(
      1796282656,
    );
    // A URL that does not say: the proxy falls back to GENESYS_DOWNLOAD_URL_TTL_SECONDS.
    expect(downloadUrlExpiry('https://api-downloads.mypurecloud.com/f?token=x')).toBeUndefined();
    expect(downloadUrlExpiry('https://x/f?Expires=soon')).toBeUndefined();
  });

  describe('with download URLs that live 4 s', () => {
    let shortLived: Stack;

    beforeAll(async () => {
      shortLived = await startStack({ sandbox: { downloadUrlTtlSeconds: 4 } });
    });

    afterAll(async () => {
      await shortLived?.stop();
    });

    it('serves the relay link until its expiresAt, and refuses it as invalid_link after', async () => {
      const link = await mintedLink(shortLived, policy);
      const expiresAt = Date.parse(link.expiresAt);
      expect(expiresAt - Date.now()).toBeLessThanOrEqual(4_000);
      // Every read before expiresAt is served: the sealed URL outlives the ticket.
      let reads = 0;
      while (Date.now() < expiresAt - 400) {
        const response = await shortLived.request(link.url, { headers: { range: 'bytes=0-15' } });
        expect(response.status, `${expiresAt - Date.now()} ms before expiresAt`).toBe(206);
        reads += 1;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(reads).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now() + 50)));
      const expired = await shortLived.request(link.url);
      expect(expired.status).toBe(403);
      expect(expired.json.error.code).toBe('invalid_link');
    });
  });
});

describe('finding 1: a revoked token stops minting within seconds, not a cache lifetime', () => {
  it('asks Genesys again before minting or listing with a check older than the action allows, and refuses a revoked token then', async () => {
    // The defaults: a link needs a check at most 10 s old, a listing 30 s, a session the 60 s cache.
    expect(stack.proxy.config.cache).toMatchObject({
      tokenTtlMs: 60_000,
      tokenMintMaxAgeMs: 10_000,
      tokenListMaxAgeMs: 30_000,
    });
    const proxy = await stack.startProxy({
      TOKEN_MINT_MAX_AGE_SECONDS: '2',
      TOKEN_LIST_MAX_AGE_SECONDS: '4',
    });
    const list = (token: string) =>
      proxy.request(`/api/v1/conversations/${notes.conversationId}/attachments`, { token });
    const session = (token: string) => proxy.request('/api/v1/session', { token });
    const [minter, lister] = [stack.control.issueToken('alice'), stack.control.issueToken('alice')];
    const checked = Date.now();
    for (const token of [minter, lister]) {
      expect((await mintLink(proxy, notes, { token })).status).toBe(200);
      expect((await list(token)).status).toBe(200);
    }
    stack.control.revokeToken(minter);
    stack.control.revokeToken(lister);
    // Inside every window, the cached check still serves (the bounded trade-off).
    expect((await session(lister)).status).toBe(200);

    await sleep(checked + 2_300 - Date.now());
    stack.control.resetCalls();
    const mint = await mintLink(proxy, notes, { token: minter });
    expect(mint.status).toBe(401);
    expect(mint.json.error.code).toBe('unauthenticated');
    expect(stack.control.calls()['users.me']).toBe(1);
    // Genesys's refusal is remembered: the session ends with it.
    expect((await session(minter)).status).toBe(401);
    // A listing may use a check up to 4 s old; a session up to the cache's 60 s.
    expect((await list(lister)).status).toBe(200);
    expect((await session(lister)).status).toBe(200);

    await sleep(checked + 4_300 - Date.now());
    expect((await list(lister)).status).toBe(401);
    expect((await session(lister)).status).toBe(401);
    await proxy.stop();
  });

  it('costs no extra Genesys call for links minted within the window of one check', async () => {
    const token = stack.control.issueToken('alice');
    stack.control.resetCalls();
    for (let i = 0; i < 5; i++) expect((await mintLink(stack, notes, { token })).status).toBe(200);
    expect(stack.control.calls()['users.me']).toBe(1);
  });
});
