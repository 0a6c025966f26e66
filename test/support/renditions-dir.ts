// The renditions folder a test file's proxies convert into: made for the file, removed after its last
// test, once its stacks have stopped (afterAll hooks run last-registered first, so register this
// before the stack).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export async function renditionsDirForFile(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  // Retried: a proxy that stopped with a conversion running leaves its converter to the job reaper
  // (proxy/renditions/job-reaper.ts), which may still be killing it and removing its job folder.
  afterAll(() => rm(dir, { recursive: true, force: true, maxRetries: 5 }));
  return dir;
}
