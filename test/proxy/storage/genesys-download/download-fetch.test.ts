import { describe, expect, it } from 'vitest';
import { readBodyHead } from '../../../../proxy/storage/genesys-download/download-fetch.ts';

describe('readBodyHead', () => {
  /** A body that never ends, as a download server that ignores Range sends a large file. */
  function endlessBody() {
    const seen = { pulls: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(64 * 1024).fill(seen.pulls++ % 251));
      },
      cancel() {
        seen.cancelled = true;
      },
    });
    return { response: new Response(body), seen };
  }

  it('reads the first bytes of a body that never ends, and cancels the rest', async () => {
    const { response, seen } = endlessBody();
    const head = await readBodyHead(response, 4_100, 5_000);
    expect(head).toEqual(new Uint8Array(4_100).fill(0));
    expect(seen.cancelled).toBe(true);
    expect(seen.pulls).toBeLessThanOrEqual(3); // a chunk, and whatever the stream queued ahead
  });

  it('returns a short body whole, and an empty one empty', async () => {
    expect(await readBodyHead(new Response('%PDF-1.7'), 4_100, 5_000)).toEqual(
      new TextEncoder().encode('%PDF-1.7'),
    );
    expect((await readBodyHead(new Response(null), 4_100, 5_000)).length).toBe(0);
  });

  it('gives up on a body that stalls, as storage_unavailable', async () => {
    let cancelled = false;
    const stalled = new ReadableStream<Uint8Array>({
      pull: () => new Promise<void>(() => undefined),
      cancel: () => {
        cancelled = true;
      },
    });
    await expect(readBodyHead(new Response(stalled), 4_100, 50)).rejects.toMatchObject({
      code: 'storage_unavailable',
    });
    expect(cancelled).toBe(true);
  });
});
