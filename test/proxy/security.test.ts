// docs/security.md's catalogue of bad inputs, sent to a running proxy in front of the sandbox org: every
// malformed credential, region, identifier, path, signed URL and relay ticket is refused with a 4xx
// (never a 500), before any call to Genesys, and without touching files outside the store.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelaySealer } from '../../proxy/storage/genesys-download/relay-sealer.ts';
import { LinkSigner, type SignedFields } from '../../proxy/storage/link-signer.ts';
import type { CallCounts } from '../../sandbox/control/call-counter.ts';
import { sampleOrgDir } from '../../sandbox/sample-data/manifest.ts';
import { sampleAttachment, sampleBytes } from '../../sandbox/sample-data/sample-attachments.ts';
import {
  conversationIds,
  type Stack,
  type StackProxy,
  type StackResponse,
  startStack,
} from '../../scripts/local-stack/stack.ts';
import { decodedOrRaw, flip, hostileIds, totalCalls } from '../support/hostile.ts';
import { mintedLink, mintLink } from '../support/mint.ts';
import { rawRequest } from '../support/raw-request.ts';

let stack: Stack;

const notes = sampleAttachment(conversationIds.openMessagingStore, 'notes.txt');
const invoice = sampleAttachment(conversationIds.openMessagingStore, 'invoice.pdf');
const policy = sampleAttachment(conversationIds.webMessaging, 'policy-document.pdf');

beforeAll(async () => {
  stack = await startStack({ corsOrigins: ['https://apps.mypurecloud.com'] });
});

afterAll(async () => {
  await stack?.stop();
});

/** Runs `work` and returns how many calls reached the sandbox org meanwhile. */
async function upstreamCallsDuring(work: () => Promise<void>): Promise<CallCounts> {
  stack.control.resetCalls();
  await work();
  return stack.control.calls();
}

function expectUnauthenticated(response: StackResponse) {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toMatch(/^Bearer( |$)/);
  expect(response.json.error.code).toBe('unauthenticated');
}

describe('bearer tokens', () => {
  it.each([
    ['no Authorization header', undefined],
    ['"Bearer" with nothing', 'Bearer'],
    ['"Bearer " with a space and nothing', 'Bearer '],
    ['two tokens', 'Bearer a b'],
    ['the Basic scheme', 'Basic eDp5'],
    ['a token outside the RFC 6750 grammar', 'Bearer abc"def'],
    ['a Latin-1 token', 'Bearer t\u00f6k\u00e9n'],
    ['a 5 KB token', `Bearer ${'a'.repeat(5_000)}`],
  ])('refuses %s with 401 and never asks Genesys', async (_name, authorization) => {
    const calls = await upstreamCallsDuring(async () => {
      const response = await stack.request('/api/v1/session', {
        headers: authorization === undefined ? {} : { authorization },
      });
      expectUnauthenticated(response);
    });
    expect(totalCalls(calls)).toBe(0);
  });

  it.each([
    ['raw UTF-8 bytes in the token', Buffer.from('Authorization: Bearer t\u00f6k\u00e9n-\u2603\r\n', 'utf8')],
    ['a bare CR inside the value', 'Authorization: Bearer abc\rdef\r\n'],
    ['a bare LF inside the value', 'Authorization: Bearer abc\ndef\r\n'],
    ['a NUL inside the value', 'Authorization: Bearer abc\u0000def\r\n'],
    ['an obsolete folded line', 'Authorization: Bearer abc\r\n def\r\n'],
  ])('refuses %s (sent on a raw socket) with a 4xx and never asks Genesys', async (_name, header) => {
    const calls = await upstreamCallsDuring(async () => {
      const head = Buffer.from('GET /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n');
      const request = Buffer.concat([head, Buffer.from(header), Buffer.from('\r\n')]);
      const response = await rawRequest(stack.proxyUrl, request);
      // Node's parser refuses malformed header syntax itself (400); what reaches the proxy is a 401.
      expect([400, 401]).toContain(response.status);
      if (response.status === 401) expect(response.raw).toMatch(/\r\nWWW-Authenticate: Bearer/i);
    });
    expect(totalCalls(calls)).toBe(0);
  });

  it('answers headers over 16 KiB with 431 from Node and never asks Genesys', async () => {
    const calls = await upstreamCallsDuring(async () => {
      const response = await stack.request('/api/v1/session', {
        headers: { authorization: `Bearer ${'a'.repeat(17 * 1024)}` },
      });
      expect(response.status).toBe(431);
    });
    expect(totalCalls(calls)).toBe(0);
  });

  it('refuses an expired token and remembers the refusal for the negative TTL', async () => {
    const calls = await upstreamCallsDuring(async () => {
      for (let i = 0; i < 3; i++)
        expectUnauthenticated(await stack.request('/api/v1/session', { token: stack.tokens.aliceExpired }));
    });
    expect(calls['users.me']).toBe(1);
  });

  it('refuses a revoked token and remembers the refusal for the negative TTL', async () => {
    const token = stack.control.issueToken('alice');
    stack.control.revokeToken(token);
    const calls = await upstreamCallsDuring(async () => {
      expectUnauthenticated(await stack.request('/api/v1/session', { token }));
      expectUnauthenticated(await stack.request('/api/v1/session', { token }));
    });
    expect(calls['users.me']).toBe(1);
  });

  it('drops a cached approval as soon as Genesys refuses the token on a later call', async () => {
    const token = stack.control.issueToken('alice');
    expect((await stack.request('/api/v1/session', { token })).status).toBe(200);
    stack.control.revokeToken(token);
    const calls = await upstreamCallsDuring(async () => {
      const path = `/api/v1/conversations/${conversationIds.email}/attachments`;
      expectUnauthenticated(await stack.request(path, { token }));
      // Forgotten: the next request validates again (and is refused by Genesys, then remembered).
      expectUnauthenticated(await stack.request('/api/v1/session', { token }));
      expectUnauthenticated(await stack.request('/api/v1/session', { token }));
    });
    expect(calls['conversations.get']).toBe(1);
    expect(calls['users.me']).toBe(1);
  });

  it('drops a cached approval when Genesys refuses the token on a file download', async () => {
    const token = stack.control.issueToken('alice');
    // Approval, the conversation and the file's first bytes are all cached by a first link.
    expect((await mintLink(stack, policy, { token })).status).toBe(200);
    stack.control.revokeToken(token);
    const calls = await upstreamCallsDuring(async () => {
      // Only the download URL needs Genesys now, and Genesys refuses the token.
      expectUnauthenticated(await mintLink(stack, policy, { token }));
      expectUnauthenticated(await stack.request('/api/v1/session', { token }));
      expectUnauthenticated(await stack.request('/api/v1/session', { token }));
    });
    expect(calls).toMatchObject({ downloads: 1, 'users.me': 1 });
    expect(calls['conversations.get'] ?? 0).toBe(0);
  });

  it('records auth failures in the audit trail with a fingerprint, never the token', async () => {
    const response = await stack.request('/api/v1/session', { token: stack.tokens.aliceExpired });
    const requestId = response.headers.get('x-request-id');
    const records = await stack.auditRecords();
    const record = records.find((r) => r.requestId === requestId);
    expect(record).toMatchObject({ event: 'auth.failed', decision: 'unauthenticated' });
    expect(record?.tokenFingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(record)).not.toContain(stack.tokens.aliceExpired);
    const failures = records.filter((r) => r.event === 'auth.failed');
    expect(failures.length).toBeGreaterThan(5);
  });

  it('refuses a token of another organization with 403', async () => {
    const response = await stack.request('/api/v1/session', { token: stack.tokens.mallory });
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('wrong_organization');
  });
});

describe('regions', () => {
  it('accepts the configured region by its exact name', async () => {
    const response = await stack.request('/api/v1/session', {
      token: stack.tokens.alice,
      headers: { 'x-genesys-region': 'mypurecloud.com' },
    });
    expect(response.status).toBe(200);
    expect(response.json.region).toBe('mypurecloud.com');
  });

  it.each([
    'mypurecloud.ie',
    'evil.com',
    'mypurecloud.com.evil.com',
    'api.mypurecloud.com',
    'MYPURECLOUD.COM',
    '169.254.169.254',
    '127.0.0.1',
    '',
  ])('refuses region %j with 400 and no outbound call', async (region) => {
    // A fresh token: had the region been accepted, it would have to be validated upstream.
    const token = stack.control.issueToken('alice');
    const before = new Map(stack.proxy.running.proxy.upstreamCalls);
    const calls = await upstreamCallsDuring(async () => {
      const response = await stack.request('/api/v1/session', {
        token,
        headers: { 'x-genesys-region': region },
      });
      expect(response.status).toBe(400);
      expect(response.json.error.code).toBe('unknown_region');
    });
    expect(totalCalls(calls)).toBe(0);
    expect(stack.proxy.running.proxy.upstreamCalls).toEqual(before);
  });
});

function expectRefusal(response: StackResponse) {
  expect([400, 403, 404]).toContain(response.status);
  expect(typeof response.json?.error?.code).toBe('string');
  // Nothing outside the store came back (org.json sits next to the store folder).
  expect(response.text).not.toContain('Sandbox Insurance');
}

describe('attachment ids and storage keys', () => {
  it.each(hostileIds)(
    'refuses %s as an attachment id, a conversation id and a relay ticket',
    async (_n, raw) => {
      const decoded = decodedOrRaw(raw);
      expectRefusal(
        await mintLink(stack, { conversationId: conversationIds.openMessagingStore, id: decoded }),
      );
      expectRefusal(await mintLink(stack, { conversationId: decoded, id: notes.id }));
      expectRefusal(
        await stack.request(`/api/v1/conversations/${raw}/attachments`, { token: stack.tokens.alice }),
      );
      expectRefusal(await stack.request(`/relay/${raw}`));
    },
  );

  it.each(hostileIds)('refuses %s as a store key even when the URL is validly signed', async (_n, raw) => {
    let key: string;
    try {
      key = decodeURIComponent(raw);
    } catch {
      // Not decodable: the proxy can only refuse it before looking at the signature.
      expectRefusal(await stack.request(`/files/${raw}?exp=9999999999&disp=inline`));
      return;
    }
    const fields: SignedFields = {
      key,
      expires: Math.floor(Date.now() / 1000) + 60,
      disposition: 'inline',
      contentType: 'text/plain',
      fileName: 'x.txt',
    };
    expectRefusal(await stack.request(`/files/${raw}?${signStoreQuery(fields)}`));
  });

  it('refuses a raw dot-segment path to the file route, signed or not', async () => {
    const unsigned = await rawRequest(
      stack.proxyUrl,
      'GET /files/a/../../x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    );
    expect(unsigned.status).toBe(403);

    const key = 'claims/2026/../../../org.json';
    const fields: SignedFields = {
      key,
      expires: Math.floor(Date.now() / 1000) + 60,
      disposition: 'inline',
      contentType: 'text/plain',
      fileName: 'org.json',
    };
    const signed = await rawRequest(
      stack.proxyUrl,
      `GET /files/${key}?${signStoreQuery(fields)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    expect(signed.status).toBe(400);
    expect(signed.raw).toContain('unsafe_key');
    expect(signed.raw).not.toContain('Sandbox Insurance');
  });

  it('refuses a validly signed URL for a symlink that leads out of the store', async () => {
    const root = await mkdtemp(join(tmpdir(), 'av-store-'));
    try {
      await mkdir(join(root, 'claims'));
      await writeFile(join(root, 'claims', 'inside.txt'), 'inside the store\n');
      await symlink(join(sampleOrgDir, 'org.json'), join(root, 'claims', 'escape.txt'));
      const proxy = await stack.startProxy({ STORE_DIR: root });
      const inside = await stack.request(
        signedStoreUrl({ key: 'claims/inside.txt', fileName: 'inside.txt' }, proxy.url),
      );
      expect(inside.status).toBe(200);
      expect(inside.text).toBe('inside the store\n');
      const escaping = await stack.request(
        signedStoreUrl({ key: 'claims/escape.txt', fileName: 'escape.txt' }, proxy.url),
      );
      expect(escaping.status).toBe(400);
      expect(escaping.json.error.code).toBe('unsafe_key');
      expect(escaping.text).not.toContain('Sandbox Insurance');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('refuses a validly signed URL for a scan sidecar', async () => {
    const url = signedStoreUrl({
      key: `${notes.location.kind === 'store' ? notes.location.key : ''}.scan.json`,
    });
    const response = await stack.request(url);
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('unsafe_key');
  });
});

/** A store URL signed with the stack's key, for fields a real link never carries. */
function signedStoreUrl(changes: Partial<SignedFields>, proxyUrl = stack.proxyUrl): string {
  const fields: SignedFields = {
    key: 'claims/2026/notes.txt',
    expires: Math.floor(Date.now() / 1000) + 60,
    disposition: 'inline',
    contentType: 'text/plain; charset=utf-8',
    fileName: 'notes.txt',
    ...changes,
  };
  return `${proxyUrl}/files/${fields.key.split('/').map(encodeURIComponent).join('/')}?${signStoreQuery(fields)}`;
}

/** The query of a store URL for `fields`, signed with the stack's key (the signature remembered as a secret). */
function signStoreQuery(fields: SignedFields): URLSearchParams {
  const { keyId, signature } = new LinkSigner([stack.signingKey], 'store').sign(fields);
  stack.rememberSecret(signature);
  return new URLSearchParams({
    exp: String(fields.expires),
    disp: fields.disposition,
    type: fields.contentType,
    name: fields.fileName,
    kid: keyId,
    sig: signature,
  });
}

describe('signed store URLs', () => {
  let genuine: URL;
  let retired: StackProxy;
  let rotated: StackProxy;

  beforeAll(async () => {
    genuine = new URL((await mintedLink(stack, invoice)).url);
    const other = Buffer.alloc(32, 7).toString('base64url');
    retired = await stack.startProxy({ LINK_SIGNING_KEYS: `k2:${other}` });
    rotated = await stack.startProxy({ LINK_SIGNING_KEYS: `k2:${other},${stack.signingKey.setting}` });
  });

  function variant(change: (url: URL) => void): string {
    const url = new URL(genuine);
    change(url);
    return url.toString();
  }
  const sig = () => genuine.searchParams.get('sig') ?? '';

  it('serves the genuine URL, also on a replica that rotated to a new key', async () => {
    expect((await stack.request(genuine.toString())).status).toBe(200);
    const onRotated = new URL(genuine.pathname + genuine.search, rotated.url).toString();
    const response = await stack.request(onRotated);
    expect(response.status).toBe(200);
    expect(response.bytes).toEqual(await sampleBytes(invoice));
  });

  it.each([
    ['one signature character flipped', () => variant((u) => u.searchParams.set('sig', flip(sig(), 5)))],
    ['the signature truncated', () => variant((u) => u.searchParams.set('sig', sig().slice(0, 40)))],
    ['base64 of the wrong length', () => variant((u) => u.searchParams.set('sig', `${sig()}AAAA`))],
    [
      'standard instead of url-safe base64',
      () => variant((u) => u.searchParams.set('sig', `${sig().slice(0, 42)}+`)),
    ],
    ['no signature', () => variant((u) => u.searchParams.delete('sig'))],
    [
      'the expiry moved',
      () => variant((u) => u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 3600))),
    ],
    ['another key in the path', () => variant((u) => (u.pathname = '/files/claims/2026/notes.txt'))],
    ['the disposition changed', () => variant((u) => u.searchParams.set('disp', 'attachment'))],
    ['the type changed to HTML', () => variant((u) => u.searchParams.set('type', 'text/html'))],
    ['the file name changed', () => variant((u) => u.searchParams.set('name', 'invoice.html'))],
    ['an unknown key id', () => variant((u) => u.searchParams.set('kid', 'k9'))],
    [
      'a validly signed expiry in the past',
      () => signedStoreUrl({ expires: Math.floor(Date.now() / 1000) - 1 }),
    ],
    [
      'a key the replica has retired',
      () => new URL(genuine.pathname + genuine.search, retired.url).toString(),
    ],
  ])('refuses %s with 403', async (_name, url) => {
    const response = await stack.request(url());
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('invalid_link');
  });
});

describe('relay tickets', () => {
  let genuine: string;
  let retired: StackProxy;

  beforeAll(async () => {
    genuine = (await mintedLink(stack, policy)).url;
    retired = await stack.startProxy({
      LINK_SIGNING_KEYS: `k2:${Buffer.alloc(32, 9).toString('base64url')}`,
    });
  });

  const ticket = () => genuine.slice(genuine.indexOf('/relay/') + '/relay/'.length);
  const at = (t: string, base = stack.proxyUrl) => `${base}/relay/${t}`;

  it('serves the genuine ticket', async () => {
    const response = await stack.request(genuine);
    expect(response.status).toBe(200);
    expect(response.bytes).toEqual(await sampleBytes(policy));
  });

  it.each([
    ['one character flipped in the middle', () => at(flip(ticket(), Math.floor(ticket().length / 2)))],
    ['one character flipped in the tag', () => at(flip(ticket(), ticket().length - 3))],
    ['truncated', () => at(ticket().slice(0, 40))],
    ['with an extra segment', () => at(`${ticket()}.AAAA`)],
    ['under another key id', () => at(`k2${ticket().slice(2)}`)],
    ['sealed with an expiry in the past', () => at(pastTicket())],
    ['at a replica that retired its key', () => at(ticket(), retired.url)],
  ])('refuses a ticket %s with 403', async (_name, url) => {
    const response = await stack.request(url());
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('invalid_link');
  });

  it('refuses a ticket with a malformed escape without a 500', async () => {
    const response = await stack.request(at(`${ticket()}%C0%AE`));
    expect(response.status).toBe(400);
  });

  function pastTicket(): string {
    const sealed = new RelaySealer([stack.signingKey]).seal({
      url: `${stack.sandboxUrl}/__sandbox/files/x`,
      contentType: 'application/pdf',
      disposition: 'inline',
      fileName: 'x.pdf',
      expires: Math.floor(Date.now() / 1000) - 1,
    });
    stack.rememberSecret(sealed);
    return sealed;
  }
});

describe('request hygiene', () => {
  it('answers an oversized JSON body with 413', async () => {
    const response = await stack.request('/api/v1/links', {
      token: stack.tokens.alice,
      body: {
        conversationId: conversationIds.openMessagingStore,
        attachmentId: notes.id,
        pad: 'x'.repeat(20_000),
      },
    });
    expect(response.status).toBe(413);
    expect(response.json.error.code).toBe('payload_too_large');
  });

  it.each([
    ['malformed JSON', '{"conversationId":', 'identity'],
    ['a body that does not inflate', 'not gzip at all', 'gzip'],
    ['a body that does not decompress', 'not brotli at all', 'br'],
  ])('answers %s with 400', async (_name, body, encoding) => {
    const response = await stack.request('/api/v1/links', {
      token: stack.tokens.alice,
      body,
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('invalid_request');
  });

  it.each([
    ['DELETE', '/api/v1/links'],
    ['PUT', '/api/v1/session'],
    ['PATCH', `/api/v1/conversations/${conversationIds.webMessaging}/attachments`],
    ['POST', '/files/claims/2026/notes.txt'],
    ['DELETE', '/relay/k1.AAAA'],
  ])('answers %s %s with 404 or 405', async (method, path) => {
    const response = await stack.request(path, { method, token: stack.tokens.alice });
    expect([404, 405]).toContain(response.status);
  });

  it('answers a client that trickles its headers with 408 at headersTimeout', async () => {
    const slow = await stack.startProxy({}, { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 });
    const { hostname, port } = new URL(slow.url);
    const { connect } = await import('node:net');
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) });
      let received = '';
      let timer: NodeJS.Timeout | undefined;
      socket.on('connect', () => {
        socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        // One more header line every 200 ms, never the blank line that ends them.
        let n = 0;
        timer = setInterval(() => socket.write(`X-Slow-${n++}: a\r\n`), 200);
      });
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
      });
      socket.on('close', () => {
        clearInterval(timer);
        resolve(received);
      });
      socket.on('error', (error) => {
        clearInterval(timer);
        if ((error as NodeJS.ErrnoException).code === 'ECONNRESET') resolve(received);
        else reject(error);
      });
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers an unexpected exception with a generic 500 and its request id, and keeps serving', async () => {
    // A validly signed URL for a key that is a folder: the file route fails in a way no ProxyError
    // describes (sendFile refuses directories), which is exactly the last-resort path.
    const response = await stack.request(signedStoreUrl({ key: 'claims/2026' }));
    expect(response.status).toBe(500);
    const requestId = response.headers.get('x-request-id');
    expect(response.json.error).toEqual({
      code: 'internal_error',
      message: expect.any(String),
      requestId,
    });
    expect(response.text).not.toMatch(/EISDIR|stack|\/work\//);
    expect(stack.logLines.some((l) => l.includes('unhandled error') && l.includes(String(requestId)))).toBe(
      true,
    );
    expect((await stack.request('/healthz')).status).toBe(200);
    expect((await stack.request(signedStoreUrl({}))).status).toBe(200);
  });
});

describe('CORS', () => {
  it('allows exactly the configured origin, never reflects another, and always varies on Origin', async () => {
    const allowed = await stack.request('/api/v1/session', {
      token: stack.tokens.alice,
      headers: { origin: 'https://apps.mypurecloud.com' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://apps.mypurecloud.com');
    expect(allowed.headers.get('vary')).toMatch(/Origin/i);
    for (const origin of ['https://apps.mypurecloud.com.evil.com', 'https://evil.com', 'null']) {
      const other = await stack.request('/api/v1/session', {
        token: stack.tokens.alice,
        headers: { origin },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.headers.get('vary')).toMatch(/Origin/i);
    }
  });
});

it('never wrote a token or a link signature to the logs or the audit trail', async () => {
  const seen = stack.knownSecrets();
  expect(seen).toContain(stack.tokens.aliceExpired);
  expect(seen.some((s) => s.startsWith('k1.'))).toBe(true);
  expect(stack.logLines.length).toBeGreaterThan(0);
  expect(await stack.leakedSecrets()).toEqual([]);
});
