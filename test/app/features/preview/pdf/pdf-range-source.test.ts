// LinkRangeReader against a real HTTP server that answers ranges and refuses expired links the way
// the proxy's store and S3 do: the bytes are right, an expired link is swapped for a fresh one
// (before use when it is due, after a refusal when it is not), and many reads renew once; the
// transport over it asks for the file's end early, opens with a larger request that reaches pdf.js
// while it arrives, answers the ranges pdf.js asks for from requests in flight, and ends the
// opening of a linearized file at page 1's end.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LinkRangeReader,
  linearizedPageOneEnd,
  linkRangeTransport,
  RangeFailedError,
  type TimedLink,
} from '../../../../../app/features/preview/pdf/pdf-range-source.ts';

let file = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31 + 7) % 251);
/** Link versions the server refuses as expired (403), whatever their stated expiry. */
const revoked = new Set<string>();
const requests: { version: string; range: string | undefined; cacheControl?: string | undefined }[] = [];
let ignoreRanges = false;
/** When set, the next answer sends this many bytes and then drops the connection. */
let dropAfter: number | undefined;
/**
 * Answers held mid-way, by the offset they start at: the first `bytes` are sent, the rest when
 * `release` resolves; `ended` tells when the answer has been sent whole.
 */
const held = new Map<number, { bytes: number; release: Promise<void>; ended: boolean }>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const version = url.searchParams.get('v') ?? '';
    requests.push({ version, range: req.headers.range, cacheControl: req.headers['cache-control'] });
    if (url.pathname === '/gone') return void res.writeHead(404).end();
    if (revoked.has(version)) return void res.writeHead(403).end('expired');
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (!range || ignoreRanges) return void res.writeHead(200).end(file);
    const [start, end] = [Number(range[1]), Number(range[2])];
    res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${file.length}` });
    if (dropAfter !== undefined) {
      const bytes = dropAfter;
      dropAfter = undefined;
      res.flushHeaders();
      res.write(file.subarray(start, start + bytes), () => setTimeout(() => res.destroy(), 50));
      return;
    }
    const hold = held.get(start);
    if (!hold) return void res.end(file.subarray(start, end + 1));
    res.write(file.subarray(start, start + hold.bytes));
    void hold.release.then(() =>
      res.end(file.subarray(start + hold.bytes, end + 1), () => {
        hold.ended = true;
      }),
    );
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

  it('asks past the HTTP cache, which would hold a second request to the same link until the first is answered', async () => {
    const { mint } = links();
    requests.length = 0;
    const reader = new LinkRangeReader(await mint(), () => mint());
    await reader.read(0, 10);
    // A fetch with cache mode "no-store" says so to the server (Fetch standard, HTTP-network-or-cache
    // fetch); Chromium's cache lets one request per URL through at a time (docs/viewer.md).
    expect(requests.map((r) => r.cacheControl)).toEqual(['no-cache']);
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

  it('asks again, from where it stopped, for an answer cut short', async () => {
    const { mint, minted } = links();
    const reader = new LinkRangeReader(await mint(), () => mint());
    requests.length = 0;
    dropAfter = 30_000;
    const pieces: [number, number][] = [];
    const bytes = new Uint8Array(100_000);
    await reader.stream(0, 100_000, (piece, at) => {
      pieces.push([at, piece.length]);
      bytes.set(piece, at);
    });
    expect(bytes).toEqual(file.slice(0, 100_000));
    // Each byte handed on once, in order; the second request starts where the first stopped.
    expect(pieces.reduce((at, [from, n]) => (from === at ? at + n : Number.NaN), 0)).toBe(100_000);
    expect(requests.map((r) => r.range)).toEqual(['bytes=0-99999', 'bytes=30000-99999']);
    expect(minted).toHaveLength(2);
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

/** pdf.js's PDFDataRangeTransport as far as the transport uses it: what it was given, and when. */
class FakeTransport {
  readonly given = new Map<number, Uint8Array>();
  /** Bytes given in order from byte 0 (pdf.js's progressive read), in the pieces given. */
  readonly progressive: Uint8Array[] = [];
  constructor(
    readonly length: number,
    readonly initialData: Uint8Array | null,
  ) {}
  onDataRange(begin: number, chunk: Uint8Array) {
    this.given.set(begin, chunk);
  }
  onDataProgressiveRead(chunk: Uint8Array) {
    this.progressive.push(chunk);
  }
  abort() {}
}

/** Holds answers from `start` after their first `bytes` until `release` is called. */
function holdAnswers(start: number, bytes: number) {
  let release = () => {};
  const hold = { bytes, release: new Promise<void>((resolve) => (release = resolve)), ended: false };
  held.set(start, hold);
  return { hold, release: () => release() };
}

type Fake = FakeTransport & { requestDataRange(begin: number, end: number): void };

const EARLY = { requestBytes: 64 * 1024, openingBytes: 100_000, pieceBytes: 16 * 1024 };

/** The transport over `path` of the test server; `early` undefined: the transport's own sizes. */
async function transportOver(early: typeof EARLY | undefined = EARLY, path = '/file') {
  const { mint } = links(path);
  const reader = new LinkRangeReader(await mint(), () => mint());
  const failures: RangeFailedError[] = [];
  const transport = linkRangeTransport(
    FakeTransport as never,
    file.length,
    reader,
    (e) => failures.push(e),
    early,
  );
  return { transport: transport as unknown as Fake, failures };
}

const joined = (pieces: Uint8Array[]) => {
  const all = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    all.set(p, at);
    at += p.length;
  }
  return all;
};

describe('linkRangeTransport', () => {
  it('asks for the opening and the end of the file at once, and asks for neither again', async () => {
    // The opening waits until the end has come.
    const { release } = holdAnswers(0, 0);
    try {
      requests.length = 0;
      const { transport } = await transportOver();
      // The opening 100 KB and the file's last 64 KB (16 KB-aligned), before pdf.js asks anything.
      const lastPart = Math.floor((file.length - 64 * 1024) / (16 * 1024)) * 16 * 1024;
      await expect
        .poll(() => new Set(requests.map((r) => r.range)))
        .toEqual(new Set(['bytes=0-99999', `bytes=${lastPart}-${file.length - 1}`]));
      transport.requestDataRange(file.length - 10_000, file.length);
      await expect.poll(() => transport.given.get(file.length - 10_000)).toEqual(file.slice(-10_000));

      release();
      transport.requestDataRange(0, 16 * 1024);
      await expect.poll(() => transport.given.get(0)).toEqual(file.slice(0, 16 * 1024));
      await expect.poll(() => joined(transport.progressive)).toEqual(file.slice(0, 100_000));
      // A range past both goes out at once, as a request of at least 64 KB.
      transport.requestDataRange(100_000, 110_000);
      await expect.poll(() => transport.given.get(100_000)).toEqual(file.slice(100_000, 110_000));
      expect(requests).toHaveLength(3);
      expect(requests[2]?.range).toBe(`bytes=100000-${100_000 + 64 * 1024 - 1}`);
    } finally {
      release();
      held.clear();
    }
  });

  it('keeps the request for the end of a file that is not linearized, answered or not: no byte is asked twice', async () => {
    const lastPart = Math.floor((file.length - 64 * 1024) / (16 * 1024)) * 16 * 1024;
    const { release } = holdAnswers(lastPart, 0);
    try {
      requests.length = 0;
      const { transport } = await transportOver();
      // The opening comes whole and is not linearized while the end has not begun to answer.
      await expect.poll(() => joined(transport.progressive)).toEqual(file.slice(0, 100_000));
      transport.requestDataRange(file.length - 10_000, file.length);
      release();
      await expect.poll(() => transport.given.get(file.length - 10_000)).toEqual(file.slice(-10_000));
      expect(new Set(requests.map((r) => r.range))).toEqual(
        new Set(['bytes=0-99999', `bytes=${lastPart}-${file.length - 1}`]),
      );
      expect(requests).toHaveLength(2);
    } finally {
      release();
      held.clear();
    }
  });

  it('gives pdf.js the opening while it arrives, and answers a range inside it from it', async () => {
    const { hold, release } = holdAnswers(0, 40_000);
    try {
      requests.length = 0;
      const { transport } = await transportOver();
      // The first 32 KB (two whole 16 KB pieces) reach pdf.js while the answer is still open.
      await expect.poll(() => joined(transport.progressive).length).toBe(32 * 1024);
      expect(joined(transport.progressive)).toEqual(file.slice(0, 32 * 1024));
      // pdf.js asks for a range that is here, and one the opening will bring: no new request.
      transport.requestDataRange(16 * 1024, 32 * 1024);
      transport.requestDataRange(64 * 1024, 80 * 1024);
      await expect.poll(() => transport.given.get(16 * 1024)).toEqual(file.slice(16 * 1024, 32 * 1024));
      expect(transport.given.has(64 * 1024)).toBe(false);
      expect(hold.ended).toBe(false);

      release();
      await expect.poll(() => transport.given.get(64 * 1024)).toEqual(file.slice(64 * 1024, 80 * 1024));
      await expect.poll(() => joined(transport.progressive)).toEqual(file.slice(0, 100_000));
      // One request for the first 100 KB: the opening (the others are for the file's end).
      const starts = requests.map((r) => Number(/^bytes=(\d+)-/.exec(r.range ?? '')?.[1]));
      expect(starts.filter((start) => start < 100_000)).toEqual([0]);
    } finally {
      release();
      held.clear();
    }
  });

  it('ends the opening of a linearized file at the end of page 1', async () => {
    const plain = file;
    const head = `%PDF-1.7\n1 0 obj\n<< /Linearized 1 /L ${plain.length} /H [ 600 200 ] /O 4 /E 20000 /N 9 /T 190000 >>\nendobj\n`;
    file = Uint8Array.from(plain);
    file.set(new TextEncoder().encode(head));
    const { hold, release } = holdAnswers(0, 40_000);
    try {
      requests.length = 0;
      const { transport } = await transportOver();
      // Page 1 ends at 20,000, so the opening ends at the next 16 KB piece (32 KB), or as here with
      // what had come by then (40,000 bytes): all of it reaches pdf.js, the rest is not waited for.
      await expect.poll(() => joined(transport.progressive)).toEqual(file.slice(0, 40_000));
      expect(hold.ended).toBe(false);
      // Past it, a new request (the cut one is not waited for).
      transport.requestDataRange(48 * 1024, 64 * 1024);
      await expect.poll(() => transport.given.get(48 * 1024)).toEqual(file.slice(48 * 1024, 64 * 1024));
      expect(requests.map((r) => r.range)).toContain(`bytes=${48 * 1024}-${48 * 1024 + 64 * 1024 - 1}`);
    } finally {
      release();
      held.clear();
      file = plain;
    }
  });

  it('reports a range that fails for good', async () => {
    const { transport, failures } = await transportOver(undefined, '/gone');
    transport.requestDataRange(0, 1024);
    await expect.poll(() => failures).toEqual([new RangeFailedError('gone')]);
  });
});

describe('linearizedPageOneEnd', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('reads /E of a linearized file whose /L is its length, and nothing else', () => {
    const head =
      '%PDF-1.7\n%\xe2\xe3\n10 0 obj\n<< /Linearized 1 /L 4725780 /H [ 1582 7823 ] /O 12 /E 14640 /N 5000 /T 4662248 >>\nendobj\n';
    expect(linearizedPageOneEnd(bytes(head), 4_725_780)).toBe(14_640);
    // Updated since it was linearized: pdf.js reads it as not linearized.
    expect(linearizedPageOneEnd(bytes(head), 4_800_000)).toBeUndefined();
    expect(linearizedPageOneEnd(bytes('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\n'), 100)).toBeUndefined();
    // Not within the first 1024 bytes.
    expect(
      linearizedPageOneEnd(bytes(`%PDF-1.7\n${' '.repeat(1100)}${head.slice(9)}`), 4_725_780),
    ).toBeUndefined();
  });
});
