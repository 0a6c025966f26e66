// Two proxy replicas sharing Redis and the renditions folder (issue 11: "two replicas sharing Redis
// convert a document once"): agents on both ask for the same Word file's PDF at once; LibreOffice
// runs once, and every agent gets a link to that one rendition.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkResponse } from '../../../core/proxy-api.ts';
import { sampleAttachment } from '../../../sandbox/sample-data/sample-attachments.ts';
import {
  conversationIds,
  type Stack,
  type StackProxy,
  sandboxTokens,
  startStack,
} from '../../../scripts/local-stack/stack.ts';

const id = conversationIds.webMessagingDocuments;
const report = sampleAttachment(id, 'full-assessment.docx');

let stack: Stack;
let replicas: StackProxy[];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'renditions-shared-'));
  stack = await startStack({ redis: true });
  replicas = [
    await stack.startProxy({ RENDITIONS_DIR: dir }),
    await stack.startProxy({ RENDITIONS_DIR: dir }),
  ];
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('two replicas sharing Redis and the renditions folder', () => {
  it('convert a document once for agents asking on both at the same moment', async () => {
    const ask = (replica: StackProxy) =>
      replica.request('/api/v1/links', {
        token: sandboxTokens.alice,
        body: { conversationId: id, attachmentId: report.id, rendition: 'pdf' },
      });
    const answers = await Promise.all(replicas.flatMap((r) => [ask(r), ask(r), ask(r)]));
    for (const answer of answers) expect(answer.status, answer.text).toBe(200);
    const pdfs = await Promise.all(
      answers.map(async (a) => Buffer.from(await (await fetch((a.json as LinkResponse).url)).arrayBuffer())),
    );
    expect(new Set(pdfs.map((b) => b.toString('base64'))).size).toBe(1);
    expect(pdfs[0]?.subarray(0, 5).toString()).toBe('%PDF-');

    const issued = (await stack.auditRecords()).filter(
      (r) => r.event === 'rendition.issued' && r.attachment === report.id,
    );
    expect(issued).toHaveLength(answers.length);
    expect(issued.filter((r) => r.converted === true)).toHaveLength(1);
  }, 60_000);
});
