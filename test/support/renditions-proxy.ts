// The local stack with a proxy that converts into a fresh RENDITIONS_DIR, for the renditions test
// files: started before the file's tests, stopped and its folder removed after them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type Stack, type StackProxy, startStack } from '../../scripts/local-stack/stack.ts';

export interface RenditionsProxy {
  stack: Stack;
  proxy: StackProxy;
  /** The proxy's RENDITIONS_DIR (its `jobs/` and `cache/` are what the tests look into). */
  dir: string;
}

/** Registers the file's beforeAll/afterAll; the fields are there once beforeAll has run. */
export function withRenditionsProxy(name: string, settings: Record<string, string> = {}): RenditionsProxy {
  const env = {} as RenditionsProxy;
  beforeAll(async () => {
    env.dir = await mkdtemp(join(tmpdir(), `${name}-`));
    env.stack = await startStack();
    env.proxy = await env.stack.startProxy({ RENDITIONS_DIR: env.dir, ...settings });
  }, 60_000);
  afterAll(async () => {
    await env.stack?.stop();
    // Retried for the same reason as renditions-dir.ts.
    if (env.dir) await rm(env.dir, { recursive: true, force: true, maxRetries: 5 });
  });
  return env;
}
