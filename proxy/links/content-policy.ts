// The bytes decide what a file is and how it may be served (docs/security.md rule 7). The declared type
// and the name are only hints for plain text, which has no signature to sniff.
import { fileTypeFromBuffer } from 'file-type';
import type { PreviewKind } from '../../core/proxy-api.ts';

export interface ContentDecision {
  /** What the bytes are. */
  sniffedType: string;
  /** The Content-Type the link will serve. */
  contentType: string;
  /** The disposition actually used for this request (active and unknown types are never inline). */
  disposition: 'inline' | 'attachment';
  previewKind: PreviewKind;
  /** The data declared a type the bytes contradict. */
  typeMismatch: boolean;
  /** The type the file claimed to be, and what made the claim: its declared type or its name's extension. */
  claimedType?: string;
  claimedBy?: 'declaration' | 'name';
}

// Types a browser renders without running anything the file contains.
const INLINE_IMAGES = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
]);
const TEXT_LIKE = new Map<string, PreviewKind>([
  ['text/plain', 'text'],
  ['text/csv', 'csv'],
  ['application/json', 'text'],
]);
// Types that can run script when rendered as themselves.
const ACTIVE = new Set([
  'text/html',
  'image/svg+xml',
  'application/xml',
  'text/xml',
  'text/javascript',
  'application/xhtml+xml',
]);

/** Sniffs the first bytes of a file. */
export async function sniff(
  head: Uint8Array,
  declaredType: string | undefined,
  fileName: string,
): Promise<string> {
  const detected = await fileTypeFromBuffer(head).catch(() => undefined);
  // file-type reads a TIFF's first directory to tell camera raw formats apart; a scan or fax keeps
  // it at the end of the file, past the sniffed head, and then file-type names nothing.
  if (!detected && isTiffHeader(head)) return 'image/tiff';
  // file-type calls any XML document application/xml: SVG and XHTML are XML too, and active.
  if (detected && detected.mime !== 'application/xml') return detected.mime;
  const text = decodeText(head);
  if (text === undefined) return 'application/octet-stream';
  const start = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 512)
    .toLowerCase();
  if (start.startsWith('<svg') || (start.startsWith('<?xml') && start.includes('<svg')))
    return 'image/svg+xml';
  if (
    start.startsWith('<!doctype html') ||
    start.startsWith('<html') ||
    /<(script|iframe|body|head)[\s>]/.test(start)
  )
    return 'text/html';
  if (start.startsWith('<?xml')) return 'application/xml';
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (
    declaredType === 'text/javascript' ||
    declaredType === 'application/javascript' ||
    ext === 'js' ||
    ext === 'mjs'
  )
    return 'text/javascript';
  if (declaredType === 'text/csv' || ext === 'csv') return 'text/csv';
  if (declaredType === 'application/json' || ext === 'json') return 'application/json';
  return 'text/plain';
}

function isTiffHeader(head: Uint8Array): boolean {
  const [a, b, c, d] = head;
  return (
    (a === 0x49 && b === 0x49 && c === 0x2a && d === 0x00) ||
    (a === 0x4d && b === 0x4d && c === 0x00 && d === 0x2a)
  );
}

// What a file name's extension claims. References found as bare keys or links in text declare no
// type, and there the name is the only claim: a PNG named invoice.pdf must still be flagged.
const EXTENSION_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  html: 'text/html',
  htm: 'text/html',
  xml: 'application/xml',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
};

/** The type a file name's extension claims, when it is a common one. */
export function typeOfExtension(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSION_TYPES[fileName.slice(dot + 1).toLowerCase()];
}

/**
 * Decides the served type and disposition from the sniffed type and what the client asked for.
 * `typeMismatch` compares the bytes with the declared type or, when none is declared, with what
 * the file name's extension claims.
 */
export function decideContent(
  sniffedType: string,
  declaredType: string | undefined,
  requested: 'inline' | 'attachment',
  fileName?: string,
): ContentDecision {
  const claimed = declaredType ?? (fileName === undefined ? undefined : typeOfExtension(fileName));
  const typeMismatch = claimed !== undefined && !compatible(claimed, sniffedType);
  const base = {
    sniffedType,
    typeMismatch,
    ...(claimed === undefined
      ? {}
      : {
          claimedType: claimed,
          claimedBy: declaredType === undefined ? ('name' as const) : ('declaration' as const),
        }),
  };

  if (ACTIVE.has(sniffedType)) {
    // SVG keeps its type so <img> can show it (scripts never run there) but is never a document;
    // markup and script are shown as source text, or downloaded as opaque bytes.
    if (sniffedType === 'image/svg+xml')
      return { ...base, contentType: 'image/svg+xml', disposition: 'attachment', previewKind: 'image' };
    return requested === 'inline'
      ? { ...base, contentType: 'text/plain; charset=utf-8', disposition: 'inline', previewKind: 'text' }
      : { ...base, contentType: 'application/octet-stream', disposition: 'attachment', previewKind: 'text' };
  }
  const textKind = TEXT_LIKE.get(sniffedType);
  if (textKind)
    return {
      ...base,
      contentType: `${sniffedType}; charset=utf-8`,
      disposition: requested,
      previewKind: textKind,
    };
  if (sniffedType === 'application/pdf')
    return { ...base, contentType: sniffedType, disposition: requested, previewKind: 'pdf' };
  if (INLINE_IMAGES.has(sniffedType))
    return { ...base, contentType: sniffedType, disposition: requested, previewKind: 'image' };
  if (sniffedType.startsWith('audio/'))
    return { ...base, contentType: sniffedType, disposition: requested, previewKind: 'audio' };
  if (sniffedType.startsWith('video/'))
    return { ...base, contentType: sniffedType, disposition: requested, previewKind: 'video' };
  return { ...base, contentType: sniffedType, disposition: 'attachment', previewKind: 'none' };
}

/**
 * The name a file is served (and saved) under: one whose extension matches the type served, so the
 * agent's computer opens it with the right program. A PNG named invoice.pdf is saved as
 * invoice.png; a name without an extension gets one. Names whose extension is unknown here, or
 * already right, are kept, and so are files served as opaque bytes (application/octet-stream:
 * markup and script, which must not get an extension that would open them in a browser).
 */
export function servedFileName(fileName: string, contentType: string): string {
  const served = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const extension = EXTENSION_OF_TYPE[ALIASES[served] ?? served];
  if (!extension) return fileName;
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const current = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : undefined;
  if (current !== undefined) {
    const claimed = EXTENSION_TYPES[current];
    if (claimed === undefined || compatible(claimed, served)) return fileName;
  }
  // Detection caps names at 255 characters (core/detect.ts), as file systems do: so does the new one.
  return `${[...stem].slice(0, MAX_NAME_LENGTH - extension.length - 1).join('')}.${extension}`;
}

const MAX_NAME_LENGTH = 255;

// The usual extension of each type a link may serve (the first of EXTENSION_TYPES for it).
const EXTENSION_OF_TYPE: Record<string, string> = Object.fromEntries(
  Object.entries(EXTENSION_TYPES)
    .reverse()
    .map(([extension, type]) => [type, extension]),
);

const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'application/x-pdf': 'application/pdf',
  'text/comma-separated-values': 'text/csv',
  'image/heif': 'image/heic',
  'image/tif': 'image/tiff',
};

// Formats whose bytes name only their container: a legacy Office or Outlook file sniffs as Compound
// File Binary, an OOXML or OpenDocument file whose first entry is not the one that names it as a zip.
const CONTAINED: Record<string, readonly string[]> = {
  'application/x-cfb': [
    'application/msword',
    'application/vnd.ms-excel',
    'application/vnd.ms-powerpoint',
    'application/vnd.ms-outlook',
  ],
  'application/zip': [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/vnd.oasis.opendocument.presentation',
    'application/x-zip-compressed',
  ],
};

function compatible(declared: string, sniffed: string): boolean {
  const d = ALIASES[declared] ?? declared;
  const s = ALIASES[sniffed] ?? sniffed;
  if (d === s || d === 'application/octet-stream') return true;
  if (CONTAINED[s]?.includes(d)) return true;
  // Plain text has no signature: any textual declaration agrees with bytes that decode as text.
  // An email (.eml) is text too.
  if (TEXT_LIKE.has(s) && (d.startsWith('text/') || d === 'application/json' || d === 'message/rfc822'))
    return !ACTIVE.has(d);
  // Containers sniff by their container (an .m4a may sniff as video/mp4, a .webm as video/webm).
  const family = (t: string) => t.split('/')[0];
  if ((family(d) === 'audio' || family(d) === 'video') && (family(s) === 'audio' || family(s) === 'video'))
    return true;
  return false;
}

function decodeText(head: Uint8Array): string | undefined {
  if (head.includes(0)) return undefined;
  try {
    // A multi-byte character may be cut at the end of the sniffed window: drop up to 3 trailing bytes.
    return new TextDecoder('utf-8', { fatal: true }).decode(trimPartialUtf8(head));
  } catch {
    return undefined;
  }
}

function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if ((b & 0xc0) === 0xc0) {
      const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (i < needed) end -= i;
    }
    break;
  }
  return bytes.subarray(0, end);
}
