// Hostile input at volume, against the proxy in its own process (so a crash shows as a dead process,
// not as a dead test runner): docs/security.md's catalogue of bad inputs replayed thousands of times at 20
// connections while a hundred slowloris clients hold sockets, then property-based fuzzing with
// fast-check of link request bodies and of signed store URLs. The proxy never answers 500 and never
// crashes. Detection is fuzzed in-process with Platform-API-shaped conversations full of hostile
// strings: it never throws and never returns a location that is not in its input (see
// `derivationProblems` for the exact rule).
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentLocation, AttachmentRef } from '../../core/attachment-ref.ts';
import { type ConversationData, detectAttachments } from '../../core/detect.ts';
import { type DetectionRules, defaultDetectionRules } from '../../core/detection-rules.ts';
import { RELATIVE_DOWNLOAD_HOST } from '../../core/location-parser.ts';
import { referenceId } from '../../core/reference-id.ts';
import { LinkSigner } from '../../proxy/storage/link-signer.ts';
import { sampleDetectionRules } from '../../sandbox/sample-data/manifest.ts';
import {
  sampleAttachment,
  sampleAttachments,
  sampleBytes,
} from '../../sandbox/sample-data/sample-attachments.ts';
import { conversationIds, type Stack, startStack } from '../../scripts/local-stack/stack.ts';
import { decodedOrRaw, flip, hostileIds, totalCalls } from '../support/hostile.ts';
import {
  type ChildProxy,
  connectionPool,
  errorCode,
  type HttpResult,
  httpRequest,
  spawnProxy,
  tally,
} from '../support/load.ts';
import { rawRequest } from '../support/raw-request.ts';

let stack: Stack;
let proxy: ChildProxy;
/** FUZZ_SCALE=20 runs every property twenty times as often (a longer hunt than the suite's). */
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const numRuns = (n: number) => Math.max(1, Math.round(n * scale));

const notes = sampleAttachment(conversationIds.openMessagingStore, 'notes.txt');
const invoice = sampleAttachment(conversationIds.openMessagingStore, 'invoice.pdf');
const policy = sampleAttachment(conversationIds.webMessaging, 'policy-document.pdf');
const fromAnotherConversation = sampleAttachment(conversationIds.openMessagingS3, 'damage-front.jpg');

beforeAll(async () => {
  stack = await startStack();
  // A short headersTimeout, so the slowloris clients are answered within the replay.
  proxy = await spawnProxy(stack.settings, { logLevel: 'warn', timeouts: { headersTimeoutMs: 2_000 } });
}, 60_000);

afterAll(async () => {
  await proxy?.stop();
  await stack?.stop();
});

/** The proxy is still there: it answers, and its process has not exited. */
async function expectAlive(): Promise<void> {
  expect(proxy.alive()).toBe(true);
  expect((await httpRequest(`${proxy.url}/healthz`)).status).toBe(200);
}

async function mint(attachment: { conversationId: string; id: string }): Promise<string> {
  const r = await httpRequest(`${proxy.url}/api/v1/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.tokens.alice}`, 'content-type': 'application/json' },
    body: JSON.stringify({ conversationId: attachment.conversationId, attachmentId: attachment.id }),
  });
  expect(r.status, r.body.toString()).toBe(200);
  return (JSON.parse(r.body.toString()) as { url: string }).url;
}

/** Percent-encodes what node:http refuses in a request target (controls, spaces, non-Latin-1). */
function sendable(path: string): string {
  return wellFormed(path).replace(/[^\u0021-\u00ff]/gu, (c) => encodeURIComponent(c));
}

/** Lone surrogates (a flipped half of an emoji) replaced: they have no UTF-8 form to send. */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

// ------------------------------------------------------------------------------------------------
// The catalogue at volume
// ------------------------------------------------------------------------------------------------

interface Case {
  name: string;
  /** Statuses docs/security.md allows for it. */
  expect: number[];
  send(): Promise<{ status: number; text: string }>;
}

function api(
  path: string,
  init: { token?: string; method?: string; body?: string; headers?: Record<string, string> },
) {
  return async () => {
    const r = await httpRequest(`${proxy.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    return { status: r.status, text: r.body.toString('latin1') };
  };
}

function raw(request: string | Buffer) {
  return async () => {
    const r = await rawRequest(proxy.url, request);
    return { status: r.status, text: r.raw };
  };
}

/** Cases that must be refused before any call to Genesys (alice's token is already verified). */
function refusedWithoutGenesys(genuineStore: URL, genuineRelay: string): Case[] {
  const alice = stack.tokens.alice;
  const cases: Case[] = [];
  for (const [name, authorization] of [
    ['no Authorization', undefined],
    ['"Bearer" alone', 'Bearer'],
    ['two tokens', 'Bearer a b'],
    ['Basic', 'Basic eDp5'],
    ['a token outside RFC 6750', 'Bearer abc"def'],
    ['a Latin-1 token', 'Bearer t\u00f6k\u00e9n'],
    ['a 5 KB token', `Bearer ${'a'.repeat(5_000)}`],
  ] as const) {
    cases.push({
      name: `bearer: ${name}`,
      expect: [401],
      send: api('/api/v1/session', { headers: authorization ? { authorization } : {} }),
    });
  }
  for (const [name, header] of [
    ['raw UTF-8 token', Buffer.from('Authorization: Bearer t\u00f6k\u00e9n-\u2603\r\n', 'utf8')],
    ['bare CR', 'Authorization: Bearer abc\rdef\r\n'],
    ['bare LF', 'Authorization: Bearer abc\ndef\r\n'],
    ['NUL', 'Authorization: Bearer abc\u0000def\r\n'],
    ['folded line', 'Authorization: Bearer abc\r\n def\r\n'],
  ] as const) {
    const head = Buffer.from('GET /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n');
    cases.push({
      name: `raw header: ${name}`,
      expect: [400, 401],
      send: raw(Buffer.concat([head, Buffer.from(header), Buffer.from('\r\n')])),
    });
  }
  cases.push({
    name: 'headers over 16 KiB',
    expect: [431],
    send: api('/api/v1/session', { headers: { authorization: `Bearer ${'a'.repeat(17 * 1024)}` } }),
  });
  for (const region of ['evil.com', 'mypurecloud.com.evil.com', '169.254.169.254', 'MYPURECLOUD.COM', ''])
    cases.push({
      name: `region ${JSON.stringify(region)}`,
      expect: [400],
      send: api('/api/v1/session', { token: alice, headers: { 'x-genesys-region': region } }),
    });
  for (const [, id] of hostileIds) {
    const short = id.slice(0, 24);
    cases.push(
      {
        name: `attachment id ${short}`,
        expect: [400],
        send: api('/api/v1/links', {
          token: alice,
          body: JSON.stringify({ conversationId: notes.conversationId, attachmentId: decodedOrRaw(id) }),
        }),
      },
      {
        name: `conversation id ${short}`,
        expect: [400],
        send: api('/api/v1/links', {
          token: alice,
          body: JSON.stringify({ conversationId: decodedOrRaw(id), attachmentId: notes.id }),
        }),
      },
      {
        name: `conversation path ${short}`,
        expect: [400, 404],
        send: api(`/api/v1/conversations/${id}/attachments`, { token: alice }),
      },
      { name: `relay ticket ${short}`, expect: [400, 403], send: api(`/relay/${id}`, {}) },
      {
        name: `store path ${short}`,
        expect: [400, 403],
        send: api(`/files/${id}?exp=9999999999&disp=inline`, {}),
      },
    );
  }
  cases.push({
    name: 'raw dot segments to /files',
    expect: [403],
    send: raw('GET /files/a/../../x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'),
  });
  const variant = (change: (u: URL) => void) => {
    const u = new URL(genuineStore);
    change(u);
    return u;
  };
  const sig = genuineStore.searchParams.get('sig') ?? '';
  const otherKey = new LinkSigner([{ id: 'k1', secret: randomBytes(32) }], 'store');
  for (const [name, u] of [
    ['signature flipped', variant((u) => u.searchParams.set('sig', flip(sig, 7)))],
    ['signature truncated', variant((u) => u.searchParams.set('sig', sig.slice(0, 40)))],
    ['signature too long', variant((u) => u.searchParams.set('sig', `${sig}AAAA`))],
    ['no signature', variant((u) => u.searchParams.delete('sig'))],
    [
      'expiry moved',
      variant((u) => u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 60))),
    ],
    ['disposition changed', variant((u) => u.searchParams.set('disp', 'attachment'))],
    ['type changed to HTML', variant((u) => u.searchParams.set('type', 'text/html'))],
    ['another key', variant((u) => (u.pathname = '/files/claims/2026/estimate.csv'))],
    ['unknown key id', variant((u) => u.searchParams.set('kid', 'k9'))],
    [
      'signed with a key the proxy does not have',
      variant((u) =>
        u.searchParams.set(
          'sig',
          otherKey.sign({
            key: 'claims/2026/invoice.pdf',
            expires: Number(u.searchParams.get('exp')),
            disposition: 'inline',
            contentType: u.searchParams.get('type') ?? '',
            fileName: u.searchParams.get('name') ?? '',
          }).signature,
        ),
      ),
    ],
  ] as const)
    cases.push({ name: `store link: ${name}`, expect: [403], send: api(`${u.pathname}${u.search}`, {}) });
  const ticket = genuineRelay.slice(genuineRelay.indexOf('/relay/') + '/relay/'.length);
  for (const [name, t] of [
    ['flipped', flip(ticket, Math.floor(ticket.length / 2))],
    ['tag flipped', flip(ticket, ticket.length - 3)],
    ['truncated', ticket.slice(0, 40)],
    ['extra segment', `${ticket}.AAAA`],
    ['other key id', `k2${ticket.slice(2)}`],
  ] as const)
    cases.push({ name: `relay ticket ${name}`, expect: [403], send: api(`/relay/${t}`, {}) });
  cases.push(
    { name: 'relay ticket malformed escape', expect: [400], send: api(`/relay/${ticket}%C0%AE`, {}) },
    {
      name: 'oversized JSON body',
      expect: [413],
      send: api('/api/v1/links', {
        token: alice,
        body: JSON.stringify({
          conversationId: notes.conversationId,
          attachmentId: notes.id,
          pad: 'x'.repeat(20_000),
        }),
      }),
    },
    {
      name: 'malformed JSON',
      expect: [400],
      send: api('/api/v1/links', { token: alice, body: '{"conversationId":' }),
    },
    {
      name: 'body that does not inflate',
      expect: [400],
      send: api('/api/v1/links', { token: alice, body: 'not gzip', headers: { 'content-encoding': 'gzip' } }),
    },
    {
      name: 'body that does not decompress',
      expect: [400],
      send: api('/api/v1/links', { token: alice, body: 'not brotli', headers: { 'content-encoding': 'br' } }),
    },
    {
      name: 'DELETE /api/v1/links',
      expect: [404, 405],
      send: api('/api/v1/links', { token: alice, method: 'DELETE' }),
    },
    {
      name: 'PUT /api/v1/session',
      expect: [404, 405],
      send: api('/api/v1/session', { token: alice, method: 'PUT' }),
    },
    {
      name: 'POST /files/...',
      expect: [404, 405],
      send: api('/files/claims/2026/notes.txt', { method: 'POST' }),
    },
    { name: 'DELETE /relay/...', expect: [404, 405], send: api('/relay/k1.AAAA', { method: 'DELETE' }) },
    {
      name: 'an attachment of another conversation',
      expect: [403],
      send: api('/api/v1/links', {
        token: alice,
        body: JSON.stringify({
          conversationId: notes.conversationId,
          attachmentId: fromAnotherConversation.id,
        }),
      }),
    },
  );
  return cases;
}

/** Cases that need Genesys's word once (then the cached refusal). */
function refusedAfterOneCheck(): Case[] {
  const revoked = stack.control.issueToken('alice');
  stack.control.revokeToken(revoked);
  return [
    {
      name: 'expired token',
      expect: [401],
      send: api('/api/v1/session', { token: stack.tokens.aliceExpired }),
    },
    { name: 'revoked token', expect: [401], send: api('/api/v1/session', { token: revoked }) },
    {
      name: 'token of another org',
      expect: [403],
      send: api('/api/v1/session', { token: stack.tokens.mallory }),
    },
  ];
}

/** Sends every case `times` times, shuffled, 20 at a time; returns each answer with its case. */
async function replay(cases: Case[], times: number): Promise<{ c: Case; status: number; text: string }[]> {
  const queue = cases.flatMap((c) => Array.from({ length: times }, () => c));
  for (let i = queue.length - 1; i > 0; i--) {
    const j = (i * 7919 + 13) % (i + 1);
    [queue[i], queue[j]] = [queue[j] as Case, queue[i] as Case];
  }
  const answers: { c: Case; status: number; text: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < queue.length) {
        const c = queue[next++] as Case;
        answers.push({ c, ...(await c.send()) });
      }
    }),
  );
  return answers;
}

/** A client that sends one header line every 500 ms and never finishes: answered with 408 (or cut). */
function slowloris(): Promise<string> {
  const { hostname, port } = new URL(proxy.url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let received = '';
    let n = 0;
    const timer = setInterval(() => socket.write(`X-Slow-${n++}: a\r\n`), 500);
    const done = () => {
      clearInterval(timer);
      resolve(received);
    };
    socket.setTimeout(30_000, () => socket.destroy());
    socket.on('connect', () => socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('close', done);
    socket.on('error', () => undefined);
  });
}

describe("security.md's catalogue at volume", () => {
  it('refuses every bad input with its 4xx thousands of times, without a Genesys call, a 500 or a crash, while slowloris clients get 408', async () => {
    // Alice's token and the store conversation verified once, before counting.
    const genuineStore = new URL(await mint(invoice));
    const genuineRelay = await mint(policy);
    const slow = Array.from({ length: 100 }, () => slowloris());
    stack.control.resetCalls();
    const cases = refusedWithoutGenesys(genuineStore, genuineRelay);
    const answers = await replay(cases, 40);
    const calls = stack.control.calls();
    const slowAnswers = await Promise.all(slow);

    const wrong = answers.filter((a) => !a.c.expect.includes(a.status));
    console.info(
      JSON.stringify({
        figure: 'catalogue',
        cases: cases.length,
        requests: answers.length,
        statuses: tally(answers, (a) => String(a.status)),
        genesysCalls: totalCalls(calls),
        slowloris: tally(slowAnswers, (s) => s.slice(0, 12) || 'closed'),
      }),
    );
    expect(tally(wrong, (a) => `${a.c.name}: ${a.status}`)).toEqual({});
    expect(answers.some((a) => a.text.includes('Sandbox Insurance'))).toBe(false);
    expect(totalCalls(calls)).toBe(0);
    // Node answers slow headers with 408 at headersTimeout; none got a real answer.
    for (const s of slowAnswers) expect(s === '' || /^HTTP\/1\.1 408 /.test(s)).toBe(true);
    expect(slowAnswers.filter((s) => s.startsWith('HTTP/1.1 408')).length).toBeGreaterThan(90);
    await expectAlive();
  }, 90_000);

  it('asks Genesys about an expired, revoked or foreign token at most once per cache lifetime, at volume', async () => {
    stack.control.resetCalls();
    const started = Date.now();
    const answers = await replay(refusedAfterOneCheck(), 300);
    const seconds = (Date.now() - started) / 1000;
    const wrong = answers.filter((a) => !a.c.expect.includes(a.status));
    expect(tally(wrong, (a) => `${a.c.name}: ${a.status}`)).toEqual({});
    // Two refused tokens, each remembered 5 s; the foreign org's token is a positive decision (60 s).
    const bound = 2 * (Math.ceil(seconds / 5) + 1) + 1;
    expect(stack.control.calls()['users.me']).toBeLessThanOrEqual(bound);
    await expectAlive();
  }, 60_000);
});

// ------------------------------------------------------------------------------------------------
// Property-based fuzzing of the HTTP surface
// ------------------------------------------------------------------------------------------------

const hostileFragments = [
  '..',
  '.',
  '/',
  '%2e%2e',
  '%2E%2E%2F',
  '%252e%252e%252f',
  '%C0%AE',
  '%c0%ae',
  '%EF%BC%8E',
  '．．',
  '\u2024',
  '%00',
  '\u0000',
  '\r\n',
  '\\',
  '%5C',
  '?',
  '#',
  '&',
  '=',
  '%',
  '%G0',
  '%E2%82',
  '\u202e',
  '\ufeff',
  'é',
  '🙂',
  '<script>',
  '"',
  "'",
  ' ',
  'org.json',
  'claims/2026/',
  'notes.txt',
  '.scan.json',
];
const fragment = fc.constantFrom(...hostileFragments);
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.oneof(fragment, fc.string({ maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join('')),
);

const knownPairs = new Set(
  [
    conversationIds.webMessaging,
    conversationIds.openMessagingS3,
    conversationIds.openMessagingStore,
    conversationIds.email,
    conversationIds.endedMessaging,
    conversationIds.endedEmail,
  ].flatMap((c) => sampleAttachments(c).map((a) => `${c}/${a.id}`)),
);

describe('fuzzed link requests', () => {
  const conversationId = fc.oneof(
    fc.constantFrom(...Object.values(conversationIds)),
    hostileString,
    fc.string({ minLength: 60, maxLength: 70, unit: fc.constantFrom('a', 'b', '-', '0') }),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const attachmentId = fc.oneof(
    fc.constantFrom(notes.id, invoice.id, policy.id, fromAnotherConversation.id),
    fc.stringMatching(/^[0-9a-f]{24}$/),
    hostileString,
    fc.jsonValue({ maxDepth: 2 }),
  );
  const bodyObject = fc.record(
    {
      conversationId,
      attachmentId,
      disposition: fc.oneof(
        fc.constantFrom('inline', 'attachment', 'INLINE', ''),
        fc.jsonValue({ maxDepth: 1 }),
      ),
      extra: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  );
  // Well-formed requests for ids that may or may not be the conversation's: the authorization path.
  const wellFormed = fc.record(
    {
      conversationId: fc.oneof(fc.constantFrom(...Object.values(conversationIds)), fc.uuid()),
      attachmentId: fc.oneof(
        fc.constantFrom(notes.id, invoice.id, policy.id, fromAnotherConversation.id),
        fc.stringMatching(/^[0-9a-f]{24}$/),
      ),
      disposition: fc.constantFrom('inline', 'attachment'),
    },
    { requiredKeys: ['conversationId', 'attachmentId'] },
  );
  const body = fc.oneof(
    { weight: 3, arbitrary: wellFormed.map((b) => JSON.stringify(b)) },
    { weight: 4, arbitrary: bodyObject.map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        `{"__proto__":{"attachmentId":"${notes.id}"},"conversationId":"${notes.conversationId}"}`,
        `{"constructor":{"prototype":{"attachmentId":"${notes.id}"}},"conversationId":"${notes.conversationId}"}`,
        `{"conversationId":"${notes.conversationId}","attachmentId":"${notes.id}","attachmentId":"${notes.id}"}`,
        `{"conversationId":"${notes.conversationId}","attachmentId":"${notes.id.toUpperCase()}"}`,
      ),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 3_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 400 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 7_000, max: 30_000 })
        .map((n) => JSON.stringify({ conversationId: notes.conversationId, attachmentId: 'f'.repeat(n) })),
    },
  );
  const contentType = fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=utf-16',
    'application/json; charset=koi8-r',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/merge-patch+json',
  );

  it('never answers 500, and grants only attachments of the named conversation', async () => {
    const agent = connectionPool(4);
    const statuses: number[] = [];
    try {
      await fc.assert(
        fc.asyncProperty(body, contentType, async (text, type) => {
          const r: HttpResult = await httpRequest(`${proxy.url}/api/v1/links`, {
            method: 'POST',
            headers: { authorization: `Bearer ${stack.tokens.alice}`, 'content-type': type },
            body: text,
            agent,
          });
          statuses.push(r.status);
          expect([200, 400, 403, 404, 413, 415]).toContain(r.status);
          if (r.status === 200) {
            const sent = JSON.parse(text) as { conversationId: string; attachmentId: string };
            expect(knownPairs.has(`${sent.conversationId}/${sent.attachmentId}`)).toBe(true);
          } else expect(errorCode(r)).toBeDefined();
        }),
        { numRuns: numRuns(600) },
      );
    } finally {
      agent.destroy();
    }
    console.info(
      JSON.stringify({
        figure: 'fuzz link bodies',
        runs: statuses.length,
        statuses: tally(statuses, String),
      }),
    );
    await expectAlive();
  }, 90_000);
});

describe('fuzzed signed store URLs', () => {
  type Mutation =
    | { at: 'path'; value: string }
    | { at: 'segment'; index: number; value: string }
    | { at: 'param'; name: string; value: string }
    | { at: 'drop'; name: string }
    | { at: 'repeat'; name: string; value: string }
    | { at: 'sig'; op: 'flip' | 'cut' | 'grow'; index: number }
    | { at: 'range'; value: string };
  const paramName = fc.constantFrom('exp', 'disp', 'type', 'name', 'kid', 'sig', 'x', 'EXP', 'sig[]');
  const expiry = fc.oneof(
    fc.integer().map(String),
    fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
    fc.constantFrom('1e10', '0x7fffffff', '-0', ' 9999999999', '9999999999 ', 'NaN', 'Infinity', '', '1.5'),
  );
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    hostileString.map((value) => ({ at: 'path' as const, value })),
    fc.record({ at: fc.constant('segment' as const), index: fc.nat(4), value: hostileString }),
    fc.record({ at: fc.constant('param' as const), name: paramName, value: fc.oneof(hostileString, expiry) }),
    fc.record({ at: fc.constant('param' as const), name: fc.constant('exp'), value: expiry }),
    fc.record({ at: fc.constant('drop' as const), name: paramName }),
    fc.record({ at: fc.constant('repeat' as const), name: paramName, value: hostileString }),
    fc.record({
      at: fc.constant('sig' as const),
      op: fc.constantFrom('flip', 'cut', 'grow'),
      index: fc.nat(60),
    }),
    fc
      .oneof(
        hostileString,
        fc.constantFrom('bytes=0-0', 'bytes=-5', 'bytes=5-', 'bytes=0-1,3-4', 'bytes=9999999-'),
      )
      .map((value) => ({ at: 'range' as const, value })),
  );

  function apply(genuine: URL, mutations: Mutation[]): { path: string; range?: string } {
    let path = genuine.pathname;
    const params: [string, string][] = [...genuine.searchParams.entries()];
    let range: string | undefined;
    for (const m of mutations) {
      switch (m.at) {
        case 'path':
          path = `/files/${m.value}`;
          break;
        case 'segment': {
          const segments = path.split('/');
          segments[2 + (m.index % Math.max(1, segments.length - 2))] = m.value;
          path = segments.join('/');
          break;
        }
        case 'param': {
          const i = params.findIndex(([n]) => n === m.name);
          if (i >= 0) params[i] = [m.name, m.value];
          else params.push([m.name, m.value]);
          break;
        }
        case 'drop': {
          const i = params.findIndex(([n]) => n === m.name);
          if (i >= 0) params.splice(i, 1);
          break;
        }
        case 'repeat':
          params.push([m.name, m.value]);
          break;
        case 'sig': {
          const i = params.findIndex(([n]) => n === 'sig');
          const sig = params[i]?.[1] ?? '';
          const k = m.index % Math.max(1, sig.length);
          const next =
            m.op === 'flip'
              ? flip(sig, k)
              : m.op === 'cut'
                ? sig.slice(0, k)
                : `${sig}${sig.slice(0, (k % 8) + 1)}`;
          if (i >= 0) params[i] = ['sig', next];
          break;
        }
        case 'range':
          range = m.value;
          break;
      }
    }
    const query = params
      .map(([n, v]) => `${encodeURIComponent(wellFormed(n))}=${encodeURIComponent(wellFormed(v))}`)
      .join('&');
    return { path: sendable(`${path}?${query}`), ...(range !== undefined ? { range } : {}) };
  }

  it('never answers 500, and serves nothing but the signed file with its signed headers', async () => {
    const genuine = await Promise.all([notes, invoice].map(async (a) => new URL(await mint(a))));
    const reference = await Promise.all(
      genuine.map(async (u, i) => {
        const r = await httpRequest(u.toString());
        expect(r.status).toBe(200);
        return {
          bytes: await sampleBytes(i === 0 ? notes : invoice),
          type: r.headers['content-type'],
          disposition: r.headers['content-disposition'],
        };
      }),
    );
    const agent = connectionPool(4);
    const statuses: number[] = [];
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.nat(1),
          fc.array(mutation, { minLength: 1, maxLength: 3 }),
          async (which, mutations) => {
            const base = genuine[which] as URL;
            const want = reference[which] as (typeof reference)[number];
            const { path, range } = apply(base, mutations);
            const r = await httpRequest(base.toString(), {
              rawPath: path,
              agent,
              ...(range !== undefined ? { headers: { range: sendable(range) } } : {}),
            });
            statuses.push(r.status);
            expect([200, 206, 400, 403, 404, 416]).toContain(r.status);
            if (r.status === 200 || r.status === 206) {
              // Only the genuine file, under the type and disposition the proxy signed.
              expect(r.headers['content-type']).toBe(want.type);
              expect(r.headers['content-disposition']).toBe(want.disposition);
              const [, start] = /^bytes (\d+)-\d+\/\d+$/.exec(String(r.headers['content-range'] ?? '')) ?? [];
              const offset = r.status === 206 ? Number(start) : 0;
              expect(
                Buffer.from(want.bytes)
                  .subarray(offset, offset + r.body.length)
                  .equals(r.body),
              ).toBe(true);
            } else if (r.headers['x-request-id'] === undefined) {
              // Refused by Node's HTTP parser before the app saw it (raw non-ASCII bytes in the target).
              expect(r.status).toBe(400);
            } else if (r.status !== 416) expect(errorCode(r)).toBeDefined();
          },
        ),
        { numRuns: numRuns(800) },
      );
    } finally {
      agent.destroy();
    }
    console.info(
      JSON.stringify({ figure: 'fuzz store URLs', runs: statuses.length, statuses: tally(statuses, String) }),
    );
    await expectAlive();
  }, 90_000);
});

it('never wrote a token or a link signature to the proxy log or the audit trail', async () => {
  const log = await proxy.log();
  const { records } = await import('../support/load.ts').then((m) => m.readAuditDir(proxy.auditDir));
  const text = `${log}\n${JSON.stringify(records)}`;
  for (const token of Object.values(stack.tokens)) expect(text.includes(token), token).toBe(false);
  expect(text).not.toMatch(/[?&]sig=|\/relay\/k1\./);
});

// ------------------------------------------------------------------------------------------------
// Detection, fuzzed
// ------------------------------------------------------------------------------------------------

const s3Host = 'minio.local:9000';
const rulesVariants: DetectionRules[] = [
  { ...sampleDetectionRules, s3Hosts: [s3Host] },
  { ...sampleDetectionRules, s3Hosts: [s3Host], bareKeys: { kind: 's3', bucket: 'av-clean' } },
  defaultDetectionRules,
];

/** Query parameters that carry a signature or a credential (what the generator plants). */
const SECRET_NAMES = [
  'X-Amz-Signature',
  'X-Amz-Security-Token',
  'X-Amz-Credential',
  'Signature',
  'sig',
  'token',
  'AWSAccessKeyId',
  'X-Goog-Signature',
  'se',
  'sp',
  'sv',
  'sr',
  'st',
  'Expires',
];

const hosts = [
  'av-clean.s3.amazonaws.com',
  'av-clean.s3.eu-west-1.amazonaws.com',
  'av-quarantine.s3.dualstack.us-east-1.amazonaws.com',
  'evil.s3.amazonaws.com',
  's3.amazonaws.com',
  's3.eu-west-1.amazonaws.com',
  'S3.AMAZONAWS.COM',
  s3Host,
  'minio.local:9001',
  'api.mypurecloud.com',
  'api-downloads.mypurecloud.ie',
  'API.MYPURECLOUD.COM',
  'api.mypurecloud.com:8443',
  'api.mypurecloud.com.evil.com',
  'viewer.example.com',
  'VIEWER.example.com',
  'av-clean',
  'user:pw@av-clean.s3.amazonaws.com',
  '127.0.0.1',
  '[::1]',
  '',
];
const schemes = ['https://', 'http://', 's3://', 'HTTPS://', 'S3://', 'ftp://', 'javascript:', '//', ''];
const pathPrefixes = ['/', '/av-clean/', '/av-quarantine/', '/api/v2/downloads/', '/ref/', '/evil/', ''];
const queryParts = fc.array(
  fc.oneof(
    fc.constantFrom(...SECRET_NAMES).map((n) => `${n}=${randomHex()}`),
    fc.constantFrom(
      'response-content-type=text/html',
      'versionId=3',
      'a=b',
      'X-Amz-Date=20260101T000000Z',
      '',
    ),
    hostileString,
  ),
  { maxLength: 4 },
);

function randomHex(): string {
  return randomBytes(6).toString('hex');
}

const keyish = fc.oneof(
  fc.constantFrom(
    'claims/2026/notes.txt',
    'claims/2026/%C3%9Cberweisung%20M%C3%A4rz.pdf',
    'a%2Fb',
    'f',
    'dl-123',
  ),
  fc
    .array(fc.oneof(fragment, fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/)), { minLength: 1, maxLength: 6 })
    .map((parts) => parts.join('/')),
  hostileString,
);
const query = fc.oneof(
  fc.constant(''),
  queryParts.map((parts) => (parts.length > 0 ? `?${parts.join('&')}` : '')),
);
const hash = fc.oneof(
  fc.constant(''),
  hostileString.map((f) => `#${f}`),
);
const http = fc.constantFrom('https://', 'http://', 'HTTPS://');
const bucket = fc.oneof(
  fc.constantFrom('av-clean', 'av-quarantine', 'evil', 'AV-CLEAN', 'av-clean.'),
  hostileString,
);
/** URLs in every storage form detection knows, with hostile parts, and anything else. */
const url = fc.oneof(
  fc
    .tuple(
      http,
      fc.constantFrom(
        'api.mypurecloud.com',
        'api-downloads.mypurecloud.ie',
        'API.MYPURECLOUD.COM',
        'api.mypurecloud.com:8443',
        'api.mypurecloud.com.evil.com',
      ),
      fc.oneof(fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/), hostileString),
      fc.constantFrom('', '/', '//'),
      query,
      hash,
    )
    .map(([scheme, host, id, slash, q, h]) => `${scheme}${host}/api/v2/downloads/${id}${slash}${q}${h}`),
  fc
    .tuple(
      http,
      bucket,
      fc.constantFrom(
        '.s3.amazonaws.com',
        '.s3.eu-west-1.amazonaws.com',
        '.s3-eu-west-1.amazonaws.com',
        '.s3.dualstack.us-east-1.amazonaws.com',
      ),
      keyish,
      query,
      hash,
    )
    .map(([scheme, b, suffix, key, q, h]) => `${scheme}${b}${suffix}/${key}${q}${h}`),
  fc
    .tuple(
      http,
      fc.constantFrom('s3.amazonaws.com', 's3.eu-west-1.amazonaws.com', s3Host, 'minio.local:9001'),
      bucket,
      keyish,
      query,
      hash,
    )
    .map(([scheme, host, b, key, q, h]) => `${scheme}${host}/${b}/${key}${q}${h}`),
  fc
    .tuple(fc.constantFrom('s3://', 'S3://'), bucket, keyish)
    .map(([scheme, b, key]) => `${scheme}${b}/${key}`),
  fc
    .tuple(
      fc.constantFrom(
        'https://viewer.example.com/ref/',
        'HTTPS://VIEWER.example.com/ref/',
        'https://viewer.example.com/REF/',
        'https://viewer.example.com.evil.com/ref/',
      ),
      keyish,
      query,
      hash,
    )
    .map(([base, key, q, h]) => `${base}${key}${q}${h}`),
  fc
    .tuple(
      fc.constantFrom(...schemes),
      fc.oneof(fc.constantFrom(...hosts), hostileString),
      fc.constantFrom(...pathPrefixes),
      keyish,
      query,
      hash,
    )
    .map(([scheme, host, prefix, key, q, h]) => `${scheme}${host}${prefix}${key}${q}${h}`),
);
const value = fc.oneof(url, keyish, hostileString);
const text = fc
  .array(
    fc.oneof(
      url,
      hostileString,
      fc
        .tuple(
          fc.constantFrom('S3_FILE_UPLOADED', 's3_file_uploaded', 'XS3_FILE_UPLOADED'),
          fc.constantFrom(':', '=', ' : ', ':\n'),
          value,
        )
        .map(([m, sep, v]) => `${m}${sep}${v}`),
      fc.constantFrom(' ', '\n', '. ', ') ', '"', '<'),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));
const attributeValue = fc.oneof(
  value,
  fc.array(fc.oneof(value, fc.jsonValue({ maxDepth: 1 })), { maxLength: 4 }).map((vs) => JSON.stringify(vs)),
  fc.array(value, { maxLength: 3 }).map((vs) => ` ${JSON.stringify(vs)}`),
  fc.anything({ maxDepth: 1 }),
);
const attributes = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      ...defaultDetectionRules.attributeNames,
      'ATTACHMENTKEY',
      'fileurl',
      '__proto__',
      'constructor',
    ),
    fc.string({ maxLength: 8 }),
  ),
  attributeValue,
  { maxKeys: 4 },
);
const maybe = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: arb as fc.Arbitrary<unknown> }, fc.anything({ maxDepth: 2 }));
const time = fc.oneof(
  fc
    .date({ noInvalidDate: true, min: new Date('2020-01-01'), max: new Date('2030-01-01') })
    .map((d) => d.toISOString()),
  hostileString,
);
const media = fc.record(
  {
    url: maybe(value),
    name: maybe(hostileString),
    mediaType: maybe(fc.constantFrom('image/png', 'text/html', 'application/pdf ', 'x', '')),
    contentLengthBytes: maybe(fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 60))),
  },
  { requiredKeys: [] },
);
const messageDetails = fc.record(
  {
    messageId: maybe(hostileString),
    messageTime: maybe(time),
    media: maybe(fc.array(maybe(media), { maxLength: 3 })),
  },
  { requiredKeys: [] },
);
const participant = fc.record(
  {
    purpose: maybe(fc.constantFrom('customer', 'agent', 'external', 'workflow', 'acd', 'CUSTOMER')),
    address: maybe(hostileString),
    userId: maybe(hostileString),
    startTime: maybe(time),
    attributes: maybe(attributes),
    messages: maybe(
      fc.array(
        fc.oneof(
          fc.record({ messages: maybe(fc.array(maybe(messageDetails), { maxLength: 3 })) }),
          messageDetails,
        ),
        { maxLength: 3 },
      ),
    ),
  },
  { requiredKeys: [] },
);
const contentItem = fc.record(
  {
    contentType: maybe(fc.constantFrom('Attachment', 'attachment', 'Story', 'STORY', 'Text', 'x')),
    attachment: maybe(
      fc.record(
        {
          url: maybe(value),
          filename: maybe(hostileString),
          mime: maybe(fc.constantFrom('image/jpeg', 'application/pdf', 'text/html', 'bad type')),
          contentSizeBytes: maybe(fc.integer()),
          text: maybe(hostileString),
          sha256: maybe(hostileString),
        },
        { requiredKeys: [] },
      ),
    ),
    story: maybe(fc.record({ url: maybe(value) }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);
const bulkMessage = fc.record(
  {
    id: maybe(hostileString),
    timestamp: maybe(time),
    direction: maybe(fc.constantFrom('inbound', 'outbound', 'Inbound', 'x')),
    createdBy: maybe(fc.constantFrom({ id: 'u' }, null)),
    normalizedMessage: maybe(
      fc.record(
        {
          content: maybe(fc.array(maybe(contentItem), { maxLength: 3 })),
          text: maybe(text),
          metadata: maybe(attributes),
          originatingEntity: maybe(fc.constantFrom('Bot', 'Human', 'x')),
        },
        { requiredKeys: [] },
      ),
    ),
    media: maybe(fc.array(maybe(media), { maxLength: 2 })),
    textBody: maybe(text),
  },
  { requiredKeys: [] },
);
const email = fc.record(
  {
    id: maybe(hostileString),
    time: maybe(time),
    from: maybe(fc.record({ email: maybe(hostileString) }, { requiredKeys: [] })),
    attachments: maybe(
      fc.array(
        fc.record(
          {
            contentUri: maybe(value),
            contentPath: maybe(value),
            name: maybe(hostileString),
            contentType: maybe(fc.constantFrom('application/pdf', 'image/svg+xml', '')),
            contentLength: maybe(fc.integer()),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    ),
  },
  { requiredKeys: [] },
);
const recording = fc.record(
  {
    messagingTranscript: maybe(
      fc.array(
        fc.record(
          {
            id: maybe(hostileString),
            timestamp: maybe(time),
            fromUser: maybe(fc.constantFrom({ id: 'u' }, null, undefined)),
            fromExternalContact: maybe(fc.constantFrom({ id: 'c' }, null)),
            purpose: maybe(fc.constantFrom('customer', 'agent')),
            messageText: maybe(text),
            messageMediaAttachments: maybe(fc.array(maybe(media), { maxLength: 2 })),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    ),
    emailTranscript: maybe(fc.array(maybe(email), { maxLength: 2 })),
  },
  { requiredKeys: [] },
);
const conversationData: fc.Arbitrary<ConversationData> = fc
  .record(
    {
      conversationId: fc.oneof(fc.uuid(), hostileString),
      conversation: maybe(
        fc.record(
          { participants: maybe(fc.array(maybe(participant), { maxLength: 3 })) },
          { requiredKeys: [] },
        ),
      ),
      messages: maybe(fc.array(maybe(bulkMessage), { maxLength: 4 })),
      emails: maybe(fc.array(maybe(email), { maxLength: 2 })),
      recordings: maybe(fc.array(maybe(recording), { maxLength: 2 })),
    },
    { requiredKeys: ['conversationId'] },
  )
  .map((d) => d as ConversationData);

/** Every string in a value (keys too), and the string elements of strings that are JSON arrays. */
function stringsIn(value: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') {
    out.push(value);
    const t = value.trim();
    if (t.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(t);
        if (Array.isArray(parsed)) for (const p of parsed) if (typeof p === 'string') out.push(p);
      } catch {
        // not JSON
      }
    }
    return out;
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return out;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'string') out.push(key);
    stringsIn((value as Record<string | symbol, unknown>)[key], out, seen);
  }
  return out;
}

/**
 * Percent-decodes every well-formed UTF-8 escape sequence of a string and leaves the rest as it is,
 * so that any substring detection decoded once (with decodeURIComponent, which needs every escape of
 * that substring well formed) appears decoded, identically, in the result.
 */
function looseDecode(s: string): string {
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    let out = '';
    let i = 0;
    while (i < run.length) {
      const lead = Number.parseInt(run.slice(i + 1, i + 3), 16);
      const n =
        lead < 0x80
          ? 1
          : lead >= 0xc2 && lead < 0xe0
            ? 2
            : lead >= 0xe0 && lead < 0xf0
              ? 3
              : lead >= 0xf0 && lead < 0xf5
                ? 4
                : 0;
      if (n > 0 && i + 3 * n <= run.length) {
        try {
          out += decodeURIComponent(run.slice(i, i + 3 * n));
          i += 3 * n;
          continue;
        } catch {
          // not a well-formed sequence: keep its first escape literally
        }
      }
      out += run.slice(i, i + 3);
      i += 3;
    }
    return out;
  });
}

/**
 * How a reference could fail "detection never returns a location that is not in its input". A
 * location passes when every part of it is derivable from one string of the input (a string value or
 * key, or an element of a string that is a JSON array, as attribute values may be):
 *  - a key (store, proxy, S3) appears in such a string as written, or with its percent-escapes
 *    decoded once (S3's own semantics; detection decodes exactly once);
 *  - an S3 bucket is one the rules name (for URLs, and the bare-key bucket for bare keys);
 *  - a Genesys download id appears as written, and its host appears (case-insensitively), or, for a
 *    download named by an API path, that path appears;
 *  - an external URL's part before "?" appears as written, each query parameter it kept appears in
 *    that same string, and none of them is a signature or credential parameter.
 * Besides: the id is the hash of the conversation and location, ids are unique, and the display
 * name has no control or bidi characters, no path, and at most 255 characters.
 */
function derivationProblems(data: ConversationData, rules: DetectionRules, refs: AttachmentRef[]): string[] {
  const strings = stringsIn(data);
  const decoded = strings.map(looseDecode);
  const lower = strings.map((s) => s.toLowerCase());
  const problems: string[] = [];
  const inInput = (part: string) => strings.some((s) => s.includes(part));
  const keyInInput = (key: string) => inInput(key) || decoded.some((s) => s.includes(key));
  const buckets = [...rules.s3Buckets, ...(rules.bareKeys.kind === 's3' ? [rules.bareKeys.bucket] : [])];
  const ids = new Set<string>();
  for (const ref of refs) {
    const where = JSON.stringify(ref.location);
    const location: AttachmentLocation = ref.location;
    switch (location.kind) {
      case 'store':
      case 'proxy':
        if (!keyInInput(location.key)) problems.push(`key not in input: ${where}`);
        break;
      case 's3':
        if (!keyInInput(location.key)) problems.push(`key not in input: ${where}`);
        if (!buckets.includes(location.bucket)) problems.push(`bucket not configured: ${where}`);
        break;
      case 'genesys':
        if (!inInput(location.downloadId)) problems.push(`download id not in input: ${where}`);
        // A download named by a path on the API (an email's relative contentPath) has no host of its
        // own: the reader's API host serves it (core/location-parser.ts).
        if (location.host === RELATIVE_DOWNLOAD_HOST) {
          if (!inInput(`/api/v2/downloads/${location.downloadId}`))
            problems.push(`relative download path not in input: ${where}`);
        } else if (!lower.some((s) => s.includes(location.host)))
          problems.push(`host not in input: ${where}`);
        break;
      case 'external': {
        const q = location.url.indexOf('?');
        const base = q < 0 ? location.url : location.url.slice(0, q);
        const kept = q < 0 ? [] : location.url.slice(q + 1).split('&');
        if (!strings.some((s) => s.includes(base) && kept.every((p) => s.includes(p))))
          problems.push(`external URL not in input: ${where}`);
        for (const pair of kept) {
          const name = looseDecode(pair.split('=', 1)[0] ?? '').toLowerCase();
          if (SECRET_NAMES.some((n) => n.toLowerCase() === name)) problems.push(`secret kept: ${where}`);
        }
        break;
      }
    }
    if (ref.id !== referenceId(ref.conversationId, ref.location))
      problems.push(`id is not the location's: ${where}`);
    if (ids.has(ref.id)) problems.push(`duplicate id: ${where}`);
    ids.add(ref.id);
    if (/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069/\\]/.test(ref.fileName))
      problems.push(`unsafe file name ${JSON.stringify(ref.fileName)}`);
    if ([...ref.fileName].length > 255 || ref.fileName === '' || /^\.+$/.test(ref.fileName))
      problems.push(`bad file name length or dots: ${JSON.stringify(ref.fileName)}`);
  }
  return problems;
}

describe('detection, fuzzed with Platform-API-shaped conversations', () => {
  it('never throws and never returns a location that is not in its input', () => {
    let references = 0;
    let runs = 0;
    const kinds: Record<string, number> = {};
    fc.assert(
      fc.property(conversationData, fc.constantFrom(...rulesVariants), (data, rules) => {
        runs++;
        const refs = detectAttachments(data, rules);
        references += refs.length;
        for (const r of refs) kinds[r.location.kind] = (kinds[r.location.kind] ?? 0) + 1;
        expect(derivationProblems(data, rules, refs)).toEqual([]);
        // The same input gives the same answer (the widget and the proxy must agree).
        expect(detectAttachments(data, rules)).toEqual(refs);
      }),
      { numRuns: numRuns(3_000) },
    );
    console.info(JSON.stringify({ figure: 'fuzz detection', runs, references, kinds }));
    // The generator does reach every kind of location, or the property would prove little.
    for (const kind of ['store', 'proxy', 's3', 'genesys', 'external'])
      expect(kinds[kind] ?? 0).toBeGreaterThan(20);
  }, 120_000);

  it('finds exactly the planted keys when the hostile strings sit in the places detection reads', () => {
    // A guard on the checker itself: a location detection invents must be caught by it.
    const data: ConversationData = {
      conversationId: 'c1',
      // Only the field detection reads: a payload missing what the model requires must work too.
      messages: [
        { normalizedMessage: { text: 'see S3_FILE_UPLOADED:claims/a%2Fb.pdf' } },
      ] as unknown as NonNullable<ConversationData['messages']>,
    };
    const refs = detectAttachments(data, rulesVariants[0] as DetectionRules);
    expect(refs.map((r) => r.location)).toEqual([{ kind: 'store', key: 'claims/a%2Fb.pdf' }]);
    expect(derivationProblems(data, rulesVariants[0] as DetectionRules, refs)).toEqual([]);
    const invented: AttachmentRef = {
      ...(refs[0] as AttachmentRef),
      location: { kind: 'store', key: 'claims/other.pdf' },
    };
    invented.id = referenceId('c1', invented.location);
    expect(derivationProblems(data, rulesVariants[0] as DetectionRules, [invented])).toEqual([
      'key not in input: {"kind":"store","key":"claims/other.pdf"}',
    ]);
  });
});

describe("the independent probe's inputs (issue #15)", () => {
  it('answers each of them as docs/security.md now says, hundreds of times, without a 500 or a crash', async () => {
    const genuineStore = new URL(await mint(notes));
    const genuineRelay = await mint(policy);
    const size = (await sampleBytes(notes)).length;
    const alice = stack.tokens.alice;
    const quinn = stack.tokens.quinn;
    const exp = genuineStore.searchParams.get('exp') ?? '';
    const storeWith = (change: (url: URL) => void) => {
      const url = new URL(genuineStore);
      change(url);
      return url.pathname + url.search;
    };
    const store =
      (path: string, headers: Record<string, string> = {}) =>
      async () => {
        const r = await httpRequest(`${proxy.url}${path}`, { headers });
        return { status: r.status, text: JSON.stringify(r.headers) + r.body.toString('latin1') };
      };
    const relayPath = new URL(genuineRelay).pathname;
    const cases: Case[] = [
      ...[
        [quinn, alice],
        [alice, quinn],
        [alice, 'x'],
      ].map(([first, second]) => ({
        name: 'two Authorization headers',
        expect: [400],
        send: raw(
          'GET /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n' +
            `Authorization: Bearer ${first}\r\nAuthorization: Bearer ${second}\r\n\r\n`,
        ),
      })),
      ...[`0x${Number(exp).toString(16)}`, `+${exp}`, `${exp}.0`, `${exp}e0`, `0${exp}`, `${exp} `].map(
        (spelling) => ({
          name: `exp spelled ${JSON.stringify(spelling)}`,
          expect: [403],
          send: store(storeWith((u) => u.searchParams.set('exp', spelling))),
        }),
      ),
      {
        name: 'the key percent-encoded otherwise',
        expect: [403],
        send: store(storeWith((u) => (u.pathname = u.pathname.replace('notes.txt', '%6Eotes.txt')))),
      },
      {
        name: 'an unsatisfiable Range on /files',
        expect: [416],
        send: store(genuineStore.pathname + genuineStore.search, { range: `bytes=${size}-` }),
      },
      {
        name: 'an unsatisfiable Range on /relay',
        expect: [416],
        send: store(relayPath, { range: 'bytes=99999999-' }),
      },
    ];
    const answers = await replay(cases, 30);
    const wrong = answers.filter((a) => !a.c.expect.includes(a.status));
    console.info(
      JSON.stringify({
        figure: 'probe inputs',
        cases: cases.length,
        requests: answers.length,
        statuses: tally(answers, (a) => String(a.status)),
      }),
    );
    expect(tally(wrong, (a) => `${a.c.name}: ${a.status}`)).toEqual({});
    // A 416 always names the size; nothing refused ever carried the file.
    for (const a of answers.filter((x) => x.status === 416))
      expect(a.text).toMatch(/"content-range":"bytes \*\/\d+"/);
    expect(answers.some((a) => a.status !== 416 && a.text.includes('Notes from the customer'))).toBe(false);
    // The health answers say nothing about dependencies, with the API's headers.
    const readyz = await httpRequest(`${proxy.url}/readyz`);
    expect(JSON.parse(readyz.body.toString())).toEqual({ status: 'ready' });
    expect(readyz.headers['x-content-type-options']).toBe('nosniff');
    await expectAlive();
  }, 90_000);
});
