// The embedded local store: files on disk under one root, scan status in a `<key>.scan.json`
// sidecar, served by the proxy itself through HMAC-signed URLs (docs/security.md rule 8).
import { open, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { AttachmentLocation } from '../../../core/attachment-ref.ts';
import { obj } from '../../../core/json-access.ts';
import { storageKeyProblem } from '../../../core/storage-key.ts';
import { errors } from '../../errors.ts';
import type { LinkSigner, SignedFields } from '../link-signer.ts';
import {
  type LinkOptions,
  type MintedLink,
  type ScanStatus,
  SNIFF_BYTES,
  type StorageBackend,
  type StoredObject,
} from '../storage-backend.ts';

const SIDECAR_SUFFIX = '.scan.json';
const SCAN_VALUES: readonly ScanStatus[] = ['clean', 'pending', 'infected'];

export interface LocalStoreOptions {
  dir: string;
  publicUrl: string;
  signer: LinkSigner;
  /** Where stable proxy links (`/ref/<key>`) resolve: the store, when bare keys live here. */
  servesProxyLinks: boolean;
}

export class LocalStoreBackend implements StorageBackend {
  readonly name = 'store';
  private rootReal: Promise<string>;

  constructor(private readonly options: LocalStoreOptions) {
    this.rootReal = realpath(resolve(options.dir));
    this.rootReal.catch(() => undefined);
  }

  handles(location: AttachmentLocation): boolean {
    return location.kind === 'store' || (location.kind === 'proxy' && this.options.servesProxyLinks);
  }

  async inspect(location: AttachmentLocation): Promise<StoredObject> {
    const path = await this.resolveKey(keyOf(location));
    let size: number;
    let modified: number;
    let head: Uint8Array;
    try {
      const file = await open(path, 'r');
      try {
        const info = await file.stat();
        size = info.size;
        modified = info.mtimeMs;
        const buffer = Buffer.alloc(Math.min(SNIFF_BYTES, size));
        const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
        head = buffer.subarray(0, bytesRead);
      } finally {
        await file.close();
      }
    } catch (error) {
      throw isMissing(error) ? errors.fileGone() : errors.storageUnavailable(error);
    }
    return { size, head, version: `${modified}:${size}`, scan: await this.scanStatus(path) };
  }

  async mint(location: AttachmentLocation, _object: StoredObject, options: LinkOptions): Promise<MintedLink> {
    const key = keyOf(location);
    const expires = Math.floor(Date.now() / 1000) + options.ttlSeconds;
    const fields: SignedFields = {
      key,
      expires,
      disposition: options.disposition,
      contentType: options.contentType,
      fileName: options.fileName,
    };
    const { keyId, signature } = this.options.signer.sign(fields);
    const query = new URLSearchParams({
      exp: String(expires),
      disp: options.disposition,
      type: options.contentType,
      name: options.fileName,
      kid: keyId,
      sig: signature,
    });
    return {
      url: `${this.options.publicUrl}/files/${storeUrlPath(key)}?${query}`,
      expiresAt: new Date(expires * 1000),
    };
  }

  async open(location: AttachmentLocation): Promise<Readable> {
    const path = await this.resolveKey(keyOf(location));
    try {
      return (await open(path, 'r')).createReadStream();
    } catch (error) {
      throw isMissing(error) ? errors.fileGone() : errors.storageUnavailable(error);
    }
  }

  async checkReady(): Promise<void> {
    await stat(await this.rootReal);
  }

  /**
   * The real path of a key's file, only if it is a regular file inside the root. The key was checked
   * as an exact string first; realpath then catches symlinks that lead out of the root.
   */
  async resolveKey(key: string): Promise<string> {
    if (storageKeyProblem(key) || key.endsWith(SIDECAR_SUFFIX)) throw errors.unsafeKey();
    let root: string;
    try {
      root = await this.rootReal;
    } catch (error) {
      throw errors.storageUnavailable(error);
    }
    let real: string;
    try {
      real = await realpath(resolve(root, key));
    } catch (error) {
      throw isMissing(error) ? errors.fileGone() : errors.storageUnavailable(error);
    }
    const rel = relative(root, real);
    if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) throw errors.unsafeKey();
    return real;
  }

  private async scanStatus(path: string): Promise<ScanStatus> {
    let sidecar: unknown;
    try {
      sidecar = JSON.parse(await readFile(`${path}${SIDECAR_SUFFIX}`, 'utf8'));
    } catch {
      // No sidecar, or one that does not parse: no verdict recorded.
      return 'unscanned';
    }
    const status = obj(sidecar)?.status;
    return SCAN_VALUES.find((s) => s === status) ?? 'pending';
  }
}

function keyOf(location: AttachmentLocation): string {
  if (location.kind === 'store' || location.kind === 'proxy') return location.key;
  throw errors.unsupportedLocation();
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP';
}

/** The one spelling of a store key in a `/files/` URL: each segment as encodeURIComponent writes it. */
export function storeUrlPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
