// The one small contract every storage backend implements (one backend per folder beside this file).
import type { Readable } from 'node:stream';
import type { AttachmentLocation } from '../../core/attachment-ref.ts';
import type { ScanStatus } from '../../core/proxy-api.ts';
import type { Caller } from '../auth/caller.ts';

export type { ScanStatus };

/** How many leading bytes are read to sniff a file's real type (enough for file-type). */
export const SNIFF_BYTES = 4_100;

export interface StoredObject {
  size?: number;
  scan: ScanStatus;
  /** The first bytes of the file, at most SNIFF_BYTES. */
  head: Uint8Array;
  /**
   * What changes when the bytes do (an S3 ETag, a file's modification time and size, a Genesys
   * download id, whose content never changes): renditions remember an original's hash by it.
   */
  version?: string;
  /** Where the bytes are actually read from, when that differs (a quarantined key found in the clean bucket). */
  servedFrom?: AttachmentLocation;
}

export interface LinkOptions {
  disposition: 'inline' | 'attachment';
  /** Decided by the proxy from the sniffed bytes, never taken from the data. */
  contentType: string;
  fileName: string;
  ttlSeconds: number;
}

export interface MintedLink {
  url: string;
  expiresAt: Date;
}

export interface StorageBackend {
  readonly name: 'store' | 's3' | 'genesys';
  /** Whether this backend serves a location kind. */
  handles(location: AttachmentLocation): boolean;
  /**
   * Size, scan status and first bytes. Throws ProxyError file_gone / storage_unavailable / unsafe_key.
   * The caller is for backends that read on the agent's behalf (Genesys-hosted files need their token).
   */
  inspect(location: AttachmentLocation, caller: Caller): Promise<StoredObject>;
  /** A short-lived GET link for the bytes. */
  mint(
    location: AttachmentLocation,
    object: StoredObject,
    options: LinkOptions,
    caller: Caller,
  ): Promise<MintedLink>;
  /**
   * The whole file, streamed to the proxy (to derive a rendition from it). `location` is where the
   * bytes are (`servedFrom` when inspect named one). Throws as inspect does.
   */
  open(location: AttachmentLocation, caller: Caller): Promise<Readable>;
  /** Throws when the backend cannot serve (readiness probe). */
  checkReady(): Promise<void>;
}
