// The signed file URLs behind /api/v2/downloads: tamper-proof, short-lived, Range-capable, with
// CORS only when switched on.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDispositionHeader } from '../../sandbox/files/content-disposition.ts';
import { sampleOrgDir, sandboxTokens } from '../../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/start-sandbox.ts';

let clock = Date.parse('2026-03-12T10:00:00.000Z');
let sandbox: RunningSandbox;
let downloadId: string;
let fileBytes: Buffer;

beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: sampleOrgDir, now: () => clock, downloadUrlTtlSeconds: 120 });
  const downloads = JSON.parse(await readFile(path.join(sampleOrgDir, 'downloads.json'), 'utf8')) as Record<
    string,
    { file: string; name: string }
  >;
  const policy = Object.entries(downloads).find(([, entry]) => entry.name === 'policy-document.pdf');
  if (policy === undefined) throw new Error('sample org has no policy-document.pdf download');
  downloadId = policy[0];
  fileBytes = await readFile(path.join(sampleOrgDir, policy[1].file));
});

afterAll(async () => {
  await sandbox.close();
});

async function signedUrl(disposition = 'inline', base = sandbox.url): Promise<URL> {
  const response = await fetch(
    `${base}/api/v2/downloads/${downloadId}?issueRedirect=false&contentDisposition=${disposition}`,
    { headers: { Authorization: `Bearer ${sandboxTokens.alice}` } },
  );
  return new URL(((await response.json()) as { url: string }).url);
}

async function expectAccessDenied(url: URL | string, message: string): Promise<void> {
  const response = await fetch(url);
  expect(response.status).toBe(403);
  expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
  const body = await response.text();
  expect(body).toContain('<Code>AccessDenied</Code>');
  expect(body).toContain(message);
}

describe('signatures', () => {
  it('refuses a URL whose signature has one character changed', async () => {
    const url = await signedUrl();
    const signature = url.searchParams.get('signature') ?? '';
    url.searchParams.set('signature', `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`);
    await expectAccessDenied(url, 'signature');
  });

  it.each([
    [
      'a truncated signature',
      (u: URL) => u.searchParams.set('signature', (u.searchParams.get('signature') ?? '').slice(0, -2)),
    ],
    ['no signature', (u: URL) => u.searchParams.delete('signature')],
    ['a changed disposition', (u: URL) => u.searchParams.set('disposition', 'attachment')],
    [
      'a later expiry',
      (u: URL) => u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 3600)),
    ],
    [
      'another download id',
      (u: URL) => {
        u.pathname = u.pathname.replace(downloadId, `${downloadId.slice(0, -1)}0`);
      },
    ],
  ])('refuses a URL with %s', async (_name, tamper) => {
    const url = await signedUrl();
    tamper(url);
    await expectAccessDenied(url, 'signature');
  });

  it('refuses a URL after it expires', async () => {
    const url = await signedUrl();
    expect((await fetch(url)).status).toBe(200);
    clock += 121_000;
    await expectAccessDenied(url, 'Request has expired');
  });
});

describe('ranges', () => {
  it('serves a byte range with 206 and Content-Range', async () => {
    const response = await fetch(await signedUrl(), { headers: { Range: 'bytes=0-9' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 0-9/${fileBytes.length}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(fileBytes.subarray(0, 10))).toBe(true);
  });

  it('serves a suffix range', async () => {
    const response = await fetch(await signedUrl(), { headers: { Range: 'bytes=-6' } });
    expect(response.status).toBe(206);
    expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).toBe('%%EOF\n');
  });

  it('answers 416 for a range past the end', async () => {
    const response = await fetch(await signedUrl(), { headers: { Range: `bytes=${fileBytes.length}-` } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${fileBytes.length}`);
  });

  it('serves the whole file for several ranges at once', async () => {
    const response = await fetch(await signedUrl(), { headers: { Range: 'bytes=0-1,5-6' } });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBe(fileBytes.length);
  });
});

describe('CORS on file URLs', () => {
  it('sends no CORS headers by default', async () => {
    const response = await fetch(await signedUrl(), { headers: { Origin: 'http://127.0.0.1:8080' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a preflight by default', async () => {
    const url = await signedUrl();
    const response = await fetch(url, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:8080', 'Access-Control-Request-Method': 'GET' },
    });
    expect(response.status).toBe(403);
  });

  it('allows only the configured origins when switched on', async () => {
    const open = await startSandbox({ dataDir: sampleOrgDir, fileCors: ['http://127.0.0.1:8080'] });
    try {
      const url = await signedUrl('inline', open.url);
      const allowed = await fetch(url, { headers: { Origin: 'http://127.0.0.1:8080', Range: 'bytes=0-3' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
      expect(allowed.headers.get('access-control-expose-headers')).toContain('Content-Range');
      expect(allowed.headers.get('vary')).toContain('Origin');
      const other = await fetch(url, { headers: { Origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(url, {
        method: 'OPTIONS',
        headers: { Origin: 'http://127.0.0.1:8080', 'Access-Control-Request-Headers': 'range' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toBe('Range');
    } finally {
      await open.close();
    }
  });
});

describe('content disposition', () => {
  it('keeps a unicode name with spaces in filename* and gives an ASCII fallback', () => {
    expect(contentDispositionHeader('inline', 'Überweisung März 2026.pdf')).toBe(
      `inline; filename="Uberweisung Marz 2026.pdf"; filename*=UTF-8''%C3%9Cberweisung%20M%C3%A4rz%202026.pdf`,
    );
  });

  it('cannot be broken out of by quotes in a name', () => {
    expect(contentDispositionHeader('attachment', 'a"b\\c.txt')).toBe(
      `attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`,
    );
  });
});
