// Renditions end to end against the real converters (LibreOffice, libheif, libtiff): the sandbox
// org serves the documents conversation, the proxy converts what browsers cannot show, and the
// answers are checked as a viewer would read them: a PDF with the original's pages, an upright JPEG.
import { execFileSync } from 'node:child_process';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AttachmentStatus, LinkResponse } from '../../../core/proxy-api.ts';
import type { ArchiveDocument, EmailDocument } from '../../../core/rendition-documents.ts';
import type { RenditionName } from '../../../core/renditions.ts';
import { sampleAttachment } from '../../../sandbox/sample-data/sample-attachments.ts';
import { conversationIds, sandboxTokens } from '../../../scripts/local-stack/stack.ts';
import { mintLink } from '../../support/mint.ts';
import { withRenditionsProxy } from '../../support/renditions-proxy.ts';

const id = conversationIds.webMessagingDocuments;
const files = {
  letter: sampleAttachment(id, 'Garage report CLM-1007.docx'),
  items: sampleAttachment(id, 'damaged-items.xlsx'),
  slides: sampleAttachment(id, 'fleet-renewal.pptx'),
  word97: sampleAttachment(id, 'letter-1997.doc'),
  photo: sampleAttachment(id, 'IMG_2041.HEIC'),
  fax: sampleAttachment(id, 'fax-20260313-0902.tif'),
  bomb: sampleAttachment(id, 'quote.docx'),
  damagedPhoto: sampleAttachment(id, 'IMG_2042.HEIC'),
  macro: sampleAttachment(id, 'claim-form-CLM-1012.odt'),
};

const alice = sandboxTokens.alice;
const env = withRenditionsProxy('renditions', {
  // The zip bomb must meet a limit quickly here; production allows a minute.
  CONVERTER_TIMEOUT_SECONDS: '20',
  CONVERTER_MEMORY_MB: '2048',
});

function rendition(attachment: { conversationId: string; id: string }, name: RenditionName) {
  return env.proxy.request('/api/v1/links', {
    token: alice,
    body: { conversationId: attachment.conversationId, attachmentId: attachment.id, rendition: name },
  });
}

async function fetched(link: LinkResponse): Promise<{ bytes: Buffer; headers: Headers }> {
  const response = await fetch(link.url);
  expect(response.status).toBe(200);
  return { bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

/** pdfinfo's page count and page size (poppler-utils), from the bytes a viewer gets. */
function pdfFacts(bytes: Buffer): { pages: number; text: string } {
  const info = execFileSync('pdfinfo', ['-'], { input: bytes }).toString();
  const text = execFileSync('pdftotext', ['-', '-'], { input: bytes }).toString();
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), text };
}

async function jobsLeft(): Promise<string[]> {
  return readdir(join(env.dir, 'jobs')).catch(() => []);
}

/** LibreOffice's single-instance sockets, which it makes in /tmp whatever TMPDIR says. */
async function officeSockets(): Promise<string[]> {
  return (await readdir('/tmp')).filter((name) => name.includes('_SingleOfficeIPC_')).sort();
}

describe('the attachment listing', () => {
  it('names the rendition each file can have, and none for files a browser shows', async () => {
    const response = await env.proxy.request(`/api/v1/conversations/${id}/attachments`, { token: alice });
    expect(response.status).toBe(200);
    const byName = new Map(
      (response.json as { attachments: AttachmentStatus[] }).attachments.map((a) => [
        a.attachment.fileName,
        a,
      ]),
    );
    expect(byName.get('Garage report CLM-1007.docx')?.rendition).toBe('pdf');
    expect(byName.get('damaged-items.xlsx')?.rendition).toBe('pdf');
    expect(byName.get('fleet-renewal.pptx')?.rendition).toBe('pdf');
    expect(byName.get('letter-1997.doc')?.rendition).toBe('pdf');
    expect(byName.get('IMG_2041.HEIC')?.rendition).toBe('jpeg');
    expect(byName.get('fax-20260313-0902.tif')?.rendition).toBe('pdf');
    expect(byName.get('IMG_2041.HEIC')?.previewKind).toBe('none');
  });
});

describe('renditions', () => {
  it('turn a Word document into a PDF with its pages, text and photo', async () => {
    const response = await rendition(files.letter, 'pdf');
    expect(response.status, response.text).toBe(200);
    const link = response.json as LinkResponse;
    expect(link).toMatchObject({
      contentType: 'application/pdf',
      previewKind: 'pdf',
      disposition: 'inline',
      fileName: 'Garage report CLM-1007.pdf',
      renditionOf: {
        source: 'word',
        fileName: 'Garage report CLM-1007.docx',
        sniffedType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
    });
    const { bytes, headers } = await fetched(link);
    expect(headers.get('content-type')).toBe('application/pdf');
    expect(headers.get('content-disposition')).toMatch(/^inline/);
    const pdf = pdfFacts(bytes);
    expect(pdf.pages).toBe(3);
    expect(pdf.text).toContain('Front bumper');
    const images = execFileSync('pdfimages', ['-list', '-'], { input: bytes }).toString();
    expect(images).toMatch(/\b480\s+360\b/);
  });

  it('put every sheet of a spreadsheet on a page of its own, no column cut off', async () => {
    const response = await rendition(files.items, 'pdf');
    expect(response.status, response.text).toBe(200);
    const pdf = pdfFacts((await fetched(response.json as LinkResponse)).bytes);
    expect(pdf.pages).toBe(2);
    // The last column of the first sheet, and the second sheet.
    expect(pdf.text).toContain('IMG_2069');
    expect(pdf.text).toContain('Dry-Out Ltd');
  });

  it('turn slides and a Word 97 file into PDFs', async () => {
    const slides = await rendition(files.slides, 'pdf');
    expect(slides.status, slides.text).toBe(200);
    expect(pdfFacts((await fetched(slides.json as LinkResponse)).bytes)).toMatchObject({ pages: 3 });
    const old = await rendition(files.word97, 'pdf');
    expect(old.status, old.text).toBe(200);
    expect((old.json as LinkResponse).renditionOf?.source).toBe('word');
    expect(pdfFacts((await fetched(old.json as LinkResponse)).bytes).text).toContain('Left headlamp');
  });

  it('turn an iPhone HEIC upright once: a JPEG as the phone showed it, with no EXIF to turn it again', async () => {
    const response = await rendition(files.photo, 'jpeg');
    expect(response.status, response.text).toBe(200);
    const link = response.json as LinkResponse;
    expect(link).toMatchObject({ contentType: 'image/jpeg', previewKind: 'image', fileName: 'IMG_2041.jpg' });
    const { bytes } = await fetched(link);
    const path = join(env.dir, 'check.jpg');
    await writeFile(path, bytes);
    // Portrait, as taken: the HEIC stores it 4032 × 3024 with a quarter turn to apply.
    expect(execFileSync('identify', ['-format', '%w %h', path]).toString()).toBe('3024 4032');
    expect(bytes.includes(Buffer.from('Exif\0\0'))).toBe(false);
  });

  it('turn a document whose macro is bound to its opening into a PDF of its text, without running the macro', async () => {
    // The macro would write this file (sandbox/sample-files/src/documents/macro-document.py). The
    // converter's profile disables macros (proxy/renditions/converters.ts); Debian's -nogui build also
    // carries no Basic runtime, so here the marker's absence shows the outcome, not which guard held.
    const marker = '/tmp/attachment-viewer-macro-ran';
    await rm(marker, { force: true });
    const response = await rendition(files.macro, 'pdf');
    expect(response.status, response.text).toBe(200);
    expect((response.json as LinkResponse).renditionOf).toMatchObject({ source: 'word' });
    const { bytes } = await fetched(response.json as LinkResponse);
    expect(pdfFacts(bytes).text).toContain('Claim form CLM-1012 (with a macro)');
    await expect(stat(marker)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('turn a two-page fax into a two-page PDF', async () => {
    const response = await rendition(files.fax, 'pdf');
    expect(response.status, response.text).toBe(200);
    expect(pdfFacts((await fetched(response.json as LinkResponse)).bytes).pages).toBe(2);
  });

  it('convert a file once: later requests find the rendition without reading the original again', async () => {
    await rendition(files.slides, 'pdf');
    env.stack.control.resetCalls();
    const again = await rendition(files.slides, 'pdf');
    expect(again.status).toBe(200);
    // The original's hash is remembered by its Genesys download id, whose bytes never change.
    expect(env.stack.control.calls()['downloads.file'] ?? 0).toBe(0);
    const audit = await env.stack.auditRecords();
    const issued = audit.filter((r) => r.event === 'rendition.issued' && r.attachment === files.slides.id);
    expect(issued.length).toBeGreaterThanOrEqual(2);
    expect(issued.map((r) => r.converted)).toEqual([true, ...issued.slice(1).map(() => false)]);
  });

  it('answer a zip bomb and a damaged photo with "could not be converted", keep serving links, leave no job behind', async () => {
    const socketsBefore = await officeSockets();
    const traffic = (async () => {
      const answers: number[] = [];
      const until = Date.now() + 4_000;
      while (Date.now() < until) answers.push((await mintLink(env.proxy, files.letter)).status);
      return answers;
    })();
    const [bomb, damaged, answers] = await Promise.all([
      rendition(files.bomb, 'pdf'),
      rendition(files.damagedPhoto, 'jpeg'),
      traffic,
    ]);
    expect(bomb.status, bomb.text).toBe(422);
    expect((bomb.json as { error: { code: string } }).error.code).toBe('not_convertible');
    expect(damaged.status, damaged.text).toBe(422);
    expect(answers.length).toBeGreaterThan(5);
    expect(new Set(answers)).toEqual(new Set([200]));
    expect(await jobsLeft()).toEqual([]);
    // Killed at its limit, LibreOffice cannot remove its socket in /tmp: the pool does.
    // (Only new ones count: another LibreOffice on the machine may remove its own meanwhile.)
    expect((await officeSockets()).filter((s) => !socketsBefore.includes(s))).toEqual([]);
    const denied = (await env.stack.auditRecords()).filter((r) => r.event === 'rendition.denied');
    expect(denied.map((r) => r.decision)).toEqual(expect.arrayContaining(['not_convertible']));
  }, 60_000);

  it('refuses a rendition a file cannot have, and one asked for as a download', async () => {
    const wrongKind = await rendition(files.letter, 'jpeg');
    expect(wrongKind.status).toBe(409);
    const download = await env.proxy.request('/api/v1/links', {
      token: alice,
      body: {
        conversationId: id,
        attachmentId: files.letter.id,
        rendition: 'pdf',
        disposition: 'attachment',
      },
    });
    expect(download.status).toBe(400);
  });

  it('refuses a rendition link whose signature or key was changed', async () => {
    const response = await rendition(files.fax, 'pdf');
    const link = new URL((response.json as LinkResponse).url);
    const forged = new URL(link);
    forged.searchParams.set('type', 'text/html');
    expect((await fetch(forged)).status).toBe(403);
    const otherKey = new URL(link);
    otherKey.pathname = otherKey.pathname.replace(/[0-9a-f](?=-)/, (c) => (c === '0' ? '1' : '0'));
    expect((await fetch(otherKey)).status).toBe(403);
  });
});

describe('a converter cut off mid-job', () => {
  it('leaves no job folder and no process behind, and the next request converts again', async () => {
    const short = await env.stack.startProxy({ RENDITIONS_DIR: env.dir, CONVERTER_TIMEOUT_SECONDS: '5' });
    try {
      const response = await short.request('/api/v1/links', {
        token: alice,
        body: { conversationId: id, attachmentId: files.bomb.id, rendition: 'pdf' },
      });
      expect(response.status).toBe(422);
      expect(await jobsLeft()).toEqual([]);
      const running = execFileSync('ps', ['-eo', 'args']).toString();
      expect(running).not.toContain(join(env.dir, 'jobs'));
    } finally {
      await short.stop();
    }
  }, 30_000);
});

describe('email and archive renditions', () => {
  const email = sampleAttachment(id, 'Fwd: Repair estimate for CLM-1007.eml');
  const outlook = sampleAttachment(id, 'Attach and inline.msg');
  const photos = sampleAttachment(id, 'claim-photos.zip');
  const hostile = sampleAttachment(id, 'photos-2.zip');

  async function document<T>(attachment: { conversationId: string; id: string }, name: 'email' | 'archive') {
    const response = await rendition(attachment, name);
    expect(response.status, response.text).toBe(200);
    const link = response.json as LinkResponse;
    expect(link.previewKind).toBe(name);
    const { bytes, headers } = await fetched(link);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    return JSON.parse(bytes.toString('utf8')) as T;
  }

  it('show a forwarded email with its headers and an HTML body in which nothing can run or load', async () => {
    const mail = await document<EmailDocument>(email, 'email');
    expect(mail).toMatchObject({
      subject: 'Fwd: Repair estimate for CLM-1007',
      from: 'Tomasz Kowalczyk <tomasz.k@example.net>',
      to: ['claims@insurer.example'],
      cc: ['Northgate Brokers <service@northgate.example>'],
      date: '2026-03-13T08:45:00.000Z',
    });
    expect(mail.text).toContain('Front bumper: replace');
    const html = mail.html ?? '';
    expect(html).toContain('<td>Front bumper</td>');
    // The inline logo travels as data; nothing remote, runnable or submittable is left.
    expect(html).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="Garage logo"/);
    for (const gone of [
      '<script',
      'onload',
      '<form',
      '<input',
      '<iframe',
      'tracker.example',
      'attacker.example',
      'href=',
      'url(',
    ])
      expect(html).not.toContain(gone);
    // The tracking pixel, the remote banner and the url() style (style sheets and frames go whole).
    expect(mail.remoteBlocked).toBe(3);
    expect(mail.attachments).toEqual([
      { name: 'logo.png', type: 'image/png', size: 3485, inline: true },
      { name: 'claim-form.pdf', type: 'application/pdf', size: expect.any(Number), inline: false },
    ]);
  });

  it('show an Outlook message with its recipients, text and attachments', async () => {
    const mail = await document<EmailDocument>(outlook, 'email');
    expect(mail.subject).toBe('Attach and inline');
    expect(mail.to).toEqual(['xmailuser@xmailserver.test <xmailuser@xmailserver.test>']);
    expect(mail.attachments.map((a) => a.name)).toEqual(['attach.png', 'image001.png']);
  });

  it('list an archive’s entries with folders, sizes and dates, extracting nothing', async () => {
    const zip = await document<ArchiveDocument>(photos, 'archive');
    expect(zip.entries.map((e) => e.name)).toEqual([
      'photos/rear.jpg',
      'photos/front.jpg',
      'documents/claim-form.pdf',
      'documents/2025/old-invoice.pdf',
    ]);
    expect(zip.entries[0]).toMatchObject({ modified: '2026-03-12T09:30:00.000Z', flags: [] });
    expect(zip.entries[0]?.size).toBeGreaterThan(300_000);
  });

  it('flag entry names that climb out of a folder, programs and nested archives', async () => {
    const zip = await document<ArchiveDocument>(hostile, 'archive');
    expect(zip.entries.map((e) => [e.name, e.flags])).toEqual([
      ['../../../etc/cron.d/update', ['unsafeName']],
      ['/tmp/owned.txt', ['unsafeName']],
      ['invoice.pdf.exe', ['executable']],
      ['more/archive.zip', ['archive']],
      // Bombs and a document, which open (or are refused) as parts: parts.test.ts.
      ['scans/page-1.pdf', []],
      ['scans/page-2.pdf', []],
      ['notes/estimate.docx', []],
      ['private/statement.pdf', ['encrypted']],
    ]);
    expect(await jobsLeft()).toEqual([]);
  });
});
