// Renditions in a local folder (RENDITION_STORAGE=local, the default): RENDITIONS_DIR/cache, a file
// per rendition named by the original's content hash and the converter's version, deleted once older
// than RENDITION_TTL_HOURS; served by the proxy itself through HMAC-signed links (rendition-routes.ts).
// Replicas, and converter workers, that share the folder (a shared volume) share the renditions.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { AuditLog } from '../audit/audit-log.ts';
import type { LinkSigner } from '../storage/link-signer.ts';
import { renditionRoutes } from './rendition-routes.ts';
import { isRenditionKey, type RenditionLinkOptions, type RenditionStore } from './rendition-store.ts';

/** How the proxy links the folder's renditions (a worker, which links nothing, has none). */
export interface LocalRenditionLinks {
  signer: LinkSigner;
  publicUrl: string;
  audit: AuditLog;
}

/** A queued job's original waits at most this long for a worker before the sweep removes it. */
const SOURCE_MAX_AGE_MS = 60 * 60_000;

export class LocalRenditionStore implements RenditionStore {
  readonly name = 'local';
  readonly routes;
  /** Renditions, by key. */
  readonly dir: string;
  /** Originals of queued jobs, by the job's rendition key. */
  private readonly sources: string;
  private sweeper?: NodeJS.Timeout;

  constructor(
    root: string,
    private readonly ttlMs: number,
    private readonly links?: LocalRenditionLinks,
  ) {
    this.dir = join(root, 'cache');
    this.sources = join(root, 'sources');
    this.routes = links && renditionRoutes({ store: this, signer: links.signer, audit: links.audit });
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await mkdir(this.sources, { recursive: true, mode: 0o700 });
    // Renditions are swept while the process runs; one pass at start removes what expired while it did not.
    await this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), Math.min(this.ttlMs, 10 * 60_000));
    this.sweeper.unref();
  }

  /** The path of a fresh rendition, or undefined (an expired one is deleted on the way). */
  async path(key: string): Promise<string | undefined> {
    if (!isRenditionKey(key)) return undefined;
    const path = join(this.dir, key);
    try {
      const info = await stat(path);
      if (Date.now() - info.mtimeMs <= this.ttlMs) return path;
      await unlink(path).catch(() => undefined);
    } catch {
      // Not there.
    }
    return undefined;
  }

  async find(key: string): Promise<{ size: number } | undefined> {
    const path = await this.path(key);
    if (!path) return undefined;
    return stat(path).then(
      (s) => ({ size: s.size }),
      () => undefined,
    );
  }

  /** Copies a converter's output in; readers never see a half-written file (copy, then rename). */
  async put(key: string, file: string): Promise<void> {
    if (!isRenditionKey(key)) throw new Error(`not a rendition key: ${key}`);
    await this.copyIn(file, join(this.dir, key));
  }

  async link(key: string, options: RenditionLinkOptions): Promise<{ url: string; expiresAt: Date }> {
    if (!this.links) throw new Error('this rendition store mints no links');
    const { signer, publicUrl } = this.links;
    const expires = Math.floor(Date.now() / 1000) + options.ttlSeconds;
    const { keyId, signature } = signer.sign({
      key,
      expires,
      disposition: 'inline',
      contentType: options.contentType,
      fileName: options.fileName,
    });
    const query = new URLSearchParams({
      exp: String(expires),
      type: options.contentType,
      name: options.fileName,
      kid: keyId,
      sig: signature,
    });
    return { url: `${publicUrl}/renditions/${key}?${query}`, expiresAt: new Date(expires * 1000) };
  }

  async open(key: string): Promise<Readable | undefined> {
    const path = await this.path(key);
    return path ? opened(path) : undefined;
  }

  async putSource(key: string, file: string): Promise<void> {
    if (!isRenditionKey(key)) throw new Error(`not a rendition key: ${key}`);
    await this.copyIn(file, join(this.sources, key));
  }

  async openSource(key: string): Promise<Readable | undefined> {
    if (!isRenditionKey(key)) return undefined;
    return opened(join(this.sources, key));
  }

  async deleteSource(key: string): Promise<void> {
    if (isRenditionKey(key)) await rm(join(this.sources, key), { force: true });
  }

  /** Deletes expired renditions, partial copies a crash left behind, and originals no worker took up. */
  async sweep(): Promise<number> {
    let removed = 0;
    for (const [dir, maxAge] of [
      [this.dir, this.ttlMs],
      [this.sources, SOURCE_MAX_AGE_MS],
    ] as const) {
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        const path = join(dir, name);
        const info = await stat(path).catch(() => undefined);
        if (!info?.isFile()) continue;
        const expired = Date.now() - info.mtimeMs > (isRenditionKey(name) ? maxAge : 60 * 60_000);
        if (
          expired &&
          (await unlink(path).then(
            () => true,
            () => false,
          ))
        )
          removed += 1;
      }
    }
    return removed;
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private async copyIn(file: string, path: string): Promise<void> {
    const partial = join(this.dir, `.partial-${randomUUID()}`);
    try {
      await copyFile(file, partial);
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }
}

/** A read stream of `path` once it is open, or undefined when it cannot be (gone meanwhile). */
function opened(path: string): Promise<Readable | undefined> {
  const stream = createReadStream(path);
  return new Promise((resolve) => {
    stream.once('open', () => resolve(stream));
    stream.once('error', () => resolve(undefined));
  });
}
