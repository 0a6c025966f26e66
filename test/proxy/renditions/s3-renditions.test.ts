// Renditions kept in S3 (issue 11, "Storage"; RENDITION_STORAGE=s3) against a real Swift, which
// checks every signature: the proxy converts with its own pool, puts the rendition at
// `<prefix><content hash>-<recipe>.<ext>` in the renditions bucket, keeps nothing of it on its own
// disk, and hands out presigned GETs. S3 lifecycle rules count in days, so the proxy also checks a
// rendition's age when it reads it: one past RENDITION_TTL_HOURS is converted again.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkResponse } from '../../../core/proxy-api.ts';
import { THUMBNAIL_SIZE } from '../../../core/renditions.ts';
import { sampleAttachment } from '../../../sandbox/sample-data/sample-attachments.ts';
import {
  conversationIds,
  requireSwift,
  type Stack,
  type StackProxy,
  sandboxTokens,
  startStack,
} from '../../../scripts/local-stack/stack.ts';
import { createBucket, createS3Client } from '../../../scripts/local-stack/swift.ts';
import { jpegFacts } from '../../support/jpeg.ts';

const id = conversationIds.webMessagingDocuments;
const fax = sampleAttachment(id, 'fax-20260313-0902.tif');
const BUCKET = 'av-renditions';
// Links live 3,590 s and renditions 1 h: a rendition is fresh enough to link for its first 10 s.
const FRESH_FOR_MS = 10_000;

let stack: Stack;
let proxy: StackProxy;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'renditions-s3-'));
  stack = await startStack({ swift: true });
  await createBucket(requireSwift(stack), BUCKET);
  proxy = await stack.startProxy({
    RENDITIONS_DIR: dir,
    RENDITION_STORAGE: 's3',
    RENDITION_S3_BUCKET: BUCKET,
    RENDITION_S3_PREFIX: 'previews/',
    RENDITION_TTL_HOURS: '1',
    LINK_TTL_SECONDS: String(3_600 - FRESH_FOR_MS / 1000),
  });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function ask() {
  const answer = await proxy.request('/api/v1/links', {
    token: sandboxTokens.alice,
    body: { conversationId: id, attachmentId: fax.id, rendition: 'pdf' },
  });
  expect(answer.status, answer.text).toBe(200);
  return answer.json as LinkResponse;
}

async function conversions(): Promise<boolean[]> {
  return (await stack.auditRecords())
    .filter((r) => r.event === 'rendition.issued' && r.attachment === fax.id)
    .map((r) => r.converted === true);
}

describe('renditions in S3', () => {
  it('are stored under the prefix by content hash and recipe, linked presigned, and kept nowhere else', async () => {
    const link = await ask();
    const url = new URL(link.url);
    expect(url.origin).toBe(requireSwift(stack).endpoint);
    expect(url.pathname).toMatch(new RegExp(`^/${BUCKET}/previews/[0-9a-f]{64}-[0-9a-f]{16}\\.pdf$`));
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(3_600 - FRESH_FOR_MS / 1000));

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('inline; filename=fax-20260313-0902.pdf');
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(link.size).toBe(Number(response.headers.get('content-length')));

    // A changed response type is a different signature: Swift refuses it.
    const retyped = new URL(url);
    retyped.searchParams.set('response-content-type', 'text/html');
    expect((await fetch(retyped)).status).toBe(403);

    const listed = await createS3Client(requireSwift(stack)).send(
      new ListObjectsV2Command({ Bucket: BUCKET }),
    );
    expect((listed.Contents ?? []).map((o) => `/${BUCKET}/${o.Key}`)).toEqual([url.pathname]);
    // The proxy's folder holds job folders only while they run, and no rendition.
    expect(await readdir(join(dir, 'jobs'))).toEqual([]);
    expect(await readdir(dir)).toEqual(['jobs']);
  }, 60_000);

  it('are served while fresh and converted again once too old to be linked, the age read from S3', async () => {
    await ask();
    const first = new URL((await ask()).url);
    expect((await conversions()).slice(-2)).toEqual([false, false]);
    const head = () =>
      createS3Client(requireSwift(stack)).send(
        new HeadObjectCommand({ Bucket: BUCKET, Key: first.pathname.slice(`/${BUCKET}/`.length) }),
      );
    const made = (await head()).LastModified?.getTime() ?? 0;

    // Past its age (the bucket's day-granular lifecycle has not deleted it): not served, made again.
    await new Promise((r) => setTimeout(r, Math.max(0, made + FRESH_FOR_MS + 1_500 - Date.now())));
    const again = new URL((await ask()).url);
    expect(again.pathname).toBe(first.pathname);
    expect((await conversions()).at(-1)).toBe(true);
    expect((await head()).LastModified?.getTime() ?? 0).toBeGreaterThan(made);
    expect((await fetch(again)).status).toBe(200);
  }, 60_000);

  it("make a thumbnail from the fax's PDF read back from the bucket, stored and presigned beside it", async () => {
    const answer = await proxy.request('/api/v1/links', {
      token: sandboxTokens.alice,
      body: { conversationId: id, attachmentId: fax.id, rendition: 'thumbnail' },
    });
    expect(answer.status, answer.text).toBe(200);
    const url = new URL((answer.json as LinkResponse).url);
    expect(url.origin).toBe(requireSwift(stack).endpoint);
    expect(url.pathname).toMatch(new RegExp(`^/${BUCKET}/previews/[0-9a-f]{64}-[0-9a-f]{16}\\.jpg$`));
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const facts = jpegFacts(new Uint8Array(await response.arrayBuffer()));
    expect(Math.max(facts.width, facts.height)).toBeLessThanOrEqual(THUMBNAIL_SIZE);
    const listed = await createS3Client(requireSwift(stack)).send(
      new ListObjectsV2Command({ Bucket: BUCKET }),
    );
    expect((listed.Contents ?? []).map((o) => o.Key?.slice(-4)).sort()).toEqual(['.jpg', '.pdf']);
    expect(await readdir(dir)).toEqual(['jobs']);
  }, 60_000);
});
