import type { AttachmentLocation } from './attachment-ref.ts';
import { obj, str } from './json-access.ts';

/** The location in a value read back from a cache or the network, only if it has exactly a location's shape. */
export function asLocation(value: unknown): AttachmentLocation | undefined {
  const v = obj(value);
  switch (v?.kind) {
    case 'genesys': {
      const downloadId = str(v.downloadId);
      const host = str(v.host);
      return downloadId && host ? { kind: 'genesys', downloadId, host } : undefined;
    }
    case 's3': {
      const bucket = str(v.bucket);
      const key = str(v.key);
      return bucket && key ? { kind: 's3', bucket, key } : undefined;
    }
    case 'store':
    case 'proxy': {
      const key = str(v.key);
      return key ? { kind: v.kind, key } : undefined;
    }
    case 'external': {
      const url = str(v.url);
      return url ? { kind: 'external', url } : undefined;
    }
    case 'unretrievable': {
      const ref = str(v.ref);
      return ref ? { kind: 'unretrievable', ref } : undefined;
    }
    default:
      return undefined;
  }
}
