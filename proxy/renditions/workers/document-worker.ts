// Runs inside a converter sandbox (converter-sandbox.ts), never in the proxy: reads one email
// (.eml, .msg) or archive (.zip) and writes what the widget's email or archive view shows, as JSON
// (core/rendition-documents.ts). `node document-worker.ts email|outlook|zip <input> <output>`.
// Or takes one file out of an email or archive (docs/renditions.md, "Files inside"):
// `node document-worker.ts part email|outlook|zip <input> <output.bin> <selector JSON> <max bytes>`,
// writing the part's bytes and, beside them, its facts (output.json); a part it will not extract
// (unsafe name, program, archive inside, encrypted, a folder, over the size bound, not there) ends
// the process with exit code 3 and `refused: <reason>` as the last line of stderr.
// Libraries: postal-mime (MIME parsing), @kenjiuno/msgreader (Outlook's CFB format), yauzl (zip
// central directory, read without extracting anything), sanitize-html (the HTML body made inert).
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
  entryNameFlags,
  FLAG_REFUSAL,
  type PartFacts,
  type PartRefusal,
} from '../../../core/rendition-documents.ts';
import type { PartSelector } from '../../../core/renditions.ts';

/** The refusal of a part, carried to main's handler (exit 3, the reason on stderr). */
// Node strips types without transforming (no parameter properties here).
class Refused extends Error {
  readonly reason: PartRefusal;
  constructor(reason: PartRefusal) {
    super(`refused: ${reason}`);
    this.reason = reason;
  }
}

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
  if (process.argv[2] === 'part') return extractPart(process.argv.slice(3));
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

async function extractPart(args: string[]): Promise<void> {
  const [source, input, output, selectorJson, max] = args;
  if (!source || !input || !output || !selectorJson || !max)
    throw new Error(
      'usage: document-worker.ts part email|outlook|zip <input> <output> <selector> <max bytes>',
    );
  const part = JSON.parse(selectorJson) as PartSelector;
  const maxBytes = Number(max);
  const facts =
    source === 'zip' && part.kind === 'zip-entry'
      ? await extractEntry(input, part.path, output, maxBytes)
      : part.kind === 'email-attachment' && (source === 'email' || source === 'outlook')
        ? await extractAttachment(source, input, part.index, output, maxBytes)
        : undefined;
  if (!facts) throw new Error(`no ${part.kind} in a ${source}`);
  await writeFile(output.replace(/\.bin$/, '.json'), JSON.stringify(facts));
}

/** The file at `index` of the email's list (the email view's order), written whole. */
async function extractAttachment(
  source: 'email' | 'outlook',
  input: string,
  index: number,
  output: string,
  maxBytes: number,
): Promise<PartFacts> {
  const email = source === 'outlook' ? await readOutlook(input) : await readEml(input);
  const attachment = email.attachments[index];
  if (!attachment?.content) throw new Refused('not-found');
  // The name is not a path here (nothing is written under it), but a program or an archive is refused as in a zip.
  const flag = entryNameFlags(attachment.name).find((f) => f !== 'unsafeName');
  if (flag) throw new Refused(FLAG_REFUSAL[flag]);
  if (attachment.content.length > maxBytes) throw new Refused('too-large');
  await writeFile(output, attachment.content);
  return { name: attachment.name, declaredType: attachment.type, size: attachment.content.length };
}

/**
 * The entry named exactly `wanted`, inflated into `output`: never more than `maxBytes`, whatever
 * the archive declares (a bomb stops at the bound), and never one whose name, type or encryption
 * says it should not open. Nothing else of the archive is read past its central directory.
 */
function extractEntry(path: string, wanted: string, output: string, maxBytes: number): Promise<PartFacts> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip archive'));
      zip.on('error', reject);
      zip.on('end', () => reject(new Refused('not-found')));
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entryName(entry);
        if (name !== wanted) return zip.readEntry();
        const described = describe(entry);
        if (described.directory) return reject(new Refused('directory'));
        const flag = described.flags[0];
        if (flag) return reject(new Refused(FLAG_REFUSAL[flag]));
        if (entry.uncompressedSize > maxBytes) return reject(new Refused('too-large'));
        zip.openReadStream(entry, (openError, stream) => {
          if (openError || !stream) return reject(openError ?? new Error('entry cannot be read'));
          let bytes = 0;
          const bound = new Transform({
            transform(chunk: Buffer, _encoding, done) {
              bytes += chunk.length;
              // The declared size lied (yauzl would notice too, later): a bomb, refused at the bound.
              if (bytes > maxBytes) return done(new Refused('too-large'));
              done(null, chunk);
            },
          });
          pipeline(stream, bound, createWriteStream(output, { flags: 'wx' })).then(
            () => {
              const segments = name.split('/');
              resolve({ name: segments[segments.length - 1] || name, size: bytes });
            },
            // yauzl checks the inflated bytes against the declared size: more than declared is a bomb.
            (streamError: Error) =>
              reject(/too many bytes/.test(streamError.message) ? new Refused('too-large') : streamError),
          );
        });
      });
      zip.readEntry();
    });
  });
}

function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  // Bit 11: the name is UTF-8; otherwise code page 437, read here as Latin-1 (close enough to list).
  return raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
}

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
  const name = entryName(entry);
  const directory = name.endsWith('/');
  const flags: ArchiveEntryFlag[] = entryNameFlags(name);
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
  process.exit(error instanceof Refused ? 3 : 1);
});
