// JPEG photos for the samples, encoded by jpeg-js (pure JS, deterministic), optionally carrying an
// EXIF Orientation tag the way a phone held sideways writes it.
import jpeg from 'jpeg-js';
import { concat } from './png-image.ts';
import type { Raster } from './raster.ts';

export function encodeJpeg(raster: Raster, quality = 82): Uint8Array {
  const encoded = jpeg.encode({ width: raster.width, height: raster.height, data: raster.data }, quality);
  return new Uint8Array(encoded.data);
}

/**
 * Inserts an APP1 Exif segment holding only IFD0 Orientation (tag 0x0112) right after SOI, ahead of
 * jpeg-js's JFIF APP0. Orientation 6 = stored rotated, display turned 90° clockwise.
 */
export function withExifOrientation(jpegBytes: Uint8Array, orientation: 1 | 3 | 6 | 8): Uint8Array {
  if (jpegBytes[0] !== 0xff || jpegBytes[1] !== 0xd8) throw new Error('not a JPEG (no SOI marker)');
  // TIFF header (little endian), IFD0 at offset 8 with one SHORT entry, then no next IFD.
  const tiff = new Uint8Array(26);
  const view = new DataView(tiff.buffer);
  tiff.set([0x49, 0x49, 0x2a, 0x00]);
  view.setUint32(4, 8, true);
  view.setUint16(8, 1, true);
  view.setUint16(10, 0x0112, true);
  view.setUint16(12, 3, true);
  view.setUint32(14, 1, true);
  view.setUint16(18, orientation, true);
  view.setUint32(22, 0, true);
  const exifHeader = Uint8Array.of(0x45, 0x78, 0x69, 0x66, 0x00, 0x00); // "Exif\0\0"
  const segmentLength = 2 + exifHeader.length + tiff.length;
  const app1 = concat([
    Uint8Array.of(0xff, 0xe1, segmentLength >> 8, segmentLength & 0xff),
    exifHeader,
    tiff,
  ]);
  return concat([jpegBytes.subarray(0, 2), app1, jpegBytes.subarray(2)]);
}
