// The committed sample org: regenerates byte for byte from its typed sources, stays small, its
// files are what they claim to be, and it holds every reference form detection must recognise.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Models } from 'purecloud-platform-client-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conversationIds,
  expectedReferences,
  sampleConversations,
  sampleOrgDir,
} from '../../sandbox/sample-data/manifest.ts';
import { sampleObjectBytes } from '../../sandbox/sample-data/sample-attachments.ts';
import { SCANNED_BUNDLE } from '../../sandbox/sample-data/scanned-bundle.ts';
import { writeSampleOrg } from '../../sandbox/sample-data/write-sample-org.ts';
import { jpegFacts } from '../support/jpeg.ts';

async function listFiles(root: string, dir = root): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? listFiles(root, path.join(dir, e.name))
        : [path.relative(root, path.join(dir, e.name))],
    ),
  );
  return nested.flat().sort();
}

const sample = (relative: string) => readFile(path.join(sampleOrgDir, relative));
const sampleJson = async <T>(relative: string): Promise<T> =>
  JSON.parse((await sample(relative)).toString('utf8'));
describe('regeneration', () => {
  let regenerated: string;

  beforeAll(async () => {
    regenerated = await mkdtemp(path.join(tmpdir(), 'sample-org-'));
    writeSampleOrg(regenerated);
  });

  afterAll(async () => {
    await rm(regenerated, { recursive: true, force: true });
  });

  it('reproduces the committed sample org byte for byte (run `npm run samples` after changing sandbox/sample-data)', async () => {
    const committed = await listFiles(sampleOrgDir);
    expect(await listFiles(regenerated)).toEqual(committed);
    const differing = [];
    for (const file of committed) {
      const [a, b] = await Promise.all([sample(file), readFile(path.join(regenerated, file))]);
      if (!a.equals(b)) differing.push(file);
    }
    expect(differing).toEqual([]);
  });

  // 2 MB before issue 12 added a 520-page handbook (0.5 MB) for search and range loading.
  // Real Office files, an iPhone photo and a fax (issue 11) joined the generated ones: 6 MB.
  it('stays under 6 MB', async () => {
    let total = 0;
    for (const file of await listFiles(sampleOrgDir))
      total += (await stat(path.join(sampleOrgDir, file))).size;
    expect(total).toBeLessThan(6 * 1024 * 1024);
  });

  it('refuses to overwrite a folder that is not a sample org', async () => {
    const unrelated = await mkdtemp(path.join(tmpdir(), 'not-a-sample-org-'));
    try {
      await writeFile(path.join(unrelated, 'precious.txt'), 'keep me');
      expect(() => writeSampleOrg(unrelated)).toThrow(/refusing/);
      expect(await readFile(path.join(unrelated, 'precious.txt'), 'utf8')).toBe('keep me');
    } finally {
      await rm(unrelated, { recursive: true, force: true });
    }
  });
});

describe('sample files', () => {
  it('has a PDF of three pages with embedded fonts, searchable text and a link', async () => {
    const bytes = await sample('downloads/policy-document.pdf');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Fonts travel with the file (FontFile3: compact font format subsets), as from any office suite.
    expect(bytes.includes(Buffer.from('/FontFile3'))).toBe(true);

    const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
    const pdf = await task.promise;
    expect(pdf.numPages).toBe(3);
    const firstPage = await pdf.getPage(1);
    const words = (await firstPage.getTextContent()).items
      .map((item) => ('str' in item ? item.str : ''))
      .join(' ');
    expect(words).toContain('Motor Insurance Policy');
    expect((await firstPage.getAnnotations()).map((a: { url?: string }) => a.url)).toEqual([
      'https://example.com/policy-terms',
    ]);
    await task.destroy();
  });

  it('has a PDF whose second page is a scan: one image and no text', async () => {
    const bytes = await sample('downloads/accident-report.pdf');
    const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
    const pdf = await task.promise;
    expect(pdf.numPages).toBe(2);
    const typed = await pdf.getPage(1);
    expect((await typed.getTextContent()).items.length).toBeGreaterThan(20);
    const scanned = await pdf.getPage(2);
    expect((await scanned.getTextContent()).items).toEqual([]);
    const { fnArray } = await scanned.getOperatorList();
    expect(fnArray.filter((op) => op === OPS.paintImageXObject)).toHaveLength(1);
    await task.destroy();
  });

  it('has a large scanned claim file: 300 image pages of ~60 MB, each with its Bates number, not linearized', async () => {
    const path = `s3/av-clean/claims/2026/${SCANNED_BUNDLE.fileName}`;
    // Generated, not committed: the data folder holds only its sidecar, whose facts the bytes match.
    expect(existsSync(path.replace(/^/, `${sampleOrgDir}/`))).toBe(false);
    const sidecar = await sampleJson<{ generated: string; size: number; sha256: string }>(
      `${path}.meta.json`,
    );
    const bytes = await sampleObjectBytes(path);
    expect(bytes.length).toBe(sidecar.size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sidecar.sha256);
    expect(bytes.length).toBeGreaterThan(50_000_000);
    expect(Buffer.from(bytes.subarray(0, 1024)).toString('latin1')).not.toContain('/Linearized');
    const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
    const pdf = await task.promise;
    expect(pdf.numPages).toBe(SCANNED_BUNDLE.pages);
    for (const n of [1, 200, 300]) {
      const page = await pdf.getPage(n);
      const text = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : ''));
      expect(text).toEqual([`${SCANNED_BUNDLE.batesPrefix}${String(n).padStart(4, '0')}`]);
      const { fnArray } = await page.getOperatorList();
      expect(fnArray.filter((op) => op === OPS.paintImageXObject)).toHaveLength(1);
    }
    await task.destroy();
  });

  it('has phone photos of phone sizes, the sideways one stored landscape with EXIF Orientation 6', async () => {
    const photo = jpegFacts(await sample('downloads/damage-photo.jpg'));
    expect(photo).toEqual({ width: 4032, height: 3024, orientation: 1 });
    const bytes = await sample('downloads/damage-photo-sideways.jpg');
    // EXIF first, as cameras write it (no JFIF segment before it).
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xe1]));
    expect(bytes.subarray(6, 12).toString('latin1')).toBe('Exif\0\0');
    expect(jpegFacts(bytes)).toEqual({ width: 4032, height: 3024, orientation: 6 });
    // A few hundred KB each, as a phone saves them.
    for (const jpegBytes of [await sample('downloads/damage-photo.jpg'), bytes]) {
      expect(jpegBytes.length).toBeGreaterThan(100_000);
      expect(jpegBytes.length).toBeLessThan(500_000);
    }
  });

  it('has PNGs whose image data inflates to the size their header declares', async () => {
    for (const file of [
      'downloads/repair-guide.png',
      'downloads/logo.png',
      'store/claims/2026/invoice.pdf',
    ]) {
      const bytes = await sample(file);
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      const chunks: Array<{ type: string; data: Buffer }> = [];
      for (let at = 8; at < bytes.length; ) {
        const length = bytes.readUInt32BE(at);
        chunks.push({
          type: bytes.subarray(at + 4, at + 8).toString('latin1'),
          data: bytes.subarray(at + 8, at + 8 + length),
        });
        at += 12 + length;
      }
      expect(chunks[0]?.type).toBe('IHDR');
      expect(chunks.at(-1)?.type).toBe('IEND');
      const header = chunks[0]?.data ?? Buffer.alloc(13);
      const [width, height] = [header.readUInt32BE(0), header.readUInt32BE(4)];
      // 8-bit truecolour (colour type 2), not interlaced: each row is a filter byte and RGB.
      expect([header[8], header[9], header[12]]).toEqual([8, 2, 0]);
      const idat = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
      expect(inflateSync(idat).length).toBe(height * (1 + width * 3));
    }
  });

  it('has a spoken WAV voice note and a WebM video with sound', async () => {
    const wav = await sample('downloads/voice-note.wav');
    expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(wav.subarray(36, 40).toString('latin1')).toBe('data');
    const seconds = wav.readUInt32LE(40) / wav.readUInt32LE(28);
    expect(seconds).toBeGreaterThan(5);
    expect(seconds).toBeLessThan(20);
    const webm = await sample('downloads/walkaround.webm');
    expect(webm.subarray(0, 4)).toEqual(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
    expect(webm.includes(Buffer.from('V_VP8'))).toBe(true);
    expect(webm.includes(Buffer.from('A_OPUS'))).toBe(true);
  });

  it('has the EICAR test string as the infected file', async () => {
    const eicar = (await sample('store/claims/2026/eicar-test.txt')).toString('latin1');
    expect(eicar).toMatch(
      /^X5O!P%@AP\[4\\PZX54\(P\^\)7CC\)7\}\$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!\$H\+H\*$/,
    );
  });
});

describe('manifest', () => {
  it('points every expected reference at bytes that exist, with the scan status recorded beside them', async () => {
    for (const ref of expectedReferences()) {
      if (ref.bytesPath === undefined) {
        expect(['external', 'unretrievable']).toContain(ref.location.kind);
        continue;
      }
      const bytes = await sampleObjectBytes(ref.bytesPath);
      if (ref.size !== undefined && ref.location.kind !== 'proxy') expect(bytes.length).toBe(ref.size);
      if (ref.location.kind === 'store' || ref.location.kind === 'proxy') {
        const sidecar = await sampleJson<{ status: string }>(`${ref.bytesPath}.scan.json`);
        expect(sidecar.status).toBe(ref.scanStatus);
      }
      if (ref.location.kind === 's3') {
        const meta = await sampleJson<{ metadata: Record<string, string> }>(`${ref.bytesPath}.meta.json`);
        expect(meta.metadata['av-status']).toBe(ref.scanStatus);
      }
    }
  });

  it('mirrors every store object into the clean bucket, so either backend can serve bare keys', async () => {
    for (const ref of expectedReferences()) {
      if (ref.location.kind !== 'store' && ref.location.kind !== 'proxy') continue;
      const mirrored = await sample(`s3/av-clean/${ref.location.key}`);
      expect(mirrored.equals(await sample(`store/${ref.location.key}`))).toBe(true);
    }
  });

  it('lists each Genesys download in downloads.json under its id', async () => {
    const downloads = await sampleJson<Record<string, { file: string }>>('downloads.json');
    for (const ref of expectedReferences()) {
      if (ref.location.kind === 'genesys')
        expect(downloads[ref.location.downloadId]?.file).toBe(ref.bytesPath);
    }
  });

  it('has the data files each sample conversation claims, and no others', async () => {
    const fileNames = {
      conversation: 'conversation.json',
      'message-conversation': 'message-conversation.json',
      messages: 'messages.json',
      emails: 'emails.json',
      recordings: 'recordings.json',
    } as const;
    for (const c of sampleConversations) {
      const present = (await readdir(path.join(sampleOrgDir, 'conversations', c.id))).sort();
      expect(present).toEqual(c.files.map((f) => fileNames[f]).sort());
    }
  });
});

describe('reference forms in the data', () => {
  let raw: string;

  beforeAll(async () => {
    const files = (await listFiles(sampleOrgDir)).filter((f) => f.startsWith('conversations/'));
    raw = (await Promise.all(files.map((f) => sample(f)))).map((b) => b.toString('utf8')).join('\n');
  });

  it.each([
    ['a Genesys download on api.', /https:\/\/api\.mypurecloud\.com\/api\/v2\/downloads\/[0-9a-f]{32}"/],
    [
      'a Genesys download on api-downloads.',
      /https:\/\/api-downloads\.mypurecloud\.com\/api\/v2\/downloads\/[0-9a-f]{32}"/,
    ],
    [
      'a presigned virtual-hosted S3 URL',
      /https:\/\/av-clean\.s3\.amazonaws\.com\/claims\/2026\/[^?"]+\?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[^&]+&X-Amz-Date=\d{8}T\d{6}Z&X-Amz-Expires=604800&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}"/,
    ],
    [
      'a path-style S3 link in text',
      /"text": "[^"]*https:\/\/s3\.eu-west-1\.amazonaws\.com\/av-clean\/claims\/2026\//,
    ],
    [
      'a regional virtual-hosted S3 URL with a percent-encoded unicode key',
      /https:\/\/av-clean\.s3\.eu-west-1\.amazonaws\.com\/claims\/2026\/%C3%9Cberweisung%20M%C3%A4rz%202026\.pdf"/,
    ],
    ['a proxy link as an attachment url', /"url": "https:\/\/viewer\.example\.com\/ref\/claims\/2026\//],
    ['a proxy link in text', /"text": "[^"]*https:\/\/viewer\.example\.com\/ref\/claims\/2026\//],
    ['a bare key under fileGuid', /"fileGuid": "claims\/2026\/[^"]+"/],
    ['a bare key under attachmentKey', /"attachmentKey": "claims\/2026\/[^"]+"/],
    ['a JSON array of keys in attachmentKeys', /"attachmentKeys": "\[\\"claims\/2026\/[^"\\]+\\",\\"claims/],
    ['an upload marker in text', /S3_FILE_UPLOADED:claims\/2026\//],
    ['a story mention', /"contentType": "Story",\s*"story": \{\s*"type": "Mention",\s*"url": "https:/],
    ['a deprecated textBody', /"textBody": "Hi, I had an accident/],
    ['an unknown external attachment', /"url": "https:\/\/cdn\.example\.net\/files\/brochure\.pdf"/],
    [
      'an email attachment',
      /"contentUri": "https:\/\/api(-downloads)?\.mypurecloud\.com\/api\/v2\/downloads\//,
    ],
    ['a recording messaging attachment', /"messageMediaAttachments": \[/],
    ['a recording email attachment', /"contentPath": "https:\/\/api\.mypurecloud\.com\/api\/v2\/downloads\//],
  ])('contains %s', (_name, pattern) => {
    expect(raw).toMatch(pattern);
  });

  it('gives a bot, a customer and an agent messages in a messaging conversation', async () => {
    const view = await sampleJson<Models.MessageConversation>(
      `conversations/${conversationIds.webMessaging}/message-conversation.json`,
    );
    const withMessages = (view.participants ?? [])
      .filter((p) => (p.messages ?? []).length > 0)
      .map((p) => p.purpose);
    expect(withMessages.sort()).toEqual(['agent', 'customer', 'workflow']);
  });

  it('keeps the three messaging views of every messaging conversation in agreement', async () => {
    for (const id of [
      conversationIds.webMessaging,
      conversationIds.openMessagingS3,
      conversationIds.openMessagingStore,
    ]) {
      const conversation = await sampleJson<Models.Conversation>(`conversations/${id}/conversation.json`);
      const view = await sampleJson<Models.MessageConversation>(
        `conversations/${id}/message-conversation.json`,
      );
      const data = await sampleJson<Models.MessageData[]>(`conversations/${id}/messages.json`);
      const fromConversation = conversation.participants.flatMap((p) =>
        (p.messages ?? []).flatMap((c) => c.messages ?? []),
      );
      const fromView = (view.participants ?? []).flatMap((p) => p.messages ?? []);
      expect(fromView).toEqual(fromConversation);
      expect(new Set(data.map((m) => m.id))).toEqual(new Set(fromView.map((m) => m.messageId)));
    }
  });

  it('has no file for an ended interaction besides its recordings', () => {
    expect(
      existsSync(
        path.join(sampleOrgDir, 'conversations', conversationIds.endedMessaging, 'conversation.json'),
      ),
    ).toBe(false);
  });
});
