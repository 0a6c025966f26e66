// The link flow end to end, for every backend: the proxy re-reads the conversation with the agent's
// token, inspects the stored bytes, gates on the scan verdict and mints a short-lived link whose bytes
// and headers are checked here against the sample org (store on disk, S3 in a real Swift, Genesys
// downloads from the sandbox org).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse as parseDisposition } from 'content-disposition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../core/attachment-ref.ts';
import type { PlatformReads } from '../../core/conversation-reader.ts';
import { readConversation } from '../../core/conversation-reader.ts';
import { detectAttachments } from '../../core/detect.ts';
import type { AttachmentStatus, ClientConfigResponse, LinkResponse } from '../../core/proxy-api.ts';
import {
  type SampleAttachment,
  sampleAttachment,
  sampleAttachments,
  sampleBytes,
} from '../../sandbox/sample-data/sample-attachments.ts';
import {
  conversationIds,
  type ProxyClient,
  type Stack,
  type StackProxy,
  startStack,
} from '../../scripts/local-stack/stack.ts';
import { mintedLink, mintLink } from '../support/mint.ts';

let stack: Stack;
/** Request ids of every link the proxies answered 200 to: the audit must hold exactly these. */
const issued: string[] = [];

/** `proxy` (the main one unless given), keeping the request id of every link it answers 200 to. */
function recorded(proxy: StackProxy = stack.proxy): ProxyClient {
  return {
    request: async (path, options) => {
      const response = await proxy.request(path, options);
      if (response.status === 200) issued.push(response.headers.get('x-request-id') ?? '');
      return response;
    },
  };
}

function disposition(response: { headers: Headers }) {
  return parseDisposition(response.headers.get('content-disposition') ?? '');
}

const store = {
  fakeInvoice: sampleAttachment(conversationIds.openMessagingStore, 'invoice.pdf'),
  notes: sampleAttachment(conversationIds.openMessagingStore, 'notes.txt'),
  diagram: sampleAttachment(conversationIds.openMessagingStore, 'diagram.svg'),
  savedPage: sampleAttachment(conversationIds.openMessagingStore, 'saved-page.html'),
  eicar: sampleAttachment(conversationIds.openMessagingStore, 'eicar-test.txt'),
  statement: sampleAttachment(conversationIds.openMessagingStore, 'statement.pdf'),
};
const s3 = {
  damageFront: sampleAttachment(conversationIds.openMessagingS3, 'damage-front.jpg'),
  transfer: sampleAttachment(conversationIds.openMessagingS3, 'Überweisung März 2026.pdf'),
  eicar: sampleAttachment(conversationIds.openMessagingS3, 'eicar-test.txt'),
  quarantined: sampleAttachment(conversationIds.openMessagingS3, 'statement.pdf'),
};
const hosted = {
  policy: sampleAttachment(conversationIds.webMessaging, 'policy-document.pdf'),
  voiceNote: sampleAttachment(conversationIds.webMessaging, 'voice-note.wav'),
  accidentReport: sampleAttachment(conversationIds.email, 'accident-report.pdf'),
  endedReceipt: sampleAttachment(conversationIds.endedMessaging, 'receipt.jpg'),
  endedInvoice: sampleAttachment(conversationIds.endedEmail, 'old-invoice.pdf'),
};

// Links minted at the start by a proxy with the shortest TTL allowed, fetched again at the end.
let shortLived: { proxy: StackProxy; links: { name: string; link: LinkResponse }[] };

beforeAll(async () => {
  stack = await startStack({ swift: true });
  const proxy = await stack.startProxy({ LINK_TTL_SECONDS: '10' });
  const links = [];
  for (const [name, attachment] of [
    ['s3', s3.damageFront],
    ['store', store.notes],
    ['relay', hosted.policy],
  ] as const) {
    links.push({ name, link: await mintedLink(recorded(proxy), attachment) });
  }
  shortLived = { proxy, links };
});

afterAll(async () => {
  await stack?.stop();
});

describe('local store links', () => {
  it('serves the exact stored bytes with the type sniffed from them and the file headers', async () => {
    const link = await mintedLink(recorded(), store.fakeInvoice);
    expect(link.url.startsWith(`${stack.proxyUrl}/files/`)).toBe(true);
    const file = await stack.request(link.url);
    expect(file.status).toBe(200);
    expect(file.bytes).toEqual(await sampleBytes(store.fakeInvoice));
    // invoice.pdf holds a PNG: the bytes decide, and the name it is saved under says so.
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(disposition(file)).toEqual({ type: 'inline', parameters: { filename: 'invoice.png' } });
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toMatch(/^sandbox(;|$)/);
    expect(file.headers.get('cache-control')).toContain('no-store');
  });

  it('answers a Range request with 206 and exactly the bytes asked for', async () => {
    const link = await mintedLink(recorded(), store.notes);
    const bytes = await sampleBytes(store.notes);
    const partial = await stack.request(link.url, { headers: { range: 'bytes=10-49' } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe(`bytes 10-49/${bytes.length}`);
    expect(partial.bytes).toEqual(bytes.subarray(10, 50));
    const suffix = await stack.request(link.url, { headers: { range: 'bytes=-16' } });
    expect(suffix.status).toBe(206);
    expect(suffix.bytes).toEqual(bytes.subarray(bytes.length - 16));
    expect(suffix.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves a download when the agent asks for an attachment disposition', async () => {
    const link = await mintedLink(recorded(), store.notes, { disposition: 'attachment' });
    expect(link.disposition).toBe('attachment');
    const file = await stack.request(link.url);
    expect(file.status).toBe(200);
    expect(disposition(file)).toEqual({ type: 'attachment', parameters: { filename: 'notes.txt' } });
    expect(file.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });
});

describe('S3 links through Swift', () => {
  it('mints a presigned URL that fetches exactly the stored bytes with the signed type and disposition', async () => {
    for (const attachment of [s3.damageFront, s3.transfer]) {
      const link = await mintedLink(recorded(), attachment);
      const url = new URL(link.url);
      expect(url.origin).toBe(stack.swift?.endpoint);
      expect(url.searchParams.get('response-content-type')).toBe(link.contentType);
      const file = await stack.request(link.url);
      expect(file.status).toBe(200);
      expect(file.bytes).toEqual(await sampleBytes(attachment));
      expect(file.headers.get('content-type')).toBe(link.contentType);
      expect(disposition(file)).toEqual({
        type: 'inline',
        parameters: expect.objectContaining({ filename: attachment.fileName }),
      });
      expect(file.headers.get('cache-control')).toContain('no-store');
    }
  });

  it('gets a 403 from Swift when one byte of the signature is flipped', async () => {
    const url = new URL((await mintedLink(recorded(), s3.damageFront)).url);
    const signature = url.searchParams.get('X-Amz-Signature') ?? '';
    url.searchParams.set('X-Amz-Signature', (signature[0] === '0' ? '1' : '0') + signature.slice(1));
    const file = await stack.request(url.toString());
    expect(file.status).toBe(403);
    expect(file.text).toContain('SignatureDoesNotMatch');
  });

  it('gets a 403 from Swift when the signed response type is changed to HTML', async () => {
    const url = new URL((await mintedLink(recorded(), s3.damageFront)).url);
    url.searchParams.set('response-content-type', 'text/html');
    expect((await stack.request(url.toString())).status).toBe(403);
  });
});

describe('Genesys-hosted files', () => {
  it('relays the bytes of the sandbox download through a sealed ticket', async () => {
    for (const attachment of [hosted.policy, hosted.voiceNote, hosted.accidentReport]) {
      const link = await mintedLink(recorded(), attachment);
      expect(link.url.startsWith(`${stack.proxyUrl}/relay/`)).toBe(true);
      expect(link.url).not.toContain(stack.sandboxUrl.replace('http://', ''));
      const file = await stack.request(link.url);
      expect(file.status).toBe(200);
      expect(file.bytes).toEqual(await sampleBytes(attachment));
      expect(file.headers.get('content-type')).toBe(attachment.declaredType);
      expect(disposition(file).type).toBe('inline');
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect(file.headers.get('content-security-policy')).toMatch(/^sandbox(;|$)/);
    }
  });

  it('relays a Range request as 206 with exactly those bytes', async () => {
    const link = await mintedLink(recorded(), hosted.policy);
    const bytes = await sampleBytes(hosted.policy);
    const partial = await stack.request(link.url, { headers: { range: 'bytes=100-299' } });
    expect(partial.status).toBe(206);
    expect(partial.bytes).toEqual(bytes.subarray(100, 300));
  });

  it('hands out the Genesys signed URL itself in direct mode', async () => {
    const direct = await stack.startProxy({ GENESYS_DOWNLOADS: 'direct' });
    const link = await mintedLink(recorded(direct), hosted.policy);
    expect(link.url.startsWith(`${stack.sandboxUrl}/__sandbox/files/`)).toBe(true);
    const file = await stack.request(link.url);
    expect(file.status).toBe(200);
    expect(file.bytes).toEqual(await sampleBytes(hosted.policy));
  });

  it('mints links for the attachments of ended interactions, found in their recordings', async () => {
    for (const attachment of [hosted.endedReceipt, hosted.endedInvoice]) {
      const link = await mintedLink(recorded(), attachment);
      const file = await stack.request(link.url);
      expect(file.status).toBe(200);
      expect(file.bytes).toEqual(await sampleBytes(attachment));
    }
  });
});

/** The sample conversation read straight from the sandbox org, as the widget would. */
function sandboxReads(token: string): PlatformReads {
  // biome-ignore lint/suspicious/noExplicitAny: the sandbox answers in the SDK's model shapes
  const call = async (path: string, body?: unknown): Promise<any> => {
    const response = await fetch(`${stack.sandboxUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw Object.assign(new Error(`sandbox ${response.status}`), { status: response.status });
    return response.json();
  };
  return {
    getConversation: (id) => call(`/api/v2/conversations/${id}`),
    getMessagesBulk: (id, ids) => call(`/api/v2/conversations/messages/${id}/messages/bulk`, ids),
    getEmailMessages: (id, pageUri) => call(pageUri ?? `/api/v2/conversations/emails/${id}/messages`),
    getRecordings: (id) => call(`/api/v2/conversations/${id}/recordings`),
    failureOf: (error) => error as { status?: number },
  };
}

// What the bytes of each sample file are; the one liar is named below.
const sniffedByExtension: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  wav: 'audio/wav',
  webm: 'video/webm',
  csv: 'text/csv',
  txt: 'text/plain',
  json: 'application/json',
  svg: 'image/svg+xml',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  // Every legacy Office file is a Compound File Binary container (core/renditions.ts).
  doc: 'application/x-cfb',
  heic: 'image/heic',
  tif: 'image/tiff',
  eml: 'text/plain',
  msg: 'application/x-cfb',
  zip: 'application/zip',
  odt: 'application/vnd.oasis.opendocument.text',
};
function expectedSniffedType(attachment: SampleAttachment): string {
  if (attachment.fileName === 'invoice.pdf') return 'image/png';
  return sniffedByExtension[attachment.fileName.split('.').pop()?.toLowerCase() ?? ''] ?? 'unknown';
}

describe('batch status', () => {
  it('lists every sample attachment with availability, size, sniffed type and scan status', async () => {
    const config = (await stack.request('/api/v1/config', { token: stack.tokens.alice }))
      .json as ClientConfigResponse;
    for (const conversationId of Object.values(conversationIds)) {
      const response = await stack.request(`/api/v1/conversations/${conversationId}/attachments`, {
        token: stack.tokens.alice,
      });
      expect(response.status).toBe(200);
      const statuses = response.json.attachments as AttachmentStatus[];

      // The same references, ids included, as core's detection over the same conversation.
      const detected: AttachmentRef[] = detectAttachments(
        await readConversation(sandboxReads(stack.tokens.alice), conversationId),
        config.detectionRules,
      );
      expect(statuses.map((s) => s.attachment)).toEqual(detected);

      const expected = sampleAttachments(conversationId);
      expect(statuses.map((s) => s.attachment.id).sort()).toEqual(expected.map((e) => e.id).sort());
      for (const attachment of expected) {
        const status = statuses.find((s) => s.attachment.id === attachment.id);
        if (attachment.location.kind === 'external') {
          expect(status).toMatchObject({ availability: 'external' });
          continue;
        }
        if (attachment.location.kind === 'unretrievable') {
          expect(status).toMatchObject({ availability: 'unsupported', reason: 'not_retrievable' });
          continue;
        }
        expect(status).toMatchObject({
          availability: 'available',
          size: (await sampleBytes(attachment)).length,
          sniffedType: expectedSniffedType(attachment),
          scan: attachment.scanStatus ?? 'unscanned',
          typeMismatch: attachment.fileName === 'invoice.pdf',
        });
      }
    }
  });
});

describe('scan gate and content policy', () => {
  it.each([
    ['an infected store file', store.eicar, 'scan_infected'],
    ['an infected S3 object', s3.eicar, 'scan_infected'],
    ['a store file whose sidecar says pending', store.statement, 'scan_pending'],
    ['an S3 object still in the quarantine bucket', s3.quarantined, 'scan_pending'],
  ])('refuses a link for %s', async (_name, attachment, code) => {
    const response = await mintLink(recorded(), attachment);
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe(code);
    if (code === 'scan_pending') expect(response.headers.get('retry-after')).toBe('30');
  });

  it('reports the lying extension as a type mismatch and serves the file as what it really is', async () => {
    const link = await mintedLink(recorded(), store.fakeInvoice);
    expect(link).toMatchObject({
      typeMismatch: true,
      sniffedType: 'image/png',
      contentType: 'image/png',
      previewKind: 'image',
      claimedType: 'application/pdf',
      claimedBy: 'name',
      fileName: 'invoice.png',
    });
    const file = await stack.request(link.url);
    expect(file.headers.get('content-type')).toBe('image/png');
    // Downloaded, it is saved as a PNG too: the agent's computer opens it with an image viewer.
    const download = await mintedLink(recorded(), store.fakeInvoice, { disposition: 'attachment' });
    const saved = await stack.request(download.url);
    expect(disposition(saved)).toEqual({ type: 'attachment', parameters: { filename: 'invoice.png' } });
  });

  it('never serves SVG or HTML inline as themselves', async () => {
    for (const requested of ['inline', 'attachment'] as const) {
      const svg = await mintedLink(recorded(), store.diagram, { disposition: requested });
      expect(svg).toMatchObject({ disposition: 'attachment', contentType: 'image/svg+xml' });
      const svgFile = await stack.request(svg.url);
      expect(svgFile.status).toBe(200);
      expect(disposition(svgFile).type).toBe('attachment');

      const html = await mintedLink(recorded(), store.savedPage, { disposition: requested });
      const htmlFile = await stack.request(html.url);
      expect(htmlFile.status).toBe(200);
      expect(htmlFile.bytes).toEqual(await sampleBytes(store.savedPage));
      expect(htmlFile.headers.get('content-type')).not.toMatch(/html/);
      expect(htmlFile.headers.get('content-type')).toBe(
        requested === 'inline' ? 'text/plain; charset=utf-8' : 'application/octet-stream',
      );
      expect(htmlFile.headers.get('content-security-policy')).toMatch(/^sandbox(;|$)/);
    }
  });
});

describe('authorization', () => {
  it('refuses an attachment id from another conversation with the same answer as a made-up id', async () => {
    const foreign = await mintLink(recorded(), {
      conversationId: conversationIds.openMessagingS3,
      id: store.notes.id,
    });
    const madeUp = await mintLink(recorded(), {
      conversationId: conversationIds.openMessagingS3,
      id: 'a'.repeat(24),
    });
    expect(foreign.status).toBe(403);
    expect(madeUp.status).toBe(403);
    expect(foreign.json.error.code).toBe('not_permitted');
    const { requestId: _a, ...foreignBody } = foreign.json.error;
    const { requestId: _b, ...madeUpBody } = madeUp.json.error;
    expect(foreignBody).toEqual(madeUpBody);
  });

  it('lets bob open files of the conversation he can read and nothing of one he cannot', async () => {
    expect((await mintLink(recorded(), hosted.policy, { token: stack.tokens.bob })).status).toBe(200);
    const refused = await mintLink(recorded(), store.notes, { token: stack.tokens.bob });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('not_permitted');
    const status = await stack.request(
      `/api/v1/conversations/${conversationIds.openMessagingStore}/attachments`,
      {
        token: stack.tokens.bob,
      },
    );
    expect(status.status).toBe(403);
    expect(status.json.error.code).toBe('not_permitted');
  });

  it('refuses a token of another organization', async () => {
    for (const path of [
      '/api/v1/session',
      `/api/v1/conversations/${conversationIds.webMessaging}/attachments`,
    ]) {
      const response = await stack.request(path, { token: stack.tokens.mallory });
      expect(response.status).toBe(403);
      expect(response.json.error.code).toBe('wrong_organization');
    }
    const link = await mintLink(recorded(), hosted.policy, { token: stack.tokens.mallory });
    expect(link.status).toBe(403);
    expect(link.json.error.code).toBe('wrong_organization');
  });
});

describe('short-lived links', () => {
  it('stop working once their TTL has passed', async () => {
    const expiresAt = Math.max(...shortLived.links.map((l) => Date.parse(l.link.expiresAt)));
    // S3 and the proxy compare whole seconds: wait until the last second has surely passed.
    await sleep(Math.max(0, expiresAt - Date.now() + 1_500));
    for (const { name, link } of shortLived.links) {
      const response = await stack.request(link.url);
      expect(response.status, name).toBe(403);
    }
  });
});

describe('audit', () => {
  it('issues no link when the decision cannot be recorded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'av-audit-'));
    try {
      // A file where the audit folder should be: every write fails.
      await writeFile(join(dir, 'blocked'), 'not a folder');
      const proxy = await stack.startProxy({ AUDIT_LOG_DIR: join(dir, 'blocked') });
      const response = await mintLink(recorded(proxy), store.notes);
      expect(response.status).toBe(503);
      expect(response.json.error.code).toBe('audit_unavailable');
      expect(response.json.url).toBeUndefined();
      expect(response.text).not.toContain('/files/');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('holds exactly one link.issued line for every link handed out', async () => {
    const records = await stack.auditRecords();
    const lines = records.filter((r) => r.event === 'link.issued');
    expect(lines.map((r) => r.requestId).sort()).toEqual([...issued].sort());
    for (const line of lines) {
      expect(line).toMatchObject({ decision: 'allow', org: stack.orgId });
      expect(typeof line.user).toBe('string');
    }
    const denied = records.filter((r) => r.event === 'link.denied').map((r) => r.decision);
    expect(denied).toEqual(expect.arrayContaining(['scan_infected', 'scan_pending', 'not_permitted']));
  });

  it('holds exactly one status.read line for every listing answered (issue #15, finding 6)', async () => {
    const listed = [];
    for (const conversationId of [conversationIds.openMessagingStore, conversationIds.webMessaging]) {
      const response = await stack.request(`/api/v1/conversations/${conversationId}/attachments`, {
        token: stack.tokens.alice,
      });
      expect(response.status).toBe(200);
      listed.push({ requestId: response.headers.get('x-request-id'), conversation: conversationId });
    }
    const lines = (await stack.auditRecords()).filter(
      (r) => r.event === 'status.read' && r.decision === 'allow',
    );
    for (const { requestId, conversation } of listed)
      expect(lines.filter((r) => r.requestId === requestId)).toEqual([
        expect.objectContaining({ conversation, org: stack.orgId }),
      ]);
  });
});

it('never wrote a token or a link signature to the logs or the audit trail', async () => {
  const seen = stack.knownSecrets();
  // The check is only worth something if the run handed out each kind of capability.
  expect(seen.some((s) => /^[0-9a-f]{64}$/.test(s))).toBe(true); // X-Amz-Signature
  expect(seen.some((s) => s.startsWith('k1.'))).toBe(true); // relay ticket
  expect(seen).toContain(stack.tokens.alice);
  expect(stack.logLines.length).toBeGreaterThan(0);
  expect(await stack.leakedSecrets()).toEqual([]);
});
