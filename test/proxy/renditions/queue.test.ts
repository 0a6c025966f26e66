// Conversions on a real queue (issue 11, "Scale"): proxies with CONVERTER_MODE=queue convert nothing
// themselves; converter workers started as `npm run worker` starts them take the jobs from BullMQ in
// a real Redis and keep renditions in a real S3 (Swift, which checks signatures), where the proxies
// link them with presigned GETs. Proxies and workers have folders of their own, as on separate
// machines: they share only Redis and the bucket.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkResponse } from '../../../core/proxy-api.ts';
import { THUMBNAIL_SIZE } from '../../../core/renditions.ts';
import { QUEUE_NAME, QUEUE_PREFIX } from '../../../proxy/renditions/conversion-queue.ts';
import { sampleAttachment } from '../../../sandbox/sample-data/sample-attachments.ts';
import { sampleFileBytes } from '../../../sandbox/sample-data/sample-files.ts';
import {
  conversationIds,
  requireRedis,
  requireSwift,
  type Stack,
  type StackProxy,
  sandboxTokens,
  startStack,
} from '../../../scripts/local-stack/stack.ts';
import { createBucket, createS3Client } from '../../../scripts/local-stack/swift.ts';
import { jpegFacts } from '../../support/jpeg.ts';
import { startWorkerProcess, type WorkerProcess } from '../../support/worker-process.ts';

const id = conversationIds.webMessagingDocuments;
const files = {
  letter: sampleAttachment(id, 'Garage report CLM-1007.docx'),
  slides: sampleAttachment(id, 'fleet-renewal.pptx'),
  report: sampleAttachment(id, 'full-assessment.docx'),
};
const BUCKET = 'av-renditions';

let stack: Stack;
let proxyDir: string;
let workerDir: string;
let proxies: StackProxy[];
let queue: Queue;
const workers: WorkerProcess[] = [];

/** What the proxies and the workers share: the queue's Redis and the renditions bucket. */
function sharedSettings(): Record<string, string> {
  const swift = requireSwift(stack);
  return {
    REDIS_URL: requireRedis(stack).url,
    CONVERTER_MODE: 'queue',
    RENDITION_STORAGE: 's3',
    RENDITION_S3_BUCKET: BUCKET,
    S3_ENDPOINT: swift.endpoint,
    S3_REGION: swift.region,
    S3_FORCE_PATH_STYLE: 'true',
    S3_ACCESS_KEY_ID: swift.accessKeyId,
    S3_SECRET_ACCESS_KEY: swift.secretAccessKey,
    // A dead worker's job is taken up 5 s after its last renewal (30 s in production).
    CONVERTER_JOB_LEASE_SECONDS: '5',
    CONVERTER_TIMEOUT_SECONDS: '30',
    CONVERTER_QUEUE_WAIT_SECONDS: '60',
  };
}

/** A worker as an admin would run it: the queue, the bucket, its limits, and no Genesys setting or signing key. */
async function startWorker(): Promise<WorkerProcess> {
  const worker = await startWorkerProcess({
    ...sharedSettings(),
    RENDITIONS_DIR: workerDir,
    CONVERTER_CONCURRENCY: '1',
    LOG_LEVEL: 'info',
  });
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  proxyDir = await mkdtemp(join(tmpdir(), 'renditions-proxy-'));
  workerDir = await mkdtemp(join(tmpdir(), 'renditions-worker-'));
  stack = await startStack({ redis: true, swift: true });
  await createBucket(requireSwift(stack), BUCKET);
  await startWorker();
  proxies = [
    await stack.startProxy({ ...sharedSettings(), RENDITIONS_DIR: proxyDir }),
    await stack.startProxy({ ...sharedSettings(), RENDITIONS_DIR: proxyDir }),
  ];
  queue = new Queue(QUEUE_NAME, {
    connection: new Redis(requireRedis(stack).url, { maxRetriesPerRequest: null }),
    prefix: QUEUE_PREFIX,
  });
}, 120_000);

afterAll(async () => {
  await Promise.allSettled(workers.map((w) => w.stop()));
  await queue?.close();
  await stack?.stop();
  await rm(proxyDir, { recursive: true, force: true });
  await rm(workerDir, { recursive: true, force: true });
});

function ask(proxy: StackProxy, attachment: { id: string }) {
  return proxy.request('/api/v1/links', {
    token: sandboxTokens.alice,
    body: { conversationId: id, attachmentId: attachment.id, rendition: 'pdf' },
  });
}

async function pdfOf(answer: { status: number; text: string; json: unknown }): Promise<Buffer> {
  expect(answer.status, answer.text).toBe(200);
  const link = answer.json as LinkResponse;
  const response = await fetch(link.url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  expect(response.headers.get('content-disposition')).toMatch(/^inline/);
  return Buffer.from(await response.arrayBuffer());
}

async function issued(attachment: { id: string }) {
  return (await stack.auditRecords()).filter(
    (r) => r.event === 'rendition.issued' && r.attachment === attachment.id,
  );
}

/** Jobs the workers finished, with the key they stored and whether they converted. */
function finishedJobs(): { key: string; converted: boolean }[] {
  return workers.flatMap((w) =>
    w.lines
      .filter((l) => l.msg === 'job finished')
      .map((l) => ({ key: String(l.key), converted: l.converted === true })),
  );
}

async function objects(prefix: string): Promise<string[]> {
  const listed = await createS3Client(requireSwift(stack)).send(
    new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }),
  );
  return (listed.Contents ?? []).map((o) => o.Key ?? '');
}

async function jobCounts(): Promise<Record<string, number>> {
  return queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
}

function convertersRunningIn(dir: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'])
    .toString()
    .split('\n')
    .filter((line) => line.includes(join(dir, 'jobs')));
}

describe('conversions on the queue', () => {
  it('are made by a worker for a proxy that has no converter of its own, kept in S3 and linked presigned', async () => {
    const [proxy] = proxies;
    if (!proxy) throw new Error('no proxy');
    // The listing offers a PDF because a worker said it has LibreOffice.
    const listing = await proxy.request(`/api/v1/conversations/${id}/attachments`, {
      token: sandboxTokens.alice,
    });
    const entry = (
      listing.json as { attachments: { attachment: { id: string }; rendition?: string }[] }
    ).attachments.find((a) => a.attachment.id === files.letter.id);
    expect(entry?.rendition).toBe('pdf');

    const answer = await ask(proxy, files.letter);
    const link = new URL((answer.json as LinkResponse).url);
    expect(link.origin).toBe(requireSwift(stack).endpoint);
    expect(link.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    const pdf = await pdfOf(answer);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString()).toContain('Front bumper');

    const [record] = await issued(files.letter);
    expect(record).toMatchObject({ converted: true });
    const key = link.pathname.split('/').pop() ?? '';
    expect(finishedJobs()).toContainEqual({ key, converted: true });
    expect(await objects('renditions/')).toContain(`renditions/${key}`);
    // The original waited in the bucket only while its job did; neither side keeps a file.
    expect(await objects('renditions/sources/')).toEqual([]);
    expect(await readdir(join(proxyDir, 'jobs'))).toEqual([]);
    expect(await readdir(join(workerDir, 'jobs'))).toEqual([]);
    expect(await readdir(join(proxyDir, 'cache')).catch(() => [])).toEqual([]);

    // A one-byte change to the signature and Swift refuses the link.
    const forged = new URL(link);
    const signature = forged.searchParams.get('X-Amz-Signature') ?? '';
    forged.searchParams.set(
      'X-Amz-Signature',
      `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
    );
    expect((await fetch(forged)).status).toBe(403);
  }, 60_000);

  it("make a document's thumbnail on workers too, from its PDF read back from the bucket", async () => {
    const [proxy] = proxies;
    if (!proxy) throw new Error('no proxy');
    const answer = await proxy.request('/api/v1/links', {
      token: sandboxTokens.alice,
      body: { conversationId: id, attachmentId: files.letter.id, rendition: 'thumbnail' },
    });
    expect(answer.status, answer.text).toBe(200);
    const response = await fetch((answer.json as LinkResponse).url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const facts = jpegFacts(new Uint8Array(await response.arrayBuffer()));
    expect(Math.max(facts.width, facts.height)).toBeLessThanOrEqual(THUMBNAIL_SIZE);
    // The PDF was the worker's from the first ask; the thumbnail was made from it by a worker.
    const thumbnails = (await issued(files.letter)).filter((r) => r.rendition === 'thumbnail');
    expect(thumbnails.map((r) => r.converted)).toEqual([true]);
    expect(await objects('renditions/sources/')).toEqual([]);
    expect(await readdir(join(proxyDir, 'jobs'))).toEqual([]);
  }, 120_000);

  it('run once when two proxies enqueue the same document at the same moment', async () => {
    const before = finishedJobs().length;
    const answers = await Promise.all(
      proxies.flatMap((p) => [ask(p, files.slides), ask(p, files.slides), ask(p, files.slides)]),
    );
    const pdfs = await Promise.all(answers.map(pdfOf));
    expect(new Set(pdfs.map((b) => b.toString('base64'))).size).toBe(1);

    // One job: the five asks that came while it waited or ran joined it (its id is the rendition's
    // key) rather than adding jobs of their own, each of which a worker would have had to take.
    expect(finishedJobs().slice(before)).toEqual([{ key: expect.any(String), converted: true }]);
    const records = await issued(files.slides);
    expect(records).toHaveLength(answers.length);
    expect(records.filter((r) => r.converted === true)).toHaveLength(1);
    expect(await jobCounts()).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0 });
  }, 60_000);

  it('take a file out of a zip on a worker, keep it and its facts in S3, and carry a refusal back', async () => {
    const [proxy] = proxies;
    if (!proxy) throw new Error('no proxy');
    const part = (name: string, path: string) =>
      proxy.request('/api/v1/links', {
        token: sandboxTokens.alice,
        body: {
          conversationId: id,
          attachmentId: sampleAttachment(id, name).id,
          part: { kind: 'zip-entry', path },
        },
      });
    const before = finishedJobs().length;
    const answer = await part('claim-photos.zip', 'documents/claim-form.pdf');
    expect(answer.json as LinkResponse).toMatchObject({ partOf: { name: 'claim-form.pdf' } });
    const pdf = await pdfOf(answer);
    expect(pdf.equals(Buffer.from(sampleFileBytes('claim-form.pdf')))).toBe(true);
    // One job, the extraction; the part and its facts are kept in the bucket, linked presigned.
    const [job, ...more] = finishedJobs().slice(before);
    expect(more).toEqual([]);
    expect(job?.key).toMatch(/\.bin$/);
    expect(new URL((answer.json as LinkResponse).url).pathname).toMatch(/\.bin$/);
    const kept = await objects('renditions/');
    expect(kept).toContain(`renditions/${job?.key}`);
    expect(kept).toContain(`renditions/${job?.key.replace(/\.bin$/, '.json')}`);

    // A bomb entry fails its job on the worker; the proxy answers as it would have itself.
    const bomb = await part('photos-2.zip', 'scans/page-2.pdf');
    expect(bomb.status, bomb.text).toBe(422);
    expect((bomb.json as { error: { code: string } }).error.code).toBe('part_too_large');
    expect(await objects('renditions/sources/')).toEqual([]);
    expect(await jobCounts()).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
  }, 60_000);

  it('survive a worker killed mid-job: its converter and folders go with it, and another worker does the job', async () => {
    const [proxy] = proxies;
    const [first] = workers;
    if (!proxy || !first) throw new Error('no proxy or worker');
    const asked = ask(proxy, files.report);
    await first.logged((l) => l.msg === 'job started' && !String(l.job).startsWith('x'), 30_000);
    // Mid-job: LibreOffice is running in the worker's job folder.
    const deadline = Date.now() + 20_000;
    while (convertersRunningIn(workerDir).length === 0) {
      if (Date.now() > deadline) throw new Error('the worker never started a converter');
      await new Promise((r) => setTimeout(r, 25));
    }
    await first.kill();

    // Its reaper kills the orphaned converter and removes the job's folder at once.
    const cleaned = Date.now() + 5_000;
    while (convertersRunningIn(workerDir).length > 0 || (await readdir(join(workerDir, 'jobs'))).length > 0) {
      if (Date.now() > cleaned)
        throw new Error(
          `left behind: ${convertersRunningIn(workerDir).join('; ')} ${await readdir(join(workerDir, 'jobs'))}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await jobCounts()).toMatchObject({ active: 1 });

    // A worker (a restart, or another machine's) finds the stalled job and does it.
    const second = await startWorker();
    const pdf = await pdfOf(await asked);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(second.lines.filter((l) => l.msg === 'job finished' && l.converted === true)).toHaveLength(1);
    const [record] = await issued(files.report);
    expect(record).toMatchObject({ converted: true });

    // Nothing stuck, nothing left.
    expect(await jobCounts()).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    expect(await objects('renditions/sources/')).toEqual([]);
    expect(await readdir(join(workerDir, 'jobs'))).toEqual([]);
    expect(await readdir(join(proxyDir, 'jobs'))).toEqual([]);
    expect(convertersRunningIn(workerDir)).toEqual([]);
  }, 90_000);
});
