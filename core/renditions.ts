// Which files the proxy derives a browser-safe rendition from, and what the rendition is
// (docs/renditions.md). Pure: the proxy plans conversions with it, the widget names the original.

/** What a rendition is: a PDF for the PDF viewer, or a JPEG for the image viewer. */
export type RenditionName = 'pdf' | 'jpeg';

/** What the original was, as the viewer's "converted from" note names it. */
export type RenditionSource = 'word' | 'spreadsheet' | 'presentation' | 'heic' | 'tiff';

/** The program that derives it. */
export type ConverterName = 'office' | 'heif' | 'tiff';

export interface RenditionPlan {
  name: RenditionName;
  source: RenditionSource;
  converter: ConverterName;
}

const office = (source: RenditionSource): RenditionPlan => ({ name: 'pdf', source, converter: 'office' });

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

/**
 * The rendition derived from a file whose bytes sniff as `sniffedType`, or undefined when the
 * browser shows the file as it is or nothing can be derived. `claimedType` is the declared type,
 * `fileName` the reference's name: they only choose among Office kinds inside a generic container.
 */
export function renditionPlan(
  sniffedType: string,
  claimedType: string | undefined,
  fileName: string,
): RenditionPlan | undefined {
  const direct = BY_TYPE[sniffedType];
  if (direct) return direct;
  if (!CONTAINERS.has(sniffedType)) return undefined;
  const fromType = claimedType ? (CLAIMED_OFFICE[claimedType] ?? BY_TYPE[claimedType]?.source) : undefined;
  const dot = fileName.lastIndexOf('.');
  const fromName = dot < 0 ? undefined : CLAIMED_OFFICE[fileName.slice(dot + 1).toLowerCase()];
  const source = fromType ?? fromName;
  return source === 'word' || source === 'spreadsheet' || source === 'presentation'
    ? office(source)
    : undefined;
}
