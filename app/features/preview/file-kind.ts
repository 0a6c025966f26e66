/**
 * Types as the type-mismatch warning names them ("a PDF", "a PNG image"): a key per common type,
 * which the catalogue message `preview.pane.fileKind` puts into words; anything else is named by
 * its MIME type.
 */
const KINDS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'text/javascript': 'script',
  'application/javascript': 'script',
  'text/plain': 'text',
  'text/csv': 'csv',
  'application/json': 'json',
  'application/zip': 'zip',
  'application/octet-stream': 'binary',
};

export function fileKindOf(mime: string | undefined): string {
  const type = mime?.split(';')[0]?.trim().toLowerCase() ?? '';
  const known = KINDS[type];
  if (known) return known;
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  return 'other';
}
