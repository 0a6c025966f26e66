// A re-hosted Open Messaging file is served from Genesys, but only as its store object's scan verdict
// allows: clean is linked, infected and pending are refused, and a file without a key follows the
// Genesys rules (not scanned, served).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAttachment } from '../../sandbox/sample-data/sample-attachments.ts';
import { conversationIds, type Stack, startStack } from '../../scripts/local-stack/stack.ts';
import { mintLink } from '../support/mint.ts';

const id = conversationIds.openMessagingRehosted;

describe('re-hosted files in the proxy', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('reports the store verdict as the scan of each re-hosted download', async () => {
    const list = await stack.request(`/api/v1/conversations/${id}/attachments`, {
      token: stack.tokens.alice,
    });
    expect(list.status).toBe(200);
    const scanOf = (name: string) =>
      list.json.attachments.find((a: { attachment: { fileName: string } }) => a.attachment.fileName === name);
    expect(scanOf('estimate.csv')).toMatchObject({ availability: 'available', scan: 'clean' });
    expect(scanOf('eicar-test.txt')).toMatchObject({ availability: 'available', scan: 'infected' });
    expect(scanOf('statement.pdf')).toMatchObject({ availability: 'available', scan: 'pending' });
    expect(scanOf('damage-photo.jpg')).toMatchObject({ availability: 'available', scan: 'unscanned' });
  });

  it('links the clean one from Genesys, and refuses the infected and the pending one', async () => {
    const clean = await mintLink(stack, sampleAttachment(id, 'estimate.csv'));
    expect(clean.status, clean.text).toBe(200);
    expect(clean.json.scan).toBe('clean');
    // Served as the Genesys download it is: relayed by the proxy, not signed from the store.
    expect(new URL(clean.json.url).pathname).toMatch(/^\/relay\//);

    const infected = await mintLink(stack, sampleAttachment(id, 'eicar-test.txt'));
    expect(infected.status).toBe(403);
    expect(infected.json.error.code).toBe('scan_infected');

    const pending = await mintLink(stack, sampleAttachment(id, 'statement.pdf'));
    expect(pending.status).toBe(403);
    expect(pending.json.error.code).toBe('scan_pending');

    const photo = await mintLink(stack, sampleAttachment(id, 'damage-photo.jpg'));
    expect(photo.status, photo.text).toBe(200);
    expect(photo.json.scan).toBe('unscanned');
  });

  it('refuses a re-hosted file whose store object is gone: no verdict, no link', async () => {
    const emptyStore = await mkdtemp(path.join(tmpdir(), 'empty-store-'));
    const proxy = await stack.startProxy({ STORE_DIR: emptyStore });
    try {
      const response = await mintLink(proxy, sampleAttachment(id, 'estimate.csv'));
      expect(response.status).toBe(403);
      expect(response.json.error.code).toBe('scan_pending');
      // The same proxy still serves a Genesys download that has no key, as before.
      expect((await mintLink(proxy, sampleAttachment(id, 'damage-photo.jpg'))).status).toBe(200);
    } finally {
      await proxy.stop();
      await rm(emptyStore, { recursive: true, force: true });
    }
  });
});
