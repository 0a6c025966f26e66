import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../proxy/audit/audit-log.ts';

describe('AuditLog', () => {
  it('writes one durable JSON line per record, batching concurrent records', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'av-audit-'));
    const log = new AuditLog(dir, 30, () => new Date('2026-11-21T10:00:00Z'));
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        log.record({ event: 'link.issued', requestId: `r${i}`, decision: 'allow' }),
      ),
    );
    await log.close();
    const lines = (await readFile(join(dir, 'audit-2026-11-21.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(50);
    expect(new Set(lines.map((l) => JSON.parse(l).requestId)).size).toBe(50);
    expect(log.written).toBe(50);
    await rm(dir, { recursive: true, force: true });
  });

  it('rejects the record when the log cannot be written, so no link is issued', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'av-audit-'));
    await writeFile(join(dir, 'blocked'), 'a file where the folder should be');
    const log = new AuditLog(join(dir, 'blocked'), 30);
    await expect(log.record({ event: 'link.issued', requestId: 'r', decision: 'allow' })).rejects.toThrow();
    await rm(dir, { recursive: true, force: true });
  });

  it('deletes daily files older than the retention period', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'av-audit-'));
    await writeFile(join(dir, 'audit-2020-01-01.jsonl'), '{}\n');
    await writeFile(join(dir, 'audit-2026-11-20.jsonl'), '{}\n');
    const log = new AuditLog(dir, 30, () => new Date('2026-11-21T10:00:00Z'));
    await log.record({ event: 'link.issued', requestId: 'r', decision: 'allow' });
    await log.close();
    await expect(readFile(join(dir, 'audit-2020-01-01.jsonl'))).rejects.toThrow();
    await expect(readFile(join(dir, 'audit-2026-11-20.jsonl'), 'utf8')).resolves.toBe('{}\n');
    await rm(dir, { recursive: true, force: true });
  });
});
