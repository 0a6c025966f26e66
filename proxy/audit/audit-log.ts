// The audit trail: one JSON line per access decision, appended to a daily file and flushed to disk
// (fdatasync) before the caller may act on the decision (docs/security.md rule 12). Concurrent records
// share one write and one sync (group commit), so durability costs one disk flush per batch, not
// per request. Kept apart from the operational log; retention is a setting.
import { type FileHandle, mkdir, open, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export type AuditEvent =
  | 'link.issued'
  | 'link.denied'
  | 'file.served'
  | 'auth.failed'
  | 'status.read'
  | 'rendition.issued'
  | 'rendition.denied'
  | 'rendition.served';

export interface AuditRecord {
  event: AuditEvent;
  requestId: string;
  user?: string;
  org?: string;
  region?: string;
  conversation?: string;
  attachment?: string;
  /** `allow`, or the refusal's error code. */
  decision: string;
  /** For auth.failed: a keyed fingerprint of the token, never the token. */
  tokenFingerprint?: string;
  backend?: string;
  disposition?: string;
  /** What the proxy saw of the caller, e.g. the permission the conversation was read with. */
  role?: string;
  /** For status.read: how many attachments the listing disclosed. */
  attachments?: number;
  /** For status.read: the conversation's sources that could not be read (a partial listing). */
  unread?: string[];
  /** For rendition events: which rendition, whether this request converted it, and how long it took. */
  rendition?: string;
  /** For a part of an email or archive (rendition `part`): which one, `zip:<path>` or `email:<index>`. */
  part?: string;
  converted?: boolean;
  ms?: number;
}

interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class AuditLog {
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private file: { day: string; handle: FileHandle } | undefined;
  private closed = false;
  /** Lines written since start: an operator's counter and the tests' completeness check. */
  written = 0;

  constructor(
    private readonly dir: string,
    private readonly retentionDays: number,
    private readonly now: () => Date = () => new Date(),
    private readonly onWriteFailure: (error: unknown) => void = () => undefined,
  ) {}

  /** Resolves once the record is on disk; rejects when it could not be written. */
  record(record: AuditRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error('audit log closed'));
    const line = `${JSON.stringify({ time: this.now().toISOString(), ...record })}\n`;
    return new Promise((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
    await this.file?.handle.close();
    this.file = undefined;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          const handle = await this.handleForToday();
          await handle.write(batch.map((p) => p.line).join(''));
          await handle.datasync();
          this.written += batch.length;
          for (const p of batch) p.resolve();
        } catch (error) {
          // Drop the handle: the next batch reopens the file (the disk may come back).
          await this.file?.handle.close().catch(() => undefined);
          this.file = undefined;
          this.onWriteFailure(error);
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async handleForToday(): Promise<FileHandle> {
    const day = this.now().toISOString().slice(0, 10);
    if (this.file?.day === day) return this.file.handle;
    await this.file?.handle.close().catch(() => undefined);
    await mkdir(this.dir, { recursive: true, mode: 0o750 });
    // Read as well as append: a process killed mid-write can leave the last line without its
    // newline, and the next record must not be glued onto it (that record would be lost).
    const handle = await open(join(this.dir, `audit-${day}.jsonl`), 'a+', 0o640);
    try {
      await endWithNewline(handle);
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    this.file = { day, handle };
    await this.sweep(day).catch(() => undefined);
    return handle;
  }

  /** Deletes daily files older than the retention period (GDPR storage limitation). */
  private async sweep(today: string): Promise<void> {
    const cutoff = Date.parse(today) - this.retentionDays * 86_400_000;
    for (const name of await readdir(this.dir)) {
      const day = /^audit-(\d{4}-\d{2}-\d{2})\.jsonl$/.exec(name)?.[1];
      if (day && Date.parse(day) < cutoff) await unlink(join(this.dir, name));
    }
  }
}

/** Appends a newline when the file's last byte is not one (a line torn by a crash). */
async function endWithNewline(handle: FileHandle): Promise<void> {
  const { size } = await handle.stat();
  if (size === 0) return;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  if (last[0] !== 0x0a) await handle.write('\n');
}
