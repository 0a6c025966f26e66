// Files inside emails and zip archives, opened like attachments, against the real document worker
// and converters (docs/renditions.md, "Files inside"): the container passes every gate a link
// passes, the part is extracted in a converter sandbox with a bound on its inflated size, its bytes
// decide how it is served, and every request is in the audit trail with the part named.
import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LinkResponse } from '../../../core/proxy-api.ts';
import type { PartSelector } from '../../../core/renditions.ts';
import { sampleAttachment } from '../../../sandbox/sample-data/sample-attachments.ts';
import { sampleFileBytes } from '../../../sandbox/sample-data/sample-files.ts';
import { conversationIds, sandboxTokens } from '../../../scripts/local-stack/stack.ts';
import { withRenditionsProxy } from '../../support/renditions-proxy.ts';

const id = conversationIds.webMessagingDocuments;
const email = sampleAttachment(id, 'Fwd: Repair estimate for CLM-1007.eml');
const outlook = sampleAttachment(id, 'Attach and inline.msg');
const photos = sampleAttachment(id, 'claim-photos.zip');
const hostile = sampleAttachment(id, 'photos-2.zip');
const letter = sampleAttachment(id, 'Garage report CLM-1007.docx');

// LibreOffice on a busy 2-core machine can take 20 s for the .docx inside; production allows a minute.
const env = withRenditionsProxy('parts', { CONVERTER_TIMEOUT_SECONDS: '45' });

function part(
  attachment: { conversationId: string; id: string },
  selector: unknown,
  token: string = sandboxTokens.alice,
  extra: Record<string, unknown> = {},
) {
  return env.proxy.request('/api/v1/links', {
    token,
    body: {
      conversationId: attachment.conversationId,
      attachmentId: attachment.id,
      part: selector,
      ...extra,
    },
  });
}

async function fetched(link: LinkResponse): Promise<{ bytes: Buffer; headers: Headers }> {
  const response = await fetch(link.url);
  expect(response.status).toBe(200);
  return { bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

const code = (response: { json: unknown }) => (response.json as { error: { code: string } }).error.code;

describe('a file inside a zip archive', () => {
  it('opens a PDF entry in a folder as the PDF it is, inline, with the archive named', async () => {
    const response = await part(photos, { kind: 'zip-entry', path: 'documents/claim-form.pdf' });
    expect(response.status, response.text).toBe(200);
    const link = response.json as LinkResponse;
    expect(link).toMatchObject({
      contentType: 'application/pdf',
      previewKind: 'pdf',
      disposition: 'inline',
      fileName: 'claim-form.pdf',
      sniffedType: 'application/pdf',
      partOf: {
        fileName: 'claim-photos.zip',
        name: 'claim-form.pdf',
        part: { kind: 'zip-entry', path: 'documents/claim-form.pdf' },
      },
    });
    const { bytes, headers } = await fetched(link);
    expect(headers.get('content-type')).toBe('application/pdf');
    expect(headers.get('content-disposition')).toMatch(/^inline/);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(bytes.equals(Buffer.from(sampleFileBytes('claim-form.pdf')))).toBe(true);
  });

  it('opens a photo entry as an image', async () => {
    const response = await part(photos, { kind: 'zip-entry', path: 'photos/front.jpg' });
    expect(response.status, response.text).toBe(200);
    const link = response.json as LinkResponse;
    expect(link).toMatchObject({ contentType: 'image/jpeg', previewKind: 'image', fileName: 'front.jpg' });
    expect((await fetched(link)).bytes.equals(Buffer.from(sampleFileBytes('damage-front.jpg')))).toBe(true);
  });

  it('opens a Word document inside through its PDF rendition', async () => {
    const response = await part(hostile, { kind: 'zip-entry', path: 'notes/estimate.docx' });
    expect(response.status, response.text).toBe(200);
    const link = response.json as LinkResponse;
    expect(link).toMatchObject({
      contentType: 'application/pdf',
      previewKind: 'pdf',
      fileName: 'estimate.pdf',
      renditionOf: { source: 'word', fileName: 'estimate.docx' },
      partOf: { fileName: 'photos-2.zip', name: 'estimate.docx' },
    });
    const text = execFileSync('pdftotext', ['-', '-'], { input: (await fetched(link)).bytes }).toString();
    expect(text).toContain('Front bumper');
    // Asked again: the part and its PDF are found, nothing is extracted or converted twice.
    const again = await part(hostile, { kind: 'zip-entry', path: 'notes/estimate.docx' });
    expect(again.status, again.text).toBe(200);
    const records = (await env.stack.auditRecords()).filter(
      (r) => r.event === 'rendition.issued' && r.part === 'zip:notes/estimate.docx',
    );
    expect(records.map((r) => r.converted)).toEqual([true, false]);
  }, 60_000);

  it.each<[string, string, string]>([
    ['a name that climbs out of its folder', '../../../etc/cron.d/update', 'part_refused'],
    ['an absolute name', '/tmp/owned.txt', 'part_refused'],
    ['a program', 'invoice.pdf.exe', 'part_refused'],
    ['an archive inside', 'more/archive.zip', 'part_refused'],
    ['an encrypted entry', 'private/statement.pdf', 'part_refused'],
    ['an entry that is not there', 'photos/none.jpg', 'part_not_found'],
    ['a bomb that says its size (64 MB)', 'scans/page-1.pdf', 'part_too_large'],
    ['a bomb that claims 1 KB and inflates to 64 MB', 'scans/page-2.pdf', 'part_too_large'],
  ])('refuses %s, extracts nothing, and leaves no job behind', async (_what, path, expected) => {
    const response = await part(hostile, { kind: 'zip-entry', path });
    expect(response.status, response.text).toBe(expected === 'part_not_found' ? 404 : 422);
    expect(code(response)).toBe(expected);
    expect(await readdir(join(env.dir, 'jobs')).catch(() => [])).toEqual([]);
    // Nothing of the archive lands outside the job folder, which is gone.
    const cache = await readdir(join(env.dir, 'cache'));
    expect(cache.some((name) => name.endsWith('.bin') && name.length < 20)).toBe(false);
  });

  it('stores the refused bomb nowhere: the cache holds parts of the files that opened only', async () => {
    const cache = await readdir(join(env.dir, 'cache'));
    const parts = cache.filter((name) => name.endsWith('.bin'));
    // claim-form.pdf, front.jpg, estimate.docx (each with its facts beside it).
    expect(parts.length).toBe(3);
    for (const name of parts) expect(cache).toContain(name.replace(/\.bin$/, '.json'));
  });
});

describe('a file inside an email', () => {
  it('opens the PDF attached to an .eml and its inline logo', async () => {
    const pdf = await part(email, { kind: 'email-attachment', index: 1 });
    expect(pdf.status, pdf.text).toBe(200);
    expect(pdf.json as LinkResponse).toMatchObject({
      previewKind: 'pdf',
      fileName: 'claim-form.pdf',
      declaredType: 'application/pdf',
      typeMismatch: false,
      partOf: { fileName: 'Fwd: Repair estimate for CLM-1007.eml', name: 'claim-form.pdf' },
    });
    const { bytes } = await fetched(pdf.json as LinkResponse);
    expect(bytes.equals(Buffer.from(sampleFileBytes('claim-form.pdf')))).toBe(true);
    const logo = await part(email, { kind: 'email-attachment', index: 0 });
    expect(logo.status, logo.text).toBe(200);
    expect(logo.json as LinkResponse).toMatchObject({ previewKind: 'image', contentType: 'image/png' });
  });

  it('opens the image attached to an Outlook message', async () => {
    const response = await part(outlook, { kind: 'email-attachment', index: 0 });
    expect(response.status, response.text).toBe(200);
    expect(response.json as LinkResponse).toMatchObject({
      previewKind: 'image',
      contentType: 'image/png',
      fileName: 'attach.png',
    });
  });

  it('answers 404 for a file the email does not have', async () => {
    const response = await part(email, { kind: 'email-attachment', index: 7 });
    expect(response.status).toBe(404);
    expect(code(response)).toBe('part_not_found');
  });
});

describe('requests for parts', () => {
  it.each<[string, unknown, Record<string, unknown>]>([
    ['an empty path', { kind: 'zip-entry', path: '' }, {}],
    ['a folder', { kind: 'zip-entry', path: 'photos/' }, {}],
    ['a path over 1,024 bytes', { kind: 'zip-entry', path: 'a'.repeat(1_025) }, {}],
    ['a negative index', { kind: 'email-attachment', index: -1 }, {}],
    ['a fractional index', { kind: 'email-attachment', index: 1.5 }, {}],
    ['an unknown kind', { kind: 'tar-entry', path: 'a' }, {}],
    ['an extra field', { kind: 'zip-entry', path: 'a', index: 1 }, {}],
    ['a download', { kind: 'zip-entry', path: 'photos/front.jpg' }, { disposition: 'attachment' }],
    ['a part and a rendition', { kind: 'zip-entry', path: 'photos/front.jpg' }, { rendition: 'pdf' }],
  ])('refuses %s with 400 and extracts nothing', async (_what, selector, extra) => {
    const response = await part(photos, selector, sandboxTokens.alice, extra);
    expect(response.status, response.text).toBe(400);
    expect(code(response)).toBe('invalid_request');
  });

  it('refuses a part of a file that is no container, and an email part of a zip', async () => {
    const ofWord = await part(letter, { kind: 'zip-entry', path: 'word/document.xml' });
    expect(ofWord.status).toBe(409);
    const wrongKind = await part(photos, { kind: 'email-attachment', index: 0 });
    expect(wrongKind.status).toBe(409);
  });

  it('gives no part of a container its gates refuse: an agent who cannot read the conversation, another org', async () => {
    // Bob reads only the web messaging conversation: the container is not granted, so no part is.
    const response = await part(photos, { kind: 'zip-entry', path: 'photos/front.jpg' }, sandboxTokens.bob);
    expect(response.status, response.text).toBe(403);
    expect(code(response)).toBe('not_permitted');
    const foreign = await part(
      photos,
      { kind: 'zip-entry', path: 'photos/front.jpg' },
      sandboxTokens.mallory,
    );
    expect(foreign.status).toBe(403);
  });

  it('audits every part request with the part named, issued or denied', async () => {
    const audit = await env.stack.auditRecords();
    const issued = audit.filter((r) => r.event === 'rendition.issued' && r.rendition === 'part');
    expect(issued.map((r) => r.part)).toEqual(
      expect.arrayContaining([
        'zip:documents/claim-form.pdf',
        'zip:photos/front.jpg',
        'zip:notes/estimate.docx',
        'email:1',
        'email:0',
      ]),
    );
    for (const record of issued)
      expect(record).toMatchObject({ decision: 'allow', conversation: id, disposition: 'inline' });
    const denied = audit.filter((r) => r.event === 'rendition.denied' && r.rendition === 'part');
    const decisions = new Map(denied.map((r) => [r.part, r.decision]));
    expect(decisions.get('zip:../../../etc/cron.d/update')).toBe('part_refused');
    expect(decisions.get('zip:invoice.pdf.exe')).toBe('part_refused');
    expect(decisions.get('zip:private/statement.pdf')).toBe('part_refused');
    expect(decisions.get('zip:scans/page-2.pdf')).toBe('part_too_large');
    expect(decisions.get('zip:photos/none.jpg')).toBe('part_not_found');
    expect(denied.some((r) => r.decision === 'not_permitted' && r.user !== undefined)).toBe(true);
    const selector: PartSelector = { kind: 'email-attachment', index: 7 };
    expect(decisions.get(`email:${selector.index}`)).toBe('part_not_found');
  });
});
