// Where renditions are kept between requests: one folder the admin names (RENDITIONS_DIR), a file
// per rendition named by the original's content hash and the converter's version, deleted once
// older than RENDITION_TTL_HOURS. Renditions are customer data: nowhere else, and never in memory.
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** A cache key: lowercase hex and dashes, then the extension. Nothing a path could be made of. */
const KEY = /^[0-9a-f-]{16,160}\.(pdf|jpg|json)$/;

export function isRenditionKey(key: string): boolean {
  return KEY.test(key);
}

export class RenditionCache {
  private sweeper?: NodeJS.Timeout;

  constructor(
    readonly dir: string,
    private readonly ttlMs: number,
  ) {}

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // Renditions are swept while the proxy runs; one pass at start removes what expired while it did not.
    await this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), Math.min(this.ttlMs, 10 * 60_000));
    this.sweeper.unref();
  }

  /** The path of a fresh rendition, or undefined (an expired one is deleted on the way). */
  async find(key: string): Promise<string | undefined> {
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

  /** A cached rendition's size in bytes, or undefined when it is not there. */
  async size(key: string): Promise<number | undefined> {
    if (!isRenditionKey(key)) return undefined;
    return stat(join(this.dir, key)).then(
      (s) => s.size,
      () => undefined,
    );
  }

  /** Copies a converter's output in; readers never see a half-written file (copy, then rename). */
  async put(key: string, source: string): Promise<string> {
    if (!isRenditionKey(key)) throw new Error(`not a rendition key: ${key}`);
    const partial = join(this.dir, `.partial-${randomUUID()}`);
    try {
      await copyFile(source, partial);
      const path = join(this.dir, key);
      await rename(partial, path);
      return path;
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  /** Deletes expired renditions (and partial copies a crash left behind). */
  async sweep(): Promise<number> {
    let removed = 0;
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) continue;
      const expired = Date.now() - info.mtimeMs > (isRenditionKey(name) ? this.ttlMs : 60 * 60_000);
      if (
        expired &&
        (await unlink(path).then(
          () => true,
          () => false,
        ))
      )
        removed += 1;
    }
    return removed;
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
