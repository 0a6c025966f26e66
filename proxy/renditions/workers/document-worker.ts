// Runs inside a converter sandbox (converter-sandbox.ts), never in the proxy: reads one email
// (.eml, .msg) or archive (.zip) and writes what the widget's email or archive view shows, as JSON
// (core/rendition-documents.ts). `node document-worker.ts email|outlook|zip <input> <output>`.
// Libraries: postal-mime (MIME parsing), @kenjiuno/msgreader (Outlook's CFB format), yauzl (zip
// central directory, read without extracting anything), sanitize-html (the HTML body made inert).
import { readFile, writeFile } from 'node:fs/promises';
import msgreader from '@kenjiuno/msgreader';
import PostalMime from 'postal-mime';
import sanitizeHtml from 'sanitize-html';
import yauzl from 'yauzl';
import {
  ARCHIVE_ENTRY_LIMIT,
  type ArchiveDocument,
  type ArchiveEntry,
  type ArchiveEntryFlag,
  EMAIL_HTML_LIMIT,
  EMAIL_TEXT_LIMIT,
  type EmailDocument,
} from '../../../core/rendition-documents.ts';

const INLINE_IMAGE_LIMIT = 2 * 1024 * 1024;
const INLINE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

interface Attachment {
  name: string;
  type: string;
  size: number;
  contentId?: string;
  content?: Uint8Array;
  inline: boolean;
}

interface ParsedEmail {
  subject?: string;
  from?: string;
  to: string[];
  cc: string[];
  date?: string;
  text?: string;
  html?: string;
  attachments: Attachment[];
}

async function main(): Promise<void> {
  const [kind, input, output] = process.argv.slice(2);
  if (!kind || !input || !output)
    throw new Error('usage: document-worker.ts email|outlook|zip <input> <output>');
  const document =
    kind === 'zip'
      ? await readArchive(input)
      : toEmailDocument(kind === 'outlook' ? await readOutlook(input) : await readEml(input));
  await writeFile(output, JSON.stringify(document));
}

async function readEml(path: string): Promise<ParsedEmail> {
  const email = await PostalMime.parse(await readFile(path));
  const address = (a: { name?: string; address?: string } | undefined) =>
    a ? (a.name ? `${a.name} <${a.address ?? ''}>` : (a.address ?? '')) : undefined;
  const list = (xs: { name?: string; address?: string }[] | undefined) =>
    (xs ?? []).map(address).filter((x): x is string => !!x);
  return {
    subject: email.subject,
    from: address(email.from),
    to: list(email.to),
    cc: list(email.cc),
    date: isoDate(email.date),
    text: email.text,
    html: email.html,
    attachments: email.attachments.map((a) => {
      const content =
        typeof a.content === 'string' ? new TextEncoder().encode(a.content) : new Uint8Array(a.content);
      return {
        name: a.filename ?? 'attachment',
        type: a.mimeType,
        size: content.length,
        contentId: a.contentId?.replace(/^<|>$/g, ''),
        content,
        inline: a.disposition === 'inline' || !!a.related,
      };
    }),
  };
}

async function readOutlook(path: string): Promise<ParsedEmail> {
  const bytes = await readFile(path);
  // CommonJS compiled by TypeScript: the import is its exports object, whose default is the reader.
  const reader = new msgreader.default(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
  const data = reader.getFileData();
  if (data.error) throw new Error(`not an Outlook message: ${data.error}`);
  const recipients = data.recipients ?? [];
  const who = (r: { name?: string; email?: string; smtpAddress?: string }) =>
    r.name && (r.smtpAddress ?? r.email)
      ? `${r.name} <${r.smtpAddress ?? r.email}>`
      : (r.name ?? r.email ?? '');
  return {
    subject: data.subject,
    from: data.senderName
      ? `${data.senderName} <${data.senderSmtpAddress ?? data.senderEmail ?? ''}>`
      : undefined,
    to: recipients.filter((r) => r.recipType !== 'cc' && r.recipType !== 'bcc').map(who),
    cc: recipients.filter((r) => r.recipType === 'cc').map(who),
    date: isoDate(data.messageDeliveryTime ?? data.clientSubmitTime),
    text: data.body,
    html: data.bodyHtml,
    attachments: (data.attachments ?? []).map((a) => {
      const file = reader.getAttachment(a);
      return {
        name: a.fileName ?? a.name ?? 'attachment',
        type: a.attachMimeTag ?? 'application/octet-stream',
        size: file.content.length,
        contentId: a.pidContentId?.replace(/^<|>$/g, ''),
        content: file.content,
        inline: !!a.attachmentHidden,
      };
    }),
  };
}

function toEmailDocument(email: ParsedEmail): EmailDocument {
  let remoteBlocked = 0;
  const images = new Map<string, string>();
  for (const a of email.attachments)
    if (a.contentId && a.content && INLINE_IMAGE_TYPES.has(a.type) && a.content.length <= INLINE_IMAGE_LIMIT)
      images.set(a.contentId, `data:${a.type};base64,${Buffer.from(a.content).toString('base64')}`);
  const text = email.text?.slice(0, EMAIL_TEXT_LIMIT);
  const html =
    email.html === undefined
      ? undefined
      : sanitizeHtml(email.html.slice(0, EMAIL_HTML_LIMIT), {
          allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img', 'center', 'font']),
          allowedAttributes: {
            '*': ['style', 'align', 'valign', 'width', 'height', 'bgcolor', 'color', 'colspan', 'rowspan'],
            img: ['src', 'alt', 'width', 'height'],
            a: ['title'],
          },
          allowedSchemes: ['data'],
          allowedSchemesByTag: { img: ['data'] },
          transformTags: {
            // Links stay readable but inert: the address moves to the title, nothing to follow.
            a: (tagName, attribs): sanitizeHtml.Tag => ({
              tagName,
              attribs: attribs.href ? { title: attribs.href } : {},
            }),
            img: (tagName, attribs): sanitizeHtml.Tag => {
              const src = attribs.src ?? '';
              const cid = /^cid:(.+)$/i.exec(src)?.[1];
              const inline = cid ? images.get(cid) : undefined;
              if (inline) return { tagName, attribs: { ...attribs, src: inline } };
              if (src !== '') remoteBlocked += 1;
              return { tagName, attribs: { alt: attribs.alt ?? '' } };
            },
            '*': (tagName, attribs): sanitizeHtml.Tag => {
              // Inline styles lay out most emails; those that load anything (url(), @import) go.
              if (attribs.style && /url\s*\(|@import|expression\s*\(/i.test(attribs.style)) {
                remoteBlocked += 1;
                const { style: _dropped, ...rest } = attribs;
                return { tagName, attribs: rest };
              }
              return { tagName, attribs };
            },
          },
        });
  return {
    kind: 'email',
    subject: email.subject,
    from: email.from,
    to: email.to,
    cc: email.cc,
    date: email.date,
    text,
    html,
    remoteBlocked,
    attachments: email.attachments.map(({ name, type, size, inline }) => ({ name, type, size, inline })),
    truncated: (email.text?.length ?? 0) > EMAIL_TEXT_LIMIT || (email.html?.length ?? 0) > EMAIL_HTML_LIMIT,
  };
}

const EXECUTABLE = /\.(exe|dll|scr|com|bat|cmd|msi|ps1|vbs|js|jse|wsf|hta|jar|sh|app|apk|lnk|reg|cpl)$/i;
const NESTED = /\.(zip|7z|rar|tar|gz|tgz|bz2|xz|cab|iso)$/i;

/** The archive's central directory as entries; nothing is inflated, so a bomb is only a listing. */
function readArchive(path: string): Promise<ArchiveDocument> {
  return new Promise((resolve, reject) => {
    // decodeStrings off: names arrive as bytes, so unsafe ones are listed and flagged, not refused whole.
    yauzl.open(path, { lazyEntries: true, decodeStrings: false, validateEntrySizes: false }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip archive'));
      const entries: ArchiveEntry[] = [];
      let declaredSize = 0;
      zip.on('error', reject);
      zip.on('entry', (entry: yauzl.Entry) => {
        declaredSize += entry.uncompressedSize;
        if (entries.length < ARCHIVE_ENTRY_LIMIT) entries.push(describe(entry));
        zip.readEntry();
      });
      zip.on('end', () =>
        resolve({
          kind: 'archive',
          entries,
          entryCount: zip.entryCount,
          declaredSize,
          truncated: zip.entryCount > entries.length,
        }),
      );
      zip.readEntry();
    });
  });
}

function describe(entry: yauzl.Entry): ArchiveEntry {
  const raw = entry.fileName as unknown as Buffer;
  // Bit 11: the name is UTF-8; otherwise code page 437, read here as Latin-1 (close enough to list).
  const name = raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
  const directory = name.endsWith('/');
  const flags: ArchiveEntryFlag[] = [];
  const segments = name.replace(/\\/g, '/').split('/');
  if (
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    segments.includes('..') ||
    /[\u0000-\u001f]/.test(name)
  )
    flags.push('unsafeName');
  if (EXECUTABLE.test(name)) flags.push('executable');
  if (NESTED.test(name)) flags.push('archive');
  if ((entry.generalPurposeBitFlag & 0x1) !== 0) flags.push('encrypted');
  const modified = entry.getLastModDate();
  return {
    name,
    size: entry.uncompressedSize,
    compressedSize: entry.compressedSize,
    ...(Number.isNaN(modified.getTime()) ? {} : { modified: modified.toISOString() }),
    directory,
    flags,
  };
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
