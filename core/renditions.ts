// Which files the proxy derives a browser-safe rendition from, and what the rendition is
// (docs/renditions.md). Pure: the proxy plans conversions with it, the widget names the original.

/**
 * What a rendition is: a PDF for the PDF viewer, a JPEG for the image viewer, a description of an
 * email or an archive as JSON (core/rendition-documents.ts) for the email and archive views, or a
 * small JPEG of a photo or of a document's first page for the attachment list (`thumbnail`).
 */
export type RenditionName = 'pdf' | 'jpeg' | 'email' | 'archive' | 'thumbnail';

/** What the original was, as the viewer's "converted from" note names it. */
export type RenditionSource =
  | 'word'
  | 'spreadsheet'
  | 'presentation'
  | 'heic'
  | 'tiff'
  | 'email'
  | 'outlook'
  | 'zip'
  // What a thumbnail is made from: a PDF (the original, or a document's PDF rendition), or a picture
  // a browser shows (the original, or a HEIC photo's JPEG rendition).
  | 'pdf'
  | 'jpeg'
  | 'png'
  | 'webp'
  | 'gif';

/**
 * The program that derives it. `pdfpage`: poppler's pdftoppm (a PDF's first page as a small JPEG);
 * `image`: ImageMagick (a picture made small, upright and without metadata).
 */
export type ConverterName = 'office' | 'heif' | 'tiff' | 'document' | 'pdfpage' | 'image';

/** The longest side of a thumbnail, in pixels (a list row shows it at 40 CSS pixels, up to 4x dense screens). */
export const THUMBNAIL_SIZE = 160;

export interface RenditionPlan {
  name: RenditionName;
  source: RenditionSource;
  converter: ConverterName;
}

/**
 * One file inside an email or an archive (docs/renditions.md, "Files inside"): a zip entry by its
 * exact name, or an email's file by its place in the email view's list.
 */
export type PartSelector = { kind: 'zip-entry'; path: string } | { kind: 'email-attachment'; index: number };

/** Longest zip entry name a part request may name (bytes of UTF-8, as a zip stores it). */
export const PART_PATH_MAX = 1_024;

/**
 * Extracting one part of a container: a job of the document worker like a rendition, whose output
 * is the part's bytes (then sniffed, and served or converted further as any original would be).
 */
export interface PartPlan {
  name: 'part';
  source: 'zip' | 'email' | 'outlook';
  converter: 'document';
  part: PartSelector;
}

/** What a converter job makes: a rendition, or a part taken out of a container. */
export type JobPlan = RenditionPlan | PartPlan;

/** The part plan of `container` (the plan the container's own rendition has), or undefined when it has no parts of this kind. */
export function partPlan(container: RenditionPlan | undefined, part: PartSelector): PartPlan | undefined {
  if (container?.converter !== 'document') return undefined;
  const source = container.source;
  if (part.kind === 'zip-entry' && source === 'zip')
    return { name: 'part', source, converter: 'document', part };
  if (part.kind === 'email-attachment' && (source === 'email' || source === 'outlook'))
    return { name: 'part', source, converter: 'document', part };
  return undefined;
}

/** A part as the audit trail and logs name it: `zip:<path>` or `email:<index>`. */
export function partLabel(part: PartSelector): string {
  return part.kind === 'zip-entry' ? `zip:${part.path}` : `email:${part.index}`;
}

const office = (source: RenditionSource): RenditionPlan => ({ name: 'pdf', source, converter: 'office' });
const EMAIL: RenditionPlan = { name: 'email', source: 'email', converter: 'document' };
const OUTLOOK: RenditionPlan = { name: 'email', source: 'outlook', converter: 'document' };
const ARCHIVE: RenditionPlan = { name: 'archive', source: 'zip', converter: 'document' };

// Keyed by the sniffed type: what the bytes are decides, never the name alone.
const BY_TYPE: Record<string, RenditionPlan> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': office('word'),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': office('spreadsheet'),
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': office('presentation'),
  'application/vnd.oasis.opendocument.text': office('word'),
  'application/vnd.oasis.opendocument.spreadsheet': office('spreadsheet'),
  'application/vnd.oasis.opendocument.presentation': office('presentation'),
  'application/rtf': office('word'),
  'image/heic': { name: 'jpeg', source: 'heic', converter: 'heif' },
  'image/heif': { name: 'jpeg', source: 'heic', converter: 'heif' },
  'image/tiff': { name: 'pdf', source: 'tiff', converter: 'tiff' },
  'message/rfc822': EMAIL,
  'application/vnd.ms-outlook': OUTLOOK,
};

// Containers whose bytes do not say which application wrote them: the legacy Office formats are all
// Compound File Binary, and an OOXML file whose first entry is not [Content_Types].xml sniffs as a
// plain zip. There the claimed type (declared, or the name's extension) picks among Office kinds;
// LibreOffice reads the real format from the bytes, and a file that is not a document fails to convert.
const CONTAINERS = new Set(['application/x-cfb', 'application/zip']);
const CLAIMED_OFFICE: Record<string, RenditionSource> = {
  doc: 'word',
  docx: 'word',
  odt: 'word',
  rtf: 'word',
  xls: 'spreadsheet',
  xlsx: 'spreadsheet',
  ods: 'spreadsheet',
  ppt: 'presentation',
  pptx: 'presentation',
  odp: 'presentation',
  'application/msword': 'word',
  'application/vnd.ms-excel': 'spreadsheet',
  'application/vnd.ms-powerpoint': 'presentation',
};
const CLAIMED_EMAIL = new Set(['eml', 'message/rfc822']);
const CLAIMED_OUTLOOK = new Set(['msg', 'application/vnd.ms-outlook']);

/**
 * The rendition derived from a file whose bytes sniff as `sniffedType`, or undefined when the
 * browser shows the file as it is or nothing can be derived. `claimedType` is the declared type,
 * `fileName` the reference's name: they only choose among Office kinds inside a generic container,
 * and mark text as an email.
 */
export function renditionPlan(
  sniffedType: string,
  claimedType: string | undefined,
  fileName: string,
): RenditionPlan | undefined {
  const direct = BY_TYPE[sniffedType];
  if (direct) return direct;
  const dot = fileName.lastIndexOf('.');
  const extension = dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
  const claims = (set: Set<string>) =>
    set.has(extension) || (claimedType !== undefined && set.has(claimedType));
  // An email is text with no signature: text that claims to be one is read as one (a text file that
  // is not an email shows as a message without headers, which harms nothing).
  if (sniffedType === 'text/plain') return claims(CLAIMED_EMAIL) ? EMAIL : undefined;
  if (!CONTAINERS.has(sniffedType)) return undefined;
  if (sniffedType === 'application/x-cfb' && claims(CLAIMED_OUTLOOK)) return OUTLOOK;
  const fromType = claimedType ? (CLAIMED_OFFICE[claimedType] ?? BY_TYPE[claimedType]?.source) : undefined;
  const source = fromType ?? CLAIMED_OFFICE[extension];
  if (source === 'word' || source === 'spreadsheet' || source === 'presentation') return office(source);
  // A zip that claims no Office format is an archive: its entries are listed, never extracted.
  return sniffedType === 'application/zip' ? ARCHIVE : undefined;
}

const PICTURES: Record<string, RenditionSource> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/**
 * How a file's thumbnail is made: `plan` makes it, from the original or, when `via` is named, from
 * that rendition of the original (a Word file's PDF, a HEIC photo's JPEG). Undefined: the file has no
 * thumbnail (audio, video, text, emails, archives).
 */
export interface ThumbnailPlan {
  via?: RenditionPlan;
  plan: RenditionPlan;
}

export function thumbnailPlan(
  sniffedType: string,
  claimedType: string | undefined,
  fileName: string,
): ThumbnailPlan | undefined {
  const pdfPage: RenditionPlan = { name: 'thumbnail', source: 'pdf', converter: 'pdfpage' };
  if (sniffedType === 'application/pdf') return { plan: pdfPage };
  const picture = PICTURES[sniffedType];
  if (picture) return { plan: { name: 'thumbnail', source: picture, converter: 'image' } };
  const via = renditionPlan(sniffedType, claimedType, fileName);
  if (via?.name === 'pdf') return { via, plan: pdfPage };
  if (via?.name === 'jpeg') return { via, plan: { name: 'thumbnail', source: 'jpeg', converter: 'image' } };
  return undefined;
}
