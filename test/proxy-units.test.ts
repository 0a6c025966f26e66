import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageKeyProblem } from '../core/storage-key.ts';
import { AuditLog } from '../proxy/audit/audit-log.ts';
import { bearerToken } from '../proxy/auth/bearer-token.ts';
import { SingleFlight } from '../proxy/cache/single-flight.ts';
import { parseConfig } from '../proxy/config/config-schema.ts';
import { ProxyError } from '../proxy/errors.ts';
import { retryAfterSeconds } from '../proxy/genesys/retry-after.ts';
import { decideContent, sniff } from '../proxy/links/content-policy.ts';
import { readBodyHead } from '../proxy/storage/genesys-download/download-fetch.ts';
import { RelaySealer } from '../proxy/storage/genesys-download/relay-sealer.ts';
import { LinkSigner, type SignedFields } from '../proxy/storage/link-signer.ts';
import { LocalStoreBackend } from '../proxy/storage/local-store/local-store-backend.ts';

const key = (id: string, fill: number) => ({ id, secret: Buffer.alloc(32, fill) });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ProxyError ? `${error.status} ${error.code}` : String(error);
  }
  return undefined;
}

describe('bearerToken', () => {
  it('accepts one RFC 6750 token with a case-insensitive scheme', () => {
    expect(bearerToken('Bearer abc.DEF-123_~+/==')).toBe('abc.DEF-123_~+/==');
    expect(bearerToken('bearer abc')).toBe('abc');
  });

  it.each([
    ['missing', undefined],
    ['empty bearer', 'Bearer '],
    ['two tokens', 'Bearer a b'],
    ['basic', 'Basic eDp5'],
    ['non-ASCII', 'Bearer tökén'],
    ['CR/LF', 'Bearer abc\r\nX-Evil: 1'],
    ['5 KB token', `Bearer ${'a'.repeat(5_000)}`],
  ])('refuses %s with 401', (_name, header) => {
    expect(codeOf(() => bearerToken(header))).toBe('401 unauthenticated');
  });
});

describe('storageKeyProblem', () => {
  it.each([
    ['conv1/../conv2/f.pdf', 'dot-segment'],
    ['a/\uff0e\uff0e/b', 'dot-segment'],
    ['./x', 'dot-segment'],
    ['a//b', 'empty-segment'],
    ['/abs', 'empty-segment'],
    ['a\u0000b', 'control-character'],
    ['a\nb', 'control-character'],
    ['a\\..\\b', 'backslash'],
    ['k'.repeat(1025), 'too-long'],
    ['', 'empty'],
  ])('refuses %j (%s)', (k, problem) => {
    expect(storageKeyProblem(k)).toBe(problem);
  });

  it('accepts ordinary keys, unicode included', () => {
    expect(storageKeyProblem('claims/2026/Überweisung März.pdf')).toBeUndefined();
    expect(storageKeyProblem('a/..b/c...d')).toBeUndefined();
  });
});

describe('LinkSigner', () => {
  const fields: SignedFields = {
    key: 'a/b.pdf',
    expires: 2_000_000_000,
    disposition: 'inline',
    contentType: 'application/pdf',
    fileName: 'b.pdf',
  };
  const signer = new LinkSigner([key('k1', 1)], 'store');

  it('verifies its own signature and nothing that differs in any field', () => {
    const { keyId, signature } = signer.sign(fields);
    expect(signer.verify(fields, keyId, signature, 1_000)).toBe(true);
    for (const changed of [
      { key: 'a/c.pdf' },
      { expires: fields.expires + 1 },
      { disposition: 'attachment' as const },
      { contentType: 'text/html' },
      { fileName: 'c.pdf' },
    ])
      expect(signer.verify({ ...fields, ...changed }, keyId, signature, 1_000)).toBe(false);
  });

  it('refuses flipped, truncated, wrong-length, expired and retired-key signatures', () => {
    const { keyId, signature } = signer.sign(fields);
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    expect(signer.verify(fields, keyId, flipped, 1_000)).toBe(false);
    expect(signer.verify(fields, keyId, signature.slice(0, -1), 1_000)).toBe(false);
    expect(signer.verify(fields, keyId, `${signature}AA`, 1_000)).toBe(false);
    expect(signer.verify(fields, keyId, signature, fields.expires + 1)).toBe(false);
    expect(new LinkSigner([key('k2', 2)], 'store').verify(fields, keyId, signature, 1_000)).toBe(false);
  });

  it('keeps verifying links signed with an older key after rotation', () => {
    const old = signer.sign(fields);
    const rotated = new LinkSigner([key('k2', 2), key('k1', 1)], 'store');
    expect(rotated.verify(fields, old.keyId, old.signature, 1_000)).toBe(true);
    expect(rotated.sign(fields).keyId).toBe('k2');
  });

  it('never accepts a signature made for another purpose', () => {
    const { keyId, signature } = new LinkSigner([key('k1', 1)], 'other').sign(fields);
    expect(signer.verify(fields, keyId, signature, 1_000)).toBe(false);
  });
});

describe('RelaySealer', () => {
  const sealer = new RelaySealer([key('k1', 3)]);
  const ticket = {
    url: 'http://127.0.0.1:1/x',
    contentType: 'image/png',
    disposition: 'inline' as const,
    fileName: 'x.png',
    expires: 2_000_000_000,
  };

  it('opens what it sealed and hides the upstream URL', () => {
    const sealed = sealer.seal(ticket);
    expect(sealed).not.toContain('127.0.0.1');
    expect(sealer.open(sealed, 1_000)).toEqual(ticket);
  });

  it('refuses tampered, truncated, unknown-key and expired tickets', () => {
    const sealed = sealer.seal(ticket);
    const i = sealed.length - 5;
    expect(
      sealer.open(sealed.slice(0, i) + (sealed[i] === 'A' ? 'B' : 'A') + sealed.slice(i + 1), 1_000),
    ).toBeUndefined();
    expect(sealer.open(sealed.slice(0, 20), 1_000)).toBeUndefined();
    expect(new RelaySealer([key('k2', 4)]).open(sealed, 1_000)).toBeUndefined();
    expect(sealer.open(sealed, ticket.expires + 1)).toBeUndefined();
    expect(sealer.open('garbage', 1_000)).toBeUndefined();
  });
});

describe('content policy', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n');
  const png = Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0,
    1, 8, 2, 0, 0, 0,
  ]);
  const text = (s: string) => new TextEncoder().encode(s);

  it('trusts the bytes over the declared type and reports the disagreement', async () => {
    const sniffed = await sniff(png, 'application/pdf', 'invoice.pdf');
    expect(sniffed).toBe('image/png');
    expect(decideContent(sniffed, 'application/pdf', 'inline')).toMatchObject({
      contentType: 'image/png',
      typeMismatch: true,
      previewKind: 'image',
    });
    expect(
      decideContent(await sniff(pdf, 'application/pdf', 'a.pdf'), 'application/pdf', 'inline'),
    ).toMatchObject({
      previewKind: 'pdf',
      typeMismatch: false,
    });
  });

  it('never serves HTML, SVG, XML or script inline as themselves', async () => {
    const html = await sniff(text('<!DOCTYPE html><script>alert(1)</script>'), 'text/plain', 'a.txt');
    expect(html).toBe('text/html');
    expect(decideContent(html, 'text/plain', 'inline')).toMatchObject({
      contentType: 'text/plain; charset=utf-8',
      disposition: 'inline',
    });
    expect(decideContent(html, undefined, 'attachment')).toMatchObject({
      contentType: 'application/octet-stream',
      disposition: 'attachment',
    });
    const svg = await sniff(
      text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
      'image/png',
      'a.png',
    );
    expect(decideContent(svg, undefined, 'inline')).toMatchObject({
      contentType: 'image/svg+xml',
      disposition: 'attachment',
    });
    expect(
      decideContent(await sniff(text('alert(1)'), 'application/javascript', 'x.js'), undefined, 'inline')
        .contentType,
    ).toBe('text/plain; charset=utf-8');
  });

  it('recognises CSV, JSON and plain text, and downloads unknown binaries', async () => {
    expect(
      decideContent(await sniff(text('a,b\n1,2\n'), 'text/csv', 't.csv'), 'text/csv', 'inline').previewKind,
    ).toBe('csv');
    expect(await sniff(text('{"a":1}'), undefined, 'x.json')).toBe('application/json');
    expect(await sniff(text('hello'), undefined, 'x')).toBe('text/plain');
    const binary = await sniff(Uint8Array.from([0, 1, 2, 3, 255]), undefined, 'x.bin');
    expect(decideContent(binary, undefined, 'inline')).toMatchObject({
      contentType: 'application/octet-stream',
      disposition: 'attachment',
    });
  });
});

describe('LocalStoreBackend.resolveKey', () => {
  let root: string;
  let outside: string;
  let store: LocalStoreBackend;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'av-store-'));
    outside = await mkdtemp(join(tmpdir(), 'av-outside-'));
    await mkdir(join(root, 'conv1'), { recursive: true });
    await writeFile(join(root, 'conv1', 'f.pdf'), '%PDF-1.4');
    await writeFile(join(outside, 'secret.txt'), 'secret');
    await symlink(join(outside, 'secret.txt'), join(root, 'conv1', 'escape.txt'));
    store = new LocalStoreBackend({
      dir: root,
      publicUrl: 'http://x',
      signer: new LinkSigner([key('k', 1)], 'store'),
      servesProxyLinks: true,
    });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('resolves a key to its file inside the root', async () => {
    await expect(store.resolveKey('conv1/f.pdf')).resolves.toMatch(/conv1\/f\.pdf$/);
  });

  it('refuses traversal, symlinks out of the root, sidecars and missing files', async () => {
    await expect(store.resolveKey('conv1/../conv1/f.pdf')).rejects.toMatchObject({ code: 'unsafe_key' });
    await expect(store.resolveKey('conv1/escape.txt')).rejects.toMatchObject({ code: 'unsafe_key' });
    await expect(store.resolveKey('conv1/f.pdf.scan.json')).rejects.toMatchObject({ code: 'unsafe_key' });
    await expect(store.resolveKey('conv1/nope.pdf')).rejects.toMatchObject({ code: 'file_gone' });
  });
});

describe('AuditLog', () => {
  it('writes one durable JSON line per record, batching concurrent records', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'av-audit-'));
    const log = new AuditLog(dir, 30, () => new Date('2026-11-21T10:00:00Z'));
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        log.record({ event: 'link.issued', requestId: `r${i}`, decision: 'allow' }),
      ),
    );
    await log.close();
    const lines = (await readFile(join(dir, 'audit-2026-11-21.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(50);
    expect(new Set(lines.map((l) => JSON.parse(l).requestId)).size).toBe(50);
    expect(log.written).toBe(50);
    await rm(dir, { recursive: true, force: true });
  });

  it('rejects the record when the log cannot be written, so no link is issued', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'av-audit-'));
    await writeFile(join(dir, 'blocked'), 'a file where the folder should be');
    const log = new AuditLog(join(dir, 'blocked'), 30);
    await expect(log.record({ event: 'link.issued', requestId: 'r', decision: 'allow' })).rejects.toThrow();
    await rm(dir, { recursive: true, force: true });
  });

  it('deletes daily files older than the retention period', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'av-audit-'));
    await writeFile(join(dir, 'audit-2020-01-01.jsonl'), '{}\n');
    await writeFile(join(dir, 'audit-2026-11-20.jsonl'), '{}\n');
    const log = new AuditLog(dir, 30, () => new Date('2026-11-21T10:00:00Z'));
    await log.record({ event: 'link.issued', requestId: 'r', decision: 'allow' });
    await log.close();
    await expect(readFile(join(dir, 'audit-2020-01-01.jsonl'))).rejects.toThrow();
    await expect(readFile(join(dir, 'audit-2026-11-20.jsonl'), 'utf8')).resolves.toBe('{}\n');
    await rm(dir, { recursive: true, force: true });
  });
});

describe('SingleFlight', () => {
  it('runs concurrent work for one key once, and again after it failed', async () => {
    const flights = new SingleFlight();
    let calls = 0;
    const work = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 10));
      throw new Error('upstream down');
    };
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => flights.run('k', work)));
    expect(calls).toBe(1);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    await flights.run('k', work).catch(() => undefined);
    expect(calls).toBe(2);
  });
});

describe('readBodyHead', () => {
  /** A body that never ends, as a download server that ignores Range sends a large file. */
  function endlessBody() {
    const seen = { pulls: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(64 * 1024).fill(seen.pulls++ % 251));
      },
      cancel() {
        seen.cancelled = true;
      },
    });
    return { response: new Response(body), seen };
  }

  it('reads the first bytes of a body that never ends, and cancels the rest', async () => {
    const { response, seen } = endlessBody();
    const head = await readBodyHead(response, 4_100, 5_000);
    expect(head).toEqual(new Uint8Array(4_100).fill(0));
    expect(seen.cancelled).toBe(true);
    expect(seen.pulls).toBeLessThanOrEqual(3); // a chunk, and whatever the stream queued ahead
  });

  it('returns a short body whole, and an empty one empty', async () => {
    expect(await readBodyHead(new Response('%PDF-1.7'), 4_100, 5_000)).toEqual(
      new TextEncoder().encode('%PDF-1.7'),
    );
    expect((await readBodyHead(new Response(null), 4_100, 5_000)).length).toBe(0);
  });

  it('gives up on a body that stalls, as storage_unavailable', async () => {
    let cancelled = false;
    const stalled = new ReadableStream<Uint8Array>({
      pull: () => new Promise<void>(() => undefined),
      cancel: () => {
        cancelled = true;
      },
    });
    await expect(readBodyHead(new Response(stalled), 4_100, 50)).rejects.toMatchObject({
      code: 'storage_unavailable',
    });
    expect(cancelled).toBe(true);
  });
});

describe('retryAfterSeconds', () => {
  it('reads delta-seconds and HTTP-dates, at least 1 s and at most an hour', () => {
    expect(retryAfterSeconds('17')).toBe(17);
    expect(retryAfterSeconds(' 42 ')).toBe(42);
    expect(retryAfterSeconds('0')).toBe(1);
    expect(retryAfterSeconds('86400')).toBe(3600);
    const inHalfAMinute = new Date(Date.now() + 30_000).toUTCString();
    expect(retryAfterSeconds(inHalfAMinute)).toBeGreaterThanOrEqual(29);
    expect(retryAfterSeconds(inHalfAMinute)).toBeLessThanOrEqual(31);
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:00 GMT')).toBe(1);
  });

  it('falls back when the header is missing or unreadable', () => {
    for (const value of [null, undefined, '', 'soon', '-5', '1.5e3', 'NaN'])
      expect(retryAfterSeconds(value), String(value)).toBe(5);
    expect(retryAfterSeconds('soon', 30)).toBe(30);
  });
});

describe('parseConfig', () => {
  const base = { STORE_DIR: '/tmp/x' };

  it('derives a working development configuration from almost nothing', () => {
    const config = parseConfig(base);
    expect(config.genesys.regions.map((r) => r.tld)).toEqual(['mypurecloud.com']);
    expect(config.frameAncestors).toEqual(['https://apps.mypurecloud.com']);
    expect(config.detection.proxyLinkBases).toEqual(['http://127.0.0.1:8080/ref/']);
  });

  it('lists every mistake with how to fix it', () => {
    const bad = () =>
      parseConfig({ ...base, LINK_TTL_SECONDS: '700000', GENESYS_API_BASE: 'http://169.254.169.254/' });
    expect(bad).toThrow(/LINK_TTL_SECONDS must be at most 604800/);
    expect(bad).toThrow(/GENESYS_API_BASE may only point at a sandbox org on this machine/);
    expect(() => parseConfig({ ...base, GENESYS_REGIONS: 'mypurecloud.com.evil.com' })).toThrow(
      /is not a Genesys Cloud region/,
    );
    expect(() => parseConfig({ ...base, CORS_ORIGINS: '*' })).toThrow(/must be an exact origin/);
  });

  it('derives links from PUBLIC_URL, or from the listening address when it is known in advance', () => {
    expect(() => parseConfig({ ...base, PORT: '0' })).toThrow(
      /PORT=0 lets the system pick a port[^\n]*choose a fixed PORT, or set PUBLIC_URL/,
    );
    expect(parseConfig({ ...base, PORT: '0', PUBLIC_URL: 'https://viewer.example.com' }).publicUrl).toBe(
      'https://viewer.example.com',
    );
    const tls = { TLS_CERT_FILE: '/etc/viewer/cert.pem', TLS_KEY_FILE: '/etc/viewer/key.pem' };
    expect(parseConfig({ ...base, ...tls, PORT: '8443' }).publicUrl).toBe('https://127.0.0.1:8443');
    expect(parseConfig({ ...base, HOST: '0.0.0.0', PORT: '9000' }).publicUrl).toBe('http://127.0.0.1:9000');
  });

  it('insists on an organization, signing keys and a public URL in production', () => {
    expect(() => parseConfig({ ...base, NODE_ENV: 'production' })).toThrow(
      /GENESYS_ORG_ID is required[\s\S]*PUBLIC_URL is required[\s\S]*LINK_SIGNING_KEYS is required/,
    );
    expect(() => parseConfig({ ...base, LINK_SIGNING_KEYS: 'k1:short' })).toThrow(/at least 32 bytes/);
  });
});

describe('s3LinkOrigins', () => {
  it('allows in the widget CSP exactly the origins the AWS SDK presigns links on', async () => {
    const { S3Client, GetObjectCommand } = await import('@aws-sdk/client-s3');
    const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
    const { s3LinkOrigins } = await import('../proxy/storage/s3/s3-link-origins.ts');
    const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };
    for (const forcePathStyle of [false, true]) {
      for (const endpoint of [undefined, 'https://objects.example.com']) {
        const client = new S3Client({ region: 'eu-west-1', credentials, forcePathStyle, endpoint });
        const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'av-clean', Key: 'k' }), {
          expiresIn: 60,
        });
        const origins = s3LinkOrigins({
          region: 'eu-west-1',
          forcePathStyle,
          endpoint,
          buckets: ['av-clean'],
          timeoutMs: 1,
        });
        expect(origins).toContain(new URL(url).origin);
      }
    }
  });
});
