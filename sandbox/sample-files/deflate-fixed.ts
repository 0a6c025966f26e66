// A small deflate encoder (RFC 1951, one block with the fixed Huffman codes, greedy LZ77).
// The sample PNGs need compression to stay small, and node:zlib's output may change with the zlib
// version, while the committed samples must regenerate byte for byte: this code never changes.
const lengthBases = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
  227, 258,
];
const lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const distanceBases = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
  6145, 8193, 12289, 16385, 24577,
];
const distanceExtra = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];

const windowSize = 32_768;
const maxMatch = 258;
const minMatch = 3;
const maxChainSteps = 64;

class BitWriter {
  readonly bytes: number[] = [];
  #current = 0;
  #filled = 0;

  /** Extra bits and header fields: least significant bit first. */
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i += 1) {
      this.#current |= ((value >> i) & 1) << this.#filled;
      this.#filled += 1;
      if (this.#filled === 8) this.flush();
    }
  }

  /** Huffman codes: most significant bit first. */
  code(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i -= 1) this.bits((value >> i) & 1, 1);
  }

  flush(): void {
    if (this.#filled === 0) return;
    this.bytes.push(this.#current);
    this.#current = 0;
    this.#filled = 0;
  }
}

function writeLiteralOrLength(out: BitWriter, symbol: number): void {
  if (symbol < 144) out.code(0x30 + symbol, 8);
  else if (symbol < 256) out.code(0x190 + symbol - 144, 9);
  else if (symbol < 280) out.code(symbol - 256, 7);
  else out.code(0xc0 + symbol - 280, 8);
}

function writeMatch(out: BitWriter, length: number, distance: number): void {
  const li = lastIndexAtMost(lengthBases, length);
  writeLiteralOrLength(out, 257 + li);
  out.bits(length - (lengthBases[li] ?? 0), lengthExtra[li] ?? 0);
  const di = lastIndexAtMost(distanceBases, distance);
  out.code(di, 5);
  out.bits(distance - (distanceBases[di] ?? 0), distanceExtra[di] ?? 0);
}

function lastIndexAtMost(bases: readonly number[], value: number): number {
  let index = 0;
  while (index + 1 < bases.length && (bases[index + 1] ?? Infinity) <= value) index += 1;
  return index;
}

/** Raw deflate data (no zlib header). */
export function deflateFixed(data: Uint8Array): Uint8Array {
  const out = new BitWriter();
  out.bits(1, 1); // BFINAL
  out.bits(1, 2); // BTYPE = fixed Huffman
  const head = new Int32Array(1 << 16).fill(-1);
  const previous = new Int32Array(data.length).fill(-1);
  const hashAt = (i: number) =>
    (((data[i] ?? 0) << 8) ^ ((data[i + 1] ?? 0) << 4) ^ (data[i + 2] ?? 0)) & 0xffff;
  const remember = (i: number) => {
    if (i + minMatch > data.length) return;
    const h = hashAt(i);
    previous[i] = head[h] ?? -1;
    head[h] = i;
  };
  let i = 0;
  while (i < data.length) {
    let bestLength = 0;
    let bestDistance = 0;
    if (i + minMatch <= data.length) {
      let candidate = head[hashAt(i)] ?? -1;
      for (
        let steps = 0;
        candidate >= 0 && i - candidate <= windowSize && steps < maxChainSteps;
        steps += 1
      ) {
        let length = 0;
        while (
          length < maxMatch &&
          i + length < data.length &&
          data[candidate + length] === data[i + length]
        ) {
          length += 1;
        }
        if (length > bestLength) {
          bestLength = length;
          bestDistance = i - candidate;
        }
        candidate = previous[candidate] ?? -1;
      }
    }
    if (bestLength >= minMatch) {
      writeMatch(out, bestLength, bestDistance);
      for (let k = 0; k < bestLength; k += 1) remember(i + k);
      i += bestLength;
    } else {
      writeLiteralOrLength(out, data[i] ?? 0);
      remember(i);
      i += 1;
    }
  }
  writeLiteralOrLength(out, 256); // end of block
  out.flush();
  return Uint8Array.from(out.bytes);
}

/** zlib stream (RFC 1950) around deflateFixed, as PNG's IDAT wants it. */
export function zlibFixed(data: Uint8Array): Uint8Array {
  const body = deflateFixed(data);
  const out = new Uint8Array(2 + body.length + 4);
  out.set([0x78, 0x01]);
  out.set(body, 2);
  new DataView(out.buffer).setUint32(2 + body.length, adler32(data));
  return out;
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65_521;
    b = (b + a) % 65_521;
  }
  return ((b << 16) | a) >>> 0;
}
