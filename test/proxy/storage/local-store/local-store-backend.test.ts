import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkSigner } from '../../../../proxy/storage/link-signer.ts';
import { LocalStoreBackend } from '../../../../proxy/storage/local-store/local-store-backend.ts';
import { key } from '../../../support/signing-keys.ts';

describe('LocalStoreBackend.resolveKey', () => {
  let root: string;
  let outside: string;
  let store: LocalStoreBackend;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'av-store-'));
    outside = await mkdtemp(join(tmpdir(), 'av-outside-'));
    await mkdir(join(root, 'conv1'), { recursive: true });
    await writeFile(join(root, 'conv1', 'f.pdf'), '%PDF-1.4');
    await writeFile(join(outside, 'secret.txt'), 'secret');
    await symlink(join(outside, 'secret.txt'), join(root, 'conv1', 'escape.txt'));
    store = new LocalStoreBackend({
      dir: root,
      publicUrl: 'http://x',
      signer: new LinkSigner([key('k', 1)], 'store'),
      servesProxyLinks: true,
    });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('resolves a key to its file inside the root', async () => {
    await expect(store.resolveKey('conv1/f.pdf')).resolves.toMatch(/conv1\/f\.pdf$/);
  });

  it('refuses traversal, symlinks out of the root, sidecars and missing files', async () => {
    await expect(store.resolveKey('conv1/../conv1/f.pdf')).rejects.toMatchObject({ code: 'unsafe_key' });
    await expect(store.resolveKey('conv1/escape.txt')).rejects.toMatchObject({ code: 'unsafe_key' });
    await expect(store.resolveKey('conv1/f.pdf.scan.json')).rejects.toMatchObject({ code: 'unsafe_key' });
    await expect(store.resolveKey('conv1/nope.pdf')).rejects.toMatchObject({ code: 'file_gone' });
  });
});
