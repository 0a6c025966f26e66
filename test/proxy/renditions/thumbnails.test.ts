// Thumbnails for the attachment list, against the real converters (ImageMagick, poppler, and
// LibreOffice, libheif and libtiff for the renditions they are made from): a photo, a PDF and a Word
// file each get a small JPEG with no metadata; a file a gate refuses gets none; every ask is audited,
// and the second ask finds the thumbnail made by the first.
import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AttachmentStatus, LinkResponse } from '../../../core/proxy-api.ts';
import { THUMBNAIL_SIZE } from '../../../core/renditions.ts';
import { sampleAttachment } from '../../../sandbox/sample-data/sample-attachments.ts';
import { conversationIds, sandboxTokens } from '../../../scripts/local-stack/stack.ts';
import { jpegFacts } from '../../support/jpeg.ts';
import { withRenditionsProxy } from '../../support/renditions-proxy.ts';

const documents = conversationIds.webMessagingDocuments;
const photos = conversationIds.webMessaging;
const store = conversationIds.openMessagingStore;
const files = {
  photo: sampleAttachment(photos, 'damage-photo.jpg'),
  sideways: sampleAttachment(photos, 'damage-photo-sideways.jpg'),
  pdf: sampleAttachment(photos, 'policy-document.pdf'),
  letter: sampleAttachment(documents, 'Garage report CLM-1007.docx'),
  heic: sampleAttachment(documents, 'IMG_2041.HEIC'),
  fax: sampleAttachment(documents, 'fax-20260313-0902.tif'),
  pending: sampleAttachment(store, 'statement.pdf'),
  infected: sampleAttachment(store, 'eicar-test.txt'),
};

const alice = sandboxTokens.alice;
// One converter for files agents open: a thumbnail must never take it.
const env = withRenditionsProxy('thumbnails', { CONVERTER_CONCURRENCY: '1' });

function thumbnail(attachment: { conversationId: string; id: string }) {
  return env.proxy.request('/api/v1/links', {
    token: alice,
    body: {
      conversationId: attachment.conversationId,
      attachmentId: attachment.id,
      rendition: 'thumbnail',
    },
  });
}

/** The thumbnail's bytes as the list's <img> gets them, checked to be a small JPEG with no metadata. */
async function smallJpeg(attachment: { conversationId: string; id: string }) {
  const response = await thumbnail(attachment);
  expect(response.status, response.text).toBe(200);
  const link = response.json as LinkResponse;
  expect(link).toMatchObject({ contentType: 'image/jpeg', previewKind: 'image', disposition: 'inline' });
  const fetched = await fetch(link.url);
  expect(fetched.status).toBe(200);
  expect(fetched.headers.get('content-type')).toBe('image/jpeg');
  const bytes = Buffer.from(await fetched.arrayBuffer());
  const facts = jpegFacts(bytes);
  expect(Math.max(facts.width, facts.height)).toBeLessThanOrEqual(THUMBNAIL_SIZE);
  expect(Math.min(facts.width, facts.height)).toBeGreaterThan(THUMBNAIL_SIZE / 4);
  // No EXIF (a camera's GPS position, its Orientation) and no other metadata block.
  expect(bytes.includes(Buffer.from('Exif\0\0'))).toBe(false);
  const tags = execFileSync('exiftool', ['-s', '-EXIF:all', '-XMP:all', '-GPS:all', '-'], { input: bytes });
  expect(tags.toString().trim()).toBe('');
  expect(bytes.length).toBeLessThan(30_000);
  return { link, facts, bytes };
}

describe('the attachment listing', () => {
  it('offers a thumbnail for pictures, PDFs and documents, not for files a gate refuses or that have none', async () => {
    const listed = new Map<string, AttachmentStatus>();
    for (const conversation of [photos, documents, store]) {
      const response = await env.proxy.request(`/api/v1/conversations/${conversation}/attachments`, {
        token: alice,
      });
      expect(response.status).toBe(200);
      for (const a of (response.json as { attachments: AttachmentStatus[] }).attachments)
        listed.set(a.attachment.id, a);
    }
    for (const file of [files.photo, files.pdf, files.letter, files.heic, files.fax])
      expect(listed.get(file.id)?.thumbnail).toBe(true);
    // Pending and infected: the gate would refuse the thumbnail, so none is offered.
    for (const file of [files.pending, files.infected])
      expect(listed.get(file.id)?.thumbnail).toBeUndefined();
    const voiceNote = [...listed.values()].find((a) => a.attachment.fileName.endsWith('.wav'));
    expect(voiceNote?.availability).toBe('available');
    expect(voiceNote?.thumbnail).toBeUndefined();
  });
});

describe('thumbnails', () => {
  it('make a 12 MP photo a small JPEG, turned upright, without its EXIF', async () => {
    const { facts } = await smallJpeg(files.photo);
    expect([facts.width, facts.height]).toEqual([THUMBNAIL_SIZE, THUMBNAIL_SIZE * 0.75]);
    // Stored 4032 × 3024 with EXIF Orientation 6: the thumbnail is portrait, as the phone showed it.
    const sideways = await smallJpeg(files.sideways);
    expect([sideways.facts.width, sideways.facts.height]).toEqual([THUMBNAIL_SIZE * 0.75, THUMBNAIL_SIZE]);
    expect(sideways.facts.orientation).toBe(1);
  });

  it("make a PDF's first page a small JPEG", async () => {
    const { facts, link } = await smallJpeg(files.pdf);
    // A4 portrait.
    expect(facts.height).toBe(THUMBNAIL_SIZE);
    expect(facts.width).toBeLessThan(facts.height);
    expect(link.renditionOf).toMatchObject({ source: 'pdf', fileName: 'policy-document.pdf' });
  });

  it("make a Word file's, a HEIC photo's and a fax's first page small JPEGs, from their renditions", async () => {
    const letter = await smallJpeg(files.letter);
    expect(letter.facts.height).toBe(THUMBNAIL_SIZE);
    expect(letter.link).toMatchObject({
      fileName: 'Garage report CLM-1007.jpg',
      renditionOf: { source: 'word', fileName: 'Garage report CLM-1007.docx' },
    });
    const heic = await smallJpeg(files.heic);
    expect([heic.facts.width, heic.facts.height]).toEqual([THUMBNAIL_SIZE * 0.75, THUMBNAIL_SIZE]);
    await smallJpeg(files.fax);
    // The PDF made for the thumbnail was kept: opening the letter converts nothing more.
    const pdf = await env.proxy.request('/api/v1/links', {
      token: alice,
      body: { conversationId: documents, attachmentId: files.letter.id, rendition: 'pdf' },
    });
    expect(pdf.status, pdf.text).toBe(200);
    const opened = (await env.stack.auditRecords()).filter(
      (r) => r.event === 'rendition.issued' && r.attachment === files.letter.id && r.rendition === 'pdf',
    );
    expect(opened.map((r) => r.converted)).toEqual([false]);
  }, 180_000);

  it('are converted once, and every ask is audited', async () => {
    for (const file of [files.photo, files.pdf, files.letter]) {
      const again = await thumbnail(file);
      expect(again.status, again.text).toBe(200);
    }
    const audit = await env.stack.auditRecords();
    for (const file of [files.photo, files.pdf, files.letter]) {
      const issued = audit.filter(
        (r) => r.event === 'rendition.issued' && r.attachment === file.id && r.rendition === 'thumbnail',
      );
      expect(issued.map((r) => r.converted)).toEqual([true, false]);
      expect(issued[1]).toMatchObject({ decision: 'allow', org: env.stack.orgId, disposition: 'inline' });
    }
    // Kept where renditions are kept, named by content hash and recipe, nothing else.
    const cached = await readdir(join(env.dir, 'cache'));
    expect(cached.filter((name) => name.endsWith('.jpg')).length).toBeGreaterThanOrEqual(6);
    for (const name of cached) expect(name).toMatch(/^[0-9a-f]{64}-[0-9a-f]{16}\.(jpg|pdf)$/);
  });

  it('are refused, and the refusal audited, for a file the scan gate refuses', async () => {
    const pending = await thumbnail(files.pending);
    expect(pending.status).toBe(403);
    expect((pending.json as { error: { code: string } }).error.code).toBe('scan_pending');
    const infected = await thumbnail(files.infected);
    expect(infected.status).toBe(403);
    expect((infected.json as { error: { code: string } }).error.code).toBe('scan_infected');
    expect(infected.text).not.toContain('/renditions/');
    const denied = (await env.stack.auditRecords()).filter(
      (r) => r.event === 'rendition.denied' && r.rendition === 'thumbnail',
    );
    expect(denied.map((r) => r.decision).sort()).toEqual(['scan_infected', 'scan_pending']);
    // Nothing was read or converted for them.
    expect(await readdir(join(env.dir, 'jobs'))).toEqual([]);
  });

  it('are not tried again for a while when a file could not be converted', async () => {
    const damaged = sampleAttachment(documents, 'IMG_2042.HEIC');
    const first = await thumbnail(damaged);
    expect(first.status, first.text).toBe(422);
    env.stack.control.resetCalls();
    const again = await thumbnail(damaged);
    expect(again.status).toBe(422);
    expect((again.json as { error: { code: string } }).error.code).toBe('not_convertible');
    // Refused without reading the original again, let alone converting it.
    expect(env.stack.control.calls()['downloads.file'] ?? 0).toBe(0);
    // Opening it still tries (and fails the same way).
    const opened = await env.proxy.request('/api/v1/links', {
      token: alice,
      body: { conversationId: documents, attachmentId: damaged.id, rendition: 'jpeg' },
    });
    expect(opened.status).toBe(422);
    expect(env.stack.control.calls()['downloads.file']).toBe(1);
  });

  it("never keep a file an agent opens waiting behind the list's thumbnails", async () => {
    // Three documents' thumbnails (each a LibreOffice conversion to PDF first) queue for the
    // thumbnails' converter; then the agent opens the slides.
    const queued = ['damaged-items.xlsx', 'letter-1997.doc', 'full-assessment.docx'];
    const slides = sampleAttachment(documents, 'fleet-renewal.pptx');
    const pdfs = async () => (await readdir(join(env.dir, 'cache'))).filter((n) => n.endsWith('.pdf')).length;
    const before = await pdfs();
    const thumbnails = queued.map((name) => thumbnail(sampleAttachment(documents, name)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const opened = await env.proxy.request('/api/v1/links', {
      token: alice,
      body: { conversationId: documents, attachmentId: slides.id, rendition: 'pdf' },
    });
    expect(opened.status, opened.text).toBe(200);
    // Converted beside the thumbnails, not after them: when the slides' PDF was ready, the documents
    // queued before it were not all converted yet (all three were, with one queue for both).
    const documentsConverted = (await pdfs()) - before - 1;
    expect(documentsConverted).toBeLessThan(queued.length);
    for (const made of await Promise.all(thumbnails)) expect(made.status, made.text).toBe(200);
  }, 180_000);

  it('are refused for a file that has none', async () => {
    const voice = sampleAttachment(photos, 'voice-note.wav');
    const response = await thumbnail(voice);
    expect(response.status).toBe(409);
    expect((response.json as { error: { code: string } }).error.code).toBe('rendition_unavailable');
  });
});
