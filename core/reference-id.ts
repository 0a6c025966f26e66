import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AttachmentLocation } from './attachment-ref.ts';

/**
 * The canonical string of a location: what makes two references the same file. Signature parameters
 * are already gone (location-parser.ts), so a re-signed URL of the same object is the same file.
 */
export function canonicalLocation(location: AttachmentLocation): string {
  switch (location.kind) {
    case 'genesys':
      return `genesys:${location.downloadId}`;
    case 's3':
      return `s3:${location.bucket}/${location.key}`;
    case 'store':
      return `store:${location.key}`;
    case 'proxy':
      return `proxy:${location.key}`;
    case 'external':
      return `external:${location.url}`;
    case 'unretrievable':
      return `unretrievable:${location.ref}`;
  }
}

/**
 * A reference's id depends only on the conversation and the canonical location, never on where in the
 * data it was seen, so the widget and the proxy compute the same id from either conversation shape,
 * from the bulk messages or from recordings. 96 bits of SHA-256, hex.
 */
export function referenceId(conversationId: string, location: AttachmentLocation): string {
  const digest = sha256(utf8ToBytes(`${conversationId}\n${canonicalLocation(location)}`));
  return bytesToHex(digest).slice(0, 24);
}
