// The proxy fails closed and recovers: Genesys faults (statuses, hangs, rate limits, broken bodies,
// redirects), storage outages, Redis killed, paused or poisoned, and a hundred requests racing with
// one cold token. Counts of upstream calls come from the sandbox org's own call counter.
import { createServer, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentStatus } from '../../core/proxy-api.ts';
import type { Fault } from '../../sandbox/control/faults.ts';
import { sampleAttachment, sampleBytes } from '../../sandbox/sample-data/sample-attachments.ts';
import { listenLoopback } from '../../scripts/local-stack/free-port.ts';
import {
  conversationIds,
  requireRedis,
  requireSwift,
  type Stack,
  type StackProxy,
  type StackResponse,
  startStack,
  userIds,
} from '../../scripts/local-stack/stack.ts';
import { createS3Client, putObject } from '../../scripts/local-stack/swift.ts';
import { mintedLink, mintLink } from '../support/mint.ts';

let stack: Stack;
let redis: Redis;

const notes = sampleAttachment(conversationIds.openMessagingStore, 'notes.txt');
const policy = sampleAttachment(conversationIds.webMessaging, 'policy-document.pdf');
const damageFront = sampleAttachment(conversationIds.openMessagingS3, 'damage-front.jpg');
const transfer = sampleAttachment(conversationIds.openMessagingS3, 'Überweisung März 2026.pdf');
const storeConversation = `/api/v1/conversations/${conversationIds.openMessagingStore}/attachments`;

beforeAll(async () => {
  stack = await startStack({ swift: true, redis: true, proxyOverrides: { GENESYS_TIMEOUT_MS: '1000' } });
  redis = new Redis(stack.redis?.url ?? '', { maxRetriesPerRequest: 0, enableOfflineQueue: false });
  redis.on('error', () => undefined); // Redis is killed on purpose below
  await new Promise((resolve) => redis.once('ready', resolve));
});

afterAll(async () => {
  redis?.disconnect();
  await stack?.stop();
});

/** A proxy with nothing cached anywhere: Redis flushed, its own process caches empty. */
async function coldProxy(overrides: Record<string, string> = {}): Promise<StackProxy> {
  if (redis.status === 'ready') await redis.flushall();
  return stack.startProxy(overrides);
}

function expectFailedClosed(response: StackResponse) {
  expect(response.status, response.text).toBe(503);
  expect(response.json.error.code).toBe('upstream_unavailable');
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(response.json.url).toBeUndefined();
}

const failures: [string, Fault][] = [
  ['500', { status: 500 }],
  ['502', { status: 502 }],
  ['503', { status: 503 }],
  ['a hang', { hang: true }],
  ['a 200 with a malformed body', { malformed: true }],
  ['a body that trickles in past the deadline', { slowBodyMs: 5_000 }],
];

describe('Genesys faults', () => {
  it.each(failures)('answers %s on token validation with 503 and caches nothing', async (_name, fault) => {
    const token = stack.control.issueToken('alice');
    stack.control.resetCalls();
    stack.control.setFault('users.me', fault);
    try {
      expectFailedClosed(await stack.request('/api/v1/session', { token }));
    } finally {
      stack.control.clearFaults();
    }
    expect((await stack.request('/api/v1/session', { token })).status).toBe(200);
    expect(stack.control.calls()['users.me']).toBe(2);
  });

  it('passes a 429 on token validation through with the same Retry-After', async () => {
    const token = stack.control.issueToken('alice');
    stack.control.setFault('users.me', { status: 429, retryAfter: 42 });
    try {
      const response = await stack.request('/api/v1/session', { token });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('42');
      expect(response.json.error.code).toBe('upstream_rate_limited');
    } finally {
      stack.control.clearFaults();
    }
    expect((await stack.request('/api/v1/session', { token })).status).toBe(200);
  });

  describe('on the conversation read', () => {
    let proxy: StackProxy;
    beforeAll(async () => {
      // No conversation cache, so every request reads the conversation again.
      proxy = await stack.startProxy({ CONVERSATION_CACHE_TTL_SECONDS: '0' });
    });

    it.each(
      failures.flatMap(([name, fault]) =>
        (['conversations.get', 'messages.bulk'] as const).map((endpoint) => [name, endpoint, fault] as const),
      ),
    )('answers %s from %s with 503, then recovers', async (_name, endpoint, fault) => {
      expect((await proxy.request(storeConversation, { token: stack.tokens.alice })).status).toBe(200);
      stack.control.setFault(endpoint, fault);
      try {
        const listing = await proxy.request(storeConversation, { token: stack.tokens.alice });
        if (endpoint === 'conversations.get') expectFailedClosed(listing);
        else {
          // The message bodies are one source of several: the listing shows the rest and says so
          // (test/proxy/partial-read-grant.test.ts); a file only the bodies name still fails closed.
          expect(listing.status).toBe(200);
          expect(listing.json.unread.map((u: { source: string }) => u.source)).toEqual(['messages']);
        }
        expectFailedClosed(await mintLink(proxy, notes));
      } finally {
        stack.control.clearFaults();
      }
      expect((await proxy.request(storeConversation, { token: stack.tokens.alice })).status).toBe(200);
      expect((await mintLink(proxy, notes)).status).toBe(200);
    });

    it('passes a 429 on the conversation read through with the same Retry-After', async () => {
      stack.control.setFault('conversations.get', { status: 429, retryAfter: 42 });
      try {
        const response = await mintLink(proxy, notes);
        expect(response.status).toBe(429);
        expect(response.headers.get('retry-after')).toBe('42');
      } finally {
        stack.control.clearFaults();
      }
      expect((await mintLink(proxy, notes)).status).toBe(200);
    });
  });

  it('answers a failing download-URL call with 503 or 429 and never a link', async () => {
    for (const fault of [{ status: 500 }, { hang: true }, { malformed: true }] as Fault[]) {
      stack.control.setFault('downloads', fault);
      try {
        expectFailedClosed(await mintLink(stack, policy));
      } finally {
        stack.control.clearFaults();
      }
    }
    stack.control.setFault('downloads', { status: 429, retryAfter: 42 });
    try {
      const limited = await mintLink(stack, policy);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('42');
    } finally {
      stack.control.clearFaults();
    }
    expect((await mintLink(stack, policy)).status).toBe(200);
  });

  it('answers a relay whose Genesys file fetch fails with 503, and serves it once Genesys is back', async () => {
    const link = (await mintLink(stack, policy)).json.url as string;
    stack.control.setFault('downloads.file', { status: 502 });
    try {
      const response = await stack.request(link);
      expect(response.status).toBe(503);
      expect(response.json.error.code).toBe('storage_unavailable');
    } finally {
      stack.control.clearFaults();
    }
    const file = await stack.request(link);
    expect(file.status).toBe(200);
    expect(file.bytes).toEqual(await sampleBytes(policy));
  });

  describe('answers that the sandbox cannot fake', () => {
    let gate: GenesysGate;
    let canary: Canary;
    let proxy: StackProxy;
    beforeAll(async () => {
      [gate, canary] = await Promise.all([startGenesysGate(stack.sandboxUrl), startCanary()]);
      proxy = await stack.startProxy({ GENESYS_API_BASE: gate.url });
    });
    afterAll(async () => {
      await Promise.all([gate?.close(), canary?.close()]);
    });

    it.each([
      [
        'a 302 to an internal address',
        () => ({ status: 302, headers: { location: `${canary.url}/latest/meta-data/` } }),
      ],
      ['a 504', () => ({ status: 504 })],
      ['a 200 with an empty body', () => ({ status: 200, headers: { 'content-type': 'application/json' } })],
    ])('answers %s with 503, follows nothing, and recovers', async (_name, answer) => {
      const token = stack.control.issueToken('alice');
      gate.answer = answer();
      try {
        expectFailedClosed(await proxy.request('/api/v1/session', { token }));
      } finally {
        gate.answer = undefined;
      }
      expect(canary.hits).toBe(0);
      expect((await proxy.request('/api/v1/session', { token })).status).toBe(200);
    });
  });
});

describe('concurrent requests with one cold token', () => {
  it('validate the token once and read the conversation once', async () => {
    const proxy = await coldProxy({ GENESYS_TIMEOUT_MS: '10000' });
    const token = stack.control.issueToken('quinn');
    stack.control.resetCalls();
    // The upstream answers take a while, so every request arrives while the first one's call is out.
    stack.control.setFault('users.me', { slowBodyMs: 1_500 });
    stack.control.setFault('conversations.get', { slowBodyMs: 1_500 });
    let responses: { status: number }[];
    try {
      responses = await Promise.all(
        Array.from({ length: 100 }, () => proxy.request(storeConversation, { token })),
      );
    } finally {
      stack.control.clearFaults();
    }
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
    const calls = stack.control.calls();
    expect(calls['users.me']).toBe(1);
    expect(calls['conversations.get']).toBe(1);
    expect(calls['messages.bulk']).toBe(1);
  });

  it('all get 503 when the shared call fails, and the next request calls again', async () => {
    const gate = await startGenesysGate(stack.sandboxUrl);
    try {
      const proxy = await coldProxy({ GENESYS_API_BASE: gate.url, GENESYS_TIMEOUT_MS: '10000' });
      const token = stack.control.issueToken('quinn');
      // A 500 that takes a while to come, so all hundred requests share the one call.
      gate.answer = {
        status: 500,
        headers: { 'content-type': 'application/json' },
        body: '{}',
        delayMs: 1_500,
      };
      const responses = await Promise.all(
        Array.from({ length: 100 }, () => proxy.request('/api/v1/session', { token })),
      );
      for (const response of responses) expectFailedClosed(response);
      expect(gate.calls('/api/v2/users/me')).toBe(1);
      gate.answer = undefined;
      expect((await proxy.request('/api/v1/session', { token })).status).toBe(200);
      expect(gate.calls('/api/v2/users/me')).toBe(2);
    } finally {
      await gate.close();
    }
  });
});

describe('storage faults', () => {
  it('answers a link for an object that is gone from S3 with 404 file_gone', async () => {
    const s3 = createS3Client(requireSwift(stack));
    const key = transfer.location.kind === 's3' ? transfer.location.key : '';
    await s3.send(new DeleteObjectCommand({ Bucket: 'av-clean', Key: key }));
    try {
      const proxy = await coldProxy();
      const response = await mintLink(proxy, transfer);
      expect(response.status).toBe(404);
      expect(response.json.error.code).toBe('file_gone');
      const status = await proxy.request(
        `/api/v1/conversations/${conversationIds.openMessagingS3}/attachments`,
        {
          token: stack.tokens.alice,
        },
      );
      const entry = (status.json.attachments as AttachmentStatus[]).find(
        (a) => a.attachment.id === transfer.id,
      );
      expect(entry).toMatchObject({ availability: 'gone', reason: 'file_gone' });
    } finally {
      await putObject(requireSwift(stack), 'av-clean', key, await sampleBytes(transfer), {
        contentType: 'application/pdf',
        metadata: { 'av-status': 'clean' },
      });
      s3.destroy();
    }
  });

  it('answers 503 storage_unavailable while S3 does not answer in time', async () => {
    const proxy = await coldProxy({ S3_TIMEOUT_MS: '500' });
    requireSwift(stack).pause();
    try {
      const response = await mintLink(proxy, damageFront);
      expect(response.status).toBe(503);
      expect(response.json.error.code).toBe('storage_unavailable');
      expect(response.headers.get('retry-after')).toBe('5');
    } finally {
      requireSwift(stack).resume();
    }
    expect((await mintLink(proxy, transfer)).status).toBe(200);
  });

  it('answers 503 storage_unavailable while S3 is down, and serves again once it is back', async () => {
    const proxy = await coldProxy();
    // The Swift proxy server this file started; restart() below brings it back with its objects.
    process.kill(requireSwift(stack).pids.proxy, 'SIGKILL');
    try {
      const response = await mintLink(proxy, damageFront);
      expect(response.status).toBe(503);
      expect(response.json.error.code).toBe('storage_unavailable');
      expect((await proxy.request('/readyz')).status).toBe(503);
      // Files in the other backends are still served.
      expect((await mintLink(proxy, notes)).status).toBe(200);
    } finally {
      await requireSwift(stack).restart();
    }
    const link = await mintedLink(proxy, damageFront);
    expect((await stack.request(link.url)).bytes).toEqual(await sampleBytes(damageFront));
  });
});

/** Requests whose right answer does not depend on any cache: what must hold whatever Redis does. */
async function expectCorrectDecisions(proxy: StackProxy): Promise<void> {
  const [allowed, foreign, expired, otherOrg, cold] = await Promise.all([
    mintLink(proxy, notes),
    mintLink(proxy, notes, { token: stack.tokens.bob }),
    proxy.request('/api/v1/session', { token: stack.tokens.aliceExpired }),
    proxy.request('/api/v1/session', { token: stack.tokens.mallory }),
    proxy.request(storeConversation, { token: stack.control.issueToken('quinn') }),
  ]);
  expect(allowed.status).toBe(200);
  expect(foreign.status).toBe(403);
  expect(foreign.json.error.code).toBe('not_permitted');
  expect(expired.status).toBe(401);
  expect(otherOrg.status).toBe(403);
  expect(otherOrg.json.error.code).toBe('wrong_organization');
  expect(cold.status).toBe(200);
}

describe('Redis', () => {
  async function tokenKeys(): Promise<string[]> {
    return (await redis.keys('av:token:*')).sort();
  }

  it('shares token decisions between replicas', async () => {
    const token = stack.control.issueToken('alice');
    expect((await stack.request('/api/v1/session', { token })).status).toBe(200);
    const other = await stack.startProxy();
    stack.control.resetCalls();
    expect((await other.request('/api/v1/session', { token })).status).toBe(200);
    expect(stack.control.calls()['users.me']).toBe(0);
  });

  it('treats a garbage token decision as a miss and asks Genesys again', async () => {
    for (const [user, garbage, expected] of [
      ['alice', 'not json {', 200],
      ['alice', '{"ok":true,"principal":{"userId":"x"}}', 200],
      ['revoked', '{"ok":true}', 401],
      ['revoked', `{"ok":true,"principal":{"userId":"${userIds.alice}"}}`, 401],
    ] as const) {
      const token = stack.control.issueToken('alice');
      if (user === 'revoked') stack.control.revokeToken(token);
      const before = await tokenKeys();
      await stack.request('/api/v1/session', { token });
      const [key, ...more] = (await tokenKeys()).filter((k) => !before.includes(k));
      expect(key).toBeDefined();
      expect(more).toEqual([]);
      await redis.set(key as string, garbage, 'PX', 60_000);

      const fresh = await stack.startProxy();
      stack.control.resetCalls();
      expect((await fresh.request('/api/v1/session', { token })).status).toBe(expected);
      expect(stack.control.calls()['users.me']).toBe(1);
    }
  });

  it('treats a garbage conversation entry as a miss and reads the conversation again', async () => {
    expect((await stack.request(storeConversation, { token: stack.tokens.alice })).status).toBe(200);
    const key = `av:conversation:mypurecloud.com:${userIds.alice}:${conversationIds.openMessagingStore}`;
    expect(await redis.exists(key)).toBe(1);
    for (const garbage of ['[{"id":', '[{"id":"x"}]', '{"not":"a list"}']) {
      await redis.set(key, garbage, 'PX', 60_000);
      const fresh = await stack.startProxy();
      stack.control.resetCalls();
      const response = await fresh.request(storeConversation, { token: stack.tokens.alice });
      expect(response.status).toBe(200);
      expect((response.json.attachments as AttachmentStatus[]).map((a) => a.attachment.id)).toContain(
        notes.id,
      );
      expect(stack.control.calls()['conversations.get']).toBe(1);
    }
  });

  it('keeps answering, correctly, while Redis is paused', async () => {
    requireRedis(stack).pause();
    try {
      await expectCorrectDecisions(stack.proxy);
      await expectCorrectDecisions(stack.proxy);
    } finally {
      requireRedis(stack).resume();
    }
  });

  it('keeps answering, correctly, on its own cache after Redis is killed mid-load', async () => {
    const load = Promise.all(Array.from({ length: 10 }, () => expectCorrectDecisions(stack.proxy)));
    await sleep(20);
    await requireRedis(stack).kill();
    await load;
    stack.control.resetCalls();
    await expectCorrectDecisions(stack.proxy);
    // Still validating cold tokens upstream, still using the in-process cache for warm ones.
    expect(stack.control.calls()['users.me']).toBeGreaterThanOrEqual(1);
    const token = stack.control.issueToken('alice');
    expect((await stack.request('/api/v1/session', { token })).status).toBe(200);
    stack.control.resetCalls();
    expect((await stack.request('/api/v1/session', { token })).status).toBe(200);
    expect(stack.control.calls()['users.me']).toBe(0);
  });
});

it('never wrote a token or a link signature to the logs or the audit trail', async () => {
  const seen = stack.knownSecrets();
  expect(seen.some((s) => /^[0-9a-f]{64}$/.test(s))).toBe(true);
  expect(seen.some((s) => s.startsWith('k1.'))).toBe(true);
  expect(stack.logLines.length).toBeGreaterThan(0);
  expect(await stack.leakedSecrets()).toEqual([]);
});

interface GateAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

/** A stand-in for the Genesys API: forwards to the sandbox org, or gives `answer` to every call. */
interface GenesysGate {
  url: string;
  answer: GateAnswer | undefined;
  calls(path: string): number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length > 0 ? Buffer.concat(chunks) : undefined;
}

async function startGenesysGate(target: string): Promise<GenesysGate> {
  const counts = new Map<string, number>();
  const gate: GenesysGate = {
    url: '',
    answer: undefined,
    calls: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '').split('?', 1)[0] ?? '';
    counts.set(path, gate.calls(path) + 1);
    const answer = gate.answer;
    const body = await readBody(req);
    if (answer) {
      if (answer.delayMs) await sleep(answer.delayMs);
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
      return;
    }
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers: {
        authorization: req.headers.authorization ?? '',
        'content-type': req.headers['content-type'] ?? 'application/json',
      },
      body,
      redirect: 'manual',
    });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  gate.url = await listenLoopback(server);
  return gate;
}

/** Where a redirect would lead: counts every request that reaches it. */
interface Canary {
  url: string;
  hits: number;
  close(): Promise<void>;
}

async function startCanary(): Promise<Canary> {
  const canary: Canary = {
    url: '',
    hits: 0,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server = createServer((_req, res) => {
    canary.hits++;
    res.end('{"secret":"instance credentials"}');
  });
  canary.url = await listenLoopback(server);
  return canary;
}
