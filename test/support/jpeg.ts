// What a JPEG's headers say, read without decoding it: the stored size (start of frame) and the EXIF
// Orientation of IFD0 (1 when absent), as a phone camera writes them.

export interface JpegFacts {
  width: number;
  height: number;
  orientation: number;
}

export function jpegFacts(bytes: Uint8Array): JpegFacts {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.readUInt16BE(0) !== 0xffd8) throw new Error('not a JPEG (no SOI marker)');
  let orientation = 1;
  let offset = 2;
  while (offset + 4 <= data.length) {
    const marker = data.readUInt16BE(offset);
    const length = data.readUInt16BE(offset + 2);
    const body = data.subarray(offset + 4, offset + 2 + length);
    if (marker === 0xffe1 && body.subarray(0, 6).toString('latin1') === 'Exif\0\0') {
      orientation = exifOrientation(body.subarray(6)) ?? orientation;
    }
    // SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC): height, then width.
    if (marker >= 0xffc0 && marker <= 0xffcf && ![0xffc4, 0xffc8, 0xffcc].includes(marker)) {
      return { width: body.readUInt16BE(3), height: body.readUInt16BE(1), orientation };
    }
    offset += 2 + length;
  }
  throw new Error('no start-of-frame marker');
}

/** Tag 0x0112 of IFD0 in a TIFF structure (either byte order). */
function exifOrientation(tiff: Buffer): number | undefined {
  const little = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  const entries = u16(ifd);
  for (let i = 0; i < entries; i += 1) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) === 0x0112) return u16(entry + 8);
  }
  return undefined;
}
