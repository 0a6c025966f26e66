// LinkRangeReader against a real HTTP server that answers ranges and refuses expired links the way
// the proxy's store and S3 do: the bytes are right, an expired link is swapped for a fresh one
// (before use when it is due, after a refusal when it is not), and many reads renew once; the
// transport over it asks for the file's end early and opens with a larger piece.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LinkRangeReader,
  linkRangeTransport,
  RangeFailedError,
  type TimedLink,
} from '../../../../../app/features/preview/pdf/pdf-range-source.ts';

const file = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31 + 7) % 251);
/** Link versions the server refuses as expired (403), whatever their stated expiry. */
const revoked = new Set<string>();
const requests: { version: string; range: string | undefined }[] = [];
let ignoreRanges = false;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const version = url.searchParams.get('v') ?? '';
    requests.push({ version, range: req.headers.range });
    if (url.pathname === '/gone') return void res.writeHead(404).end();
    if (revoked.has(version)) return void res.writeHead(403).end('expired');
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (!range || ignoreRanges) return void res.writeHead(200).end(file);
    const [start, end] = [Number(range[1]), Number(range[2])];
    res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${file.length}` });
    res.end(file.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function links(path = '/file') {
  let version = 0;
  const minted: TimedLink[] = [];
  const mint = async (lifeMs = 60_000): Promise<TimedLink> => {
    version += 1;
    const link = {
      url: `${base}${path}?v=${version}`,
      expiresAt: new Date(Date.now() + lifeMs).toISOString(),
    };
    minted.push(link);
    return link;
  };
  return { mint, minted };
}

describe('LinkRangeReader', () => {
  it('reads the bytes asked for by range', async () => {
    const { mint } = links();
    const reader = new LinkRangeReader(await mint(), () => mint());
    expect(await reader.read(1_000, 70_536)).toEqual(file.slice(1_000, 70_536));
    expect(await reader.read(199_000, 200_000)).toEqual(file.slice(199_000));
  });

  it('renews a link that is due before using it, never asking the old one', async () => {
    const { mint, minted } = links();
    requests.length = 0;
    const reader = new LinkRangeReader(await mint(2_000), () => mint());
    expect(await reader.read(0, 10)).toEqual(file.slice(0, 10));
    expect(minted).toHaveLength(2);
    expect(requests.map((r) => r.version)).toEqual(['2']);
  });

  it('renews once after the server refuses the link as expired, and goes on through the new one', async () => {
    const { mint, minted } = links();
    const reader = new LinkRangeReader(await mint(), () => mint());
    revoked.add('1');
    requests.length = 0;
    // Five ranges in flight when the link is refused: one renewal serves them all.
    const reads = [0, 1, 2, 3, 4].map((n) => reader.read(n * 40_000, n * 40_000 + 1_000));
    const got = await Promise.all(reads);
    expect(got).toEqual([0, 1, 2, 3, 4].map((n) => file.slice(n * 40_000, n * 40_000 + 1_000)));
    expect(minted).toHaveLength(2);
    expect(reader.currentUrl).toBe(minted[1]?.url);
    expect(new Set(requests.map((r) => r.version))).toEqual(new Set(['1', '2']));
    expect(await reader.read(5, 6)).toEqual(file.slice(5, 6));
    expect(minted).toHaveLength(2);
  });

  it('fails as expired when the fresh link is refused too, and as gone on a 404', async () => {
    const { mint } = links();
    revoked.add('1').add('2');
    const reader = new LinkRangeReader(await mint(), () => mint());
    await expect(reader.read(0, 10)).rejects.toEqual(new RangeFailedError('expired'));
    revoked.clear();

    const gone = links('/gone');
    const lost = new LinkRangeReader(await gone.mint(), () => gone.mint());
    await expect(lost.read(0, 10)).rejects.toEqual(new RangeFailedError('gone'));
    expect(gone.minted).toHaveLength(1);
  });

  it('takes its part of a whole file from a server that ignores ranges', async () => {
    const { mint } = links();
    ignoreRanges = true;
    try {
      const reader = new LinkRangeReader(await mint(), () => mint());
      expect(await reader.read(150_000, 150_100)).toEqual(file.slice(150_000, 150_100));
    } finally {
      ignoreRanges = false;
    }
  });
});

/** pdf.js's PDFDataRangeTransport as far as the transport uses it: what it was given, by offset. */
class FakeTransport {
  readonly given = new Map<number, Uint8Array>();
  constructor(
    readonly length: number,
    readonly initialData: Uint8Array | null,
  ) {}
  onDataRange(begin: number, chunk: Uint8Array) {
    this.given.set(begin, chunk);
  }
  abort() {}
}

describe('linkRangeTransport', () => {
  it('asks for the end of the file at once and opens with a larger first piece', async () => {
    const { mint } = links();
    requests.length = 0;
    const reader = new LinkRangeReader(await mint(), () => mint());
    const transport = linkRangeTransport(FakeTransport as never, file.length, reader, () => undefined, {
      chunkSize: 64 * 1024,
      openingBytes: 100_000,
    }) as unknown as FakeTransport & { requestDataRange(begin: number, end: number): void };
    // The last 64 KB-aligned piece is on its way before pdf.js asks for anything.
    const lastPiece = 3 * 64 * 1024;
    await expect.poll(() => requests.map((r) => r.range)).toEqual([`bytes=${lastPiece}-${file.length - 1}`]);

    transport.requestDataRange(0, 64 * 1024);
    transport.requestDataRange(lastPiece, file.length);
    await expect.poll(() => transport.given.size).toBe(2);
    expect(transport.given.get(0)).toEqual(file.slice(0, 100_000));
    expect(transport.given.get(lastPiece)).toEqual(file.slice(lastPiece));
    // Two requests in all: the tail was not asked for twice.
    expect(requests.map((r) => r.range)).toEqual([`bytes=${lastPiece}-${file.length - 1}`, 'bytes=0-99999']);
  });
});
