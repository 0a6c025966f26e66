// docs/security.md rules 3, 4, 9 and 12, the parts no other test proved: a token's cached approval
// ends when Genesys would idle the token out, the OAuth client pin, the Referrer-Policy of API answers
// and the widget page's CSP directive by directive, and file contents never reaching the logs or the
// audit trail. One stack: the sandbox org, and a proxy whose store is a copy of the sample store with
// a random marker written into its files.
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOAuthClientId, sampleOrgDir } from '../../sandbox/sample-data/manifest.ts';
import {
  type SampleAttachment,
  sampleAttachment,
  sampleAttachments,
  sampleBytes,
} from '../../sandbox/sample-data/sample-attachments.ts';
import { conversationIds, type Stack, type StackProxy, startStack } from '../../scripts/local-stack/stack.ts';
import { mintedLink, mintLink } from '../support/mint.ts';

/** Written into every text-like file of the store copy: it must never appear in a log line. */
const marker = `file-content-marker-${randomBytes(12).toString('hex')}`;

let stack: Stack;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'av-security-rules-'));
  const storeDir = join(root, 'store');
  await cp(join(sampleOrgDir, 'store'), storeDir, { recursive: true });
  // Same keys, same scan sidecars, so the sample conversation still references them; only the bytes
  // change, each kind of file keeping what it is (the JSON is malformed on purpose: a parse error
  // whose message quotes its input must not reach a log either).
  const files = join(storeDir, 'claims', '2026');
  await writeFile(join(files, 'notes.txt'), `Notes from the customer portal\n\n- ${marker}\n`);
  await writeFile(join(files, 'estimate.csv'), `item,cost\nbumper ${marker},420\n`);
  await writeFile(join(files, 'vehicle.json'), `{"vin": "${marker}", "make": `);
  await writeFile(
    join(files, 'saved-page.html'),
    `<!doctype html><html><body><p>${marker}</p></body></html>\n`,
  );
  await writeFile(
    join(files, 'diagram.svg'),
    `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>${marker}</text></svg>\n`,
  );
  await writeFile(join(files, 'eicar-test.txt'), `infected sample ${marker}\n`);
  // A stand-in for the built widget, so the proxy serves its page with the widget's headers.
  const widgetDir = join(root, 'widget');
  await mkdir(join(widgetDir, 'assets'), { recursive: true });
  await writeFile(
    join(widgetDir, 'index.html'),
    '<!doctype html><script type="module" src="./assets/app.js"></script>',
  );
  await writeFile(join(widgetDir, 'assets', 'app.js'), 'export {};\n');
  stack = await startStack({ widgetDir, proxyOverrides: { STORE_DIR: storeDir } });
});

afterAll(async () => {
  await stack?.stop();
  if (root) await rm(root, { recursive: true, force: true });
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

/** Parses a CSP header into its directives and their sources (names lower-cased, sources as sent). */
function parseCsp(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    // The first occurrence counts (CSP 3); a repeated directive would be a bug of its own.
    expect(directives.has(name.toLowerCase()), `directive ${name} given twice`).toBe(false);
    directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

describe('rule 9: response headers', () => {
  it('sends Referrer-Policy: no-referrer on every API answer, successes and errors alike', async () => {
    const notes = sampleAttachment(conversationIds.openMessagingStore, 'notes.txt');
    const answers = [
      await stack.request('/api/v1/session', { token: stack.tokens.alice }),
      await stack.request('/api/v1/config', { token: stack.tokens.alice }),
      await stack.request(`/api/v1/conversations/${conversationIds.openMessagingStore}/attachments`, {
        token: stack.tokens.alice,
      }),
      await mintLink(stack, notes),
      await stack.request('/api/v1/session'),
      await stack.request('/api/v1/session', { token: stack.tokens.mallory }),
      await mintLink(stack, { conversationId: conversationIds.openMessagingStore, id: 'f'.repeat(24) }),
      await stack.request('/api/v1/no-such-route', { token: stack.tokens.alice }),
      await stack.request('/widget-config.json'),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 401, 403, 403, 404, 200]);
    for (const answer of answers) expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
  });

  describe('the widget page', () => {
    let widget: StackProxy;
    const extra = 'http://127.0.0.1:8082';

    beforeAll(async () => {
      widget = await stack.startProxy({
        GENESYS_REGIONS: 'mypurecloud.com,mypurecloud.ie',
        EXTRA_FRAME_ANCESTORS: extra,
      });
    });

    it('may be framed only by the configured https://apps.<tld> origins and EXTRA_FRAME_ANCESTORS', async () => {
      for (const path of ['/', '/index.html', '/assets/app.js']) {
        const page = await widget.request(path);
        expect(page.status, path).toBe(200);
        // X-Frame-Options cannot list origins: with it, Genesys could not frame the widget at all.
        expect(page.headers.get('x-frame-options'), path).toBeNull();
        expect(page.headers.get('content-security-policy-report-only'), path).toBeNull();
        const csp = parseCsp(page.headers.get('content-security-policy') ?? '');
        expect(csp.get('frame-ancestors'), path).toEqual([
          'https://apps.mypurecloud.com',
          'https://apps.mypurecloud.ie',
          extra,
        ]);
      }
    });

    it('has a CSP with no eval, no inline or foreign script, no plugins, no base or form targets', async () => {
      const page = await widget.request('/');
      const csp = parseCsp(page.headers.get('content-security-policy') ?? '');
      // Everything not listed falls back to nothing.
      expect(csp.get('default-src')).toEqual(["'none'"]);
      // Scripts: this origin only, and WebAssembly compilation for pdf.js's decoders; never eval,
      // inline script, nonces or hashes (which would let inline script in), other origins or schemes.
      expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(csp.has('script-src-elem')).toBe(false);
      expect(csp.has('script-src-attr')).toBe(false);
      expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
      for (const name of ['object-src', 'base-uri', 'form-action'])
        expect(csp.get(name), name).toEqual(["'none'"]);
      expect(csp.get('frame-src')).toEqual(["'self'", 'blob:']);
      // Origins the page may reach: itself and the Genesys org (here the sandbox), no S3 configured.
      expect(csp.get('connect-src')).toEqual([
        "'self'",
        stack.sandboxUrl,
        stack.sandboxUrl.replace(/^http/, 'ws'),
      ]);
      for (const [name, sources] of csp) {
        // No wildcard and no bare scheme that would allow any host of it.
        for (const source of sources) {
          expect(source, `${name} ${source}`).not.toContain('*');
          expect(['http:', 'https:', 'ws:', 'wss:'], `${name} ${source}`).not.toContain(source.toLowerCase());
        }
        expect(sources, name).not.toContain("'unsafe-eval'");
        expect(sources, name).not.toContain("'unsafe-hashes'");
        if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'");
        if (name !== 'img-src' && name !== 'font-src') expect(sources, name).not.toContain('data:');
      }
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    });
  });
});

/**
 * The forms a file's bytes would take in a JSON log line: as text (when printable), hex, base64 at
 * each alignment, and the decimal list of a serialized Buffer or Uint8Array (`"data":[1,2]`,
 * `{"0":1,"1":2}`; see `flattened` below for the latter).
 */
function contentTraces(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString('latin1');
  const traces = [Buffer.from(bytes).toString('hex'), [...bytes].join(',')];
  if (/^[\x20-\x7e]+$/.test(text)) traces.push(text, JSON.stringify(text).slice(1, -1));
  for (let skip = 0; skip < 3; skip++) {
    // Whole base64 quanta only, so the trace does not depend on the bytes around it.
    const aligned = bytes.subarray(skip, skip + Math.floor((bytes.length - skip) / 3) * 3);
    traces.push(Buffer.from(aligned).toString('base64'), Buffer.from(aligned).toString('base64url'));
  }
  return traces;
}

describe('rule 12: file contents never reach the logs', () => {
  const stored = sampleAttachments(conversationIds.openMessagingStore).filter(
    (a) => a.location.kind === 'store',
  );
  const hosted = [
    sampleAttachment(conversationIds.webMessaging, 'policy-document.pdf'),
    sampleAttachment(conversationIds.email, 'accident-report.pdf'),
  ];

  /** Lists, links (inline and as a download) and fetches `attachment` whole and in ranges; answers what was served. */
  async function exercise(attachment: SampleAttachment): Promise<Uint8Array[]> {
    const served: Uint8Array[] = [];
    const first = await mintLink(stack, attachment);
    if (first.status !== 200) return served;
    for (const disposition of ['inline', 'attachment'] as const) {
      const link = await mintedLink(stack, attachment, { disposition });
      for (const range of [undefined, 'bytes=0-99', 'bytes=-40', 'bytes=999999-']) {
        const file = await stack.request(link.url, range ? { headers: { range } } : {});
        if (file.status === 200 || file.status === 206) served.push(file.bytes);
      }
    }
    return served;
  }

  it('never writes a served file’s bytes to the proxy log or the audit trail', async () => {
    const logLinesBefore = stack.logLines.length;
    const listing = await stack.request(
      `/api/v1/conversations/${conversationIds.openMessagingStore}/attachments`,
      { token: stack.tokens.alice },
    );
    expect(listing.status).toBe(200);
    const servedStore: Uint8Array[] = [];
    for (const attachment of stored) servedStore.push(...(await exercise(attachment)));
    // The marker really went out in file bytes, through links, several files' worth.
    const markedServes = servedStore.filter((b) => Buffer.from(b).includes(marker));
    expect(markedServes.length).toBeGreaterThanOrEqual(8);

    // Genesys-hosted files, relayed: their own bytes are the marker, from the first 4,100 bytes the
    // proxy reads to sniff (most at risk of a log) and from further in.
    const traces = contentTraces(Buffer.from(marker));
    for (const attachment of hosted) {
      const served = await exercise(attachment);
      expect(served.length).toBeGreaterThan(0);
      const bytes = await sampleBytes(attachment);
      for (const offset of [16, 200, Math.floor(bytes.length / 2), bytes.length - 48]) {
        traces.push(...contentTraces(bytes.subarray(offset, offset + 32)));
      }
    }
    // A relay whose Genesys file fetch fails: an error path, with the bytes' link in hand.
    const relayLink = await mintedLink(stack, hosted[0] as SampleAttachment);
    stack.control.setFault('downloads.file', { status: 503 });
    try {
      expect((await stack.request(relayLink.url)).status).toBe(503);
    } finally {
      stack.control.clearFaults();
    }

    expect(stack.logLines.length).toBeGreaterThan(logLinesBefore);
    // Every proxy of the stack (those of the other rules too) audits into its own folder.
    const audit = JSON.stringify(await stack.auditRecords());
    expect(audit).toContain('file.served');
    const everything = [...stack.logLines, audit].join('\n');
    // A Uint8Array is written as {"0":37,"1":80,...}: without its indices it is a decimal list.
    const flattened = everything.replace(/"\d+":(\d+)/g, '$1');
    expect(traces.filter((t) => everything.includes(t) || flattened.includes(t))).toEqual([]);
  });
});
