// The test harness must give real services: Swift has to verify SigV4 like S3 does (s3rver, for one, does
// not), and Redis must be killable and restartable on its port for the fault tests.

import { setTimeout as sleep } from 'node:timers/promises';
import {
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ping, type RedisServer, startRedis } from '../../../scripts/local-stack/redis.ts';
import {
  createBucket,
  createS3Client,
  putObject,
  type SwiftServer,
  startSwift,
} from '../../../scripts/local-stack/swift.ts';

const BUCKET = 'attachments';
const KEY = 'conv-1/scan.pdf';
// Every byte value, so any re-encoding or truncation shows.
const BYTES = Uint8Array.from({ length: 1024 }, (_, i) => i % 256);

async function statusOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof S3ServiceException) return error.$metadata.httpStatusCode;
    throw error;
  }
}

describe('Swift with s3api', () => {
  let swift: SwiftServer;
  let s3: S3Client;
  const presign = (command: GetObjectCommand, expiresIn = 60) => getSignedUrl(s3, command, { expiresIn });

  // Issued up front and used by the last test, so its expiry runs out while the others run.
  let expiring: { url: string; issuedAt: number };

  beforeAll(async () => {
    swift = await startSwift();
    s3 = createS3Client(swift);
    await createBucket(swift, BUCKET);
    await putObject(swift, BUCKET, KEY, BYTES, {
      contentType: 'application/octet-stream',
      metadata: { 'av-status': 'clean' },
    });
    const issuedAt = Date.now();
    expiring = { url: await presign(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }), 1), issuedAt };
  });

  afterAll(async () => {
    s3?.destroy();
    await swift?.stop();
  });

  it('serves exactly the stored bytes on a presigned GET', async () => {
    const response = await fetch(await presign(new GetObjectCommand({ Bucket: BUCKET, Key: KEY })));
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(BYTES);
  });

  it('refuses a presigned URL with one signature character flipped', async () => {
    const url = new URL(await presign(new GetObjectCommand({ Bucket: BUCKET, Key: KEY })));
    const signature = url.searchParams.get('X-Amz-Signature') ?? '';
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    const flipped = (signature[0] === '0' ? '1' : '0') + signature.slice(1);
    url.searchParams.set('X-Amz-Signature', flipped);
    const response = await fetch(url);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('honours signed response-content-type and response-content-disposition', async () => {
    const disposition = 'attachment; filename="scan.pdf"';
    const url = await presign(
      new GetObjectCommand({
        Bucket: BUCKET,
        Key: KEY,
        ResponseContentType: 'application/pdf',
        ResponseContentDisposition: disposition,
      }),
    );
    const response = await fetch(url);
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(disposition);
  });

  it('serves a Range of a presigned URL as 206', async () => {
    const url = await presign(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
    const response = await fetch(url, { headers: { Range: 'bytes=10-19' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 10-19/${BYTES.length}`);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(BYTES.slice(10, 20));
  });

  it('returns user metadata on HeadObject', async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: KEY }));
    expect(head.Metadata).toEqual({ 'av-status': 'clean' });
    expect(head.ContentLength).toBe(BYTES.length);
  });

  // Pinned so nobody builds the scan status on tags: this s3api has no object tagging.
  it('has no object tagging (empty TagSet on read, 501 on write)', async () => {
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: KEY }));
    expect(tags.TagSet ?? []).toEqual([]);
    const putTags = s3.send(
      new PutObjectTaggingCommand({
        Bucket: BUCKET,
        Key: KEY,
        Tagging: { TagSet: [{ Key: 'av-status', Value: 'clean' }] },
      }),
    );
    expect(await statusOf(putTags)).toBe(501);
    const putTagged = s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'tagged', Body: 'x', Tagging: 'av-status=clean' }),
    );
    expect(await statusOf(putTagged)).toBe(501);
  });

  it('keeps objects across a proxy restart and stalls while paused', async () => {
    const before = swift.pids.proxy;
    await swift.restart();
    expect(swift.pids.proxy).not.toBe(before);
    const url = await presign(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
    expect((await fetch(url)).status).toBe(200);

    swift.pause();
    try {
      await expect(fetch(url, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    } finally {
      swift.resume();
    }
    const response = await fetch(url);
    await response.arrayBuffer();
    expect(response.status).toBe(200);
  });

  it('refuses an expired presigned URL', async () => {
    // X-Amz-Date has whole seconds, so a 1 s URL is surely dead 2 s after issue.
    await sleep(Math.max(0, expiring.issuedAt + 2_100 - Date.now()));
    const response = await fetch(expiring.url);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Request has expired');
  });
});

describe('Redis', () => {
  let redis: RedisServer;
  let client: Redis;

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => 50, lazyConnect: true });
    client.on('error', () => {}); // reconnect noise while the server is down on purpose
    await client.connect();
  });

  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  it('answers PING', async () => {
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await client.ping()).toBe('PONG');
  });

  it('can be killed and restarted on the same port (empty)', async () => {
    await client.set('k', 'v');
    const before = redis.pid;
    await redis.kill();
    expect(await ping(redis.port)).toBe(false);
    await expect(client.get('k')).rejects.toThrow();

    await redis.restart();
    expect(redis.pid).not.toBe(before);
    await expect.poll(() => client.ping().catch(() => 'down'), { timeout: 5_000 }).toBe('PONG');
    expect(await client.get('k')).toBeNull();
  });

  it('stalls while paused', async () => {
    redis.pause();
    try {
      expect(await ping(redis.port, 200)).toBe(false);
    } finally {
      redis.resume();
    }
    expect(await ping(redis.port)).toBe(true);
  });
});
