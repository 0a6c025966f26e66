// Removes the EXIF block from a JPEG rendition. libheif turns a HEIC photo upright while decoding
// (its irot/imir boxes) but copies the camera's EXIF, Orientation included, into the JPEG: a browser
// would then turn it a second time (seen with libheif 1.15 and an iPhone photo: docs/renditions.md).
// Without EXIF the pixels are shown as they are; the camera's location goes with it.

const SOI = 0xd8;
const SOS = 0xda;
const APP1 = 0xe1;
const EXIF = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"

/** The JPEG without its EXIF segments; the bytes unchanged when they are not a JPEG this can walk. */
export function withoutExif(jpeg: Uint8Array): Uint8Array {
  if (jpeg[0] !== 0xff || jpeg[1] !== SOI) return jpeg;
  const kept: Uint8Array[] = [jpeg.subarray(0, 2)];
  let at = 2;
  let removed = false;
  // Marker segments up to the start of scan: FF xx, then a big-endian length that counts itself.
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1] as number;
    if (marker === SOS) break;
    const length = ((jpeg[at + 2] as number) << 8) | (jpeg[at + 3] as number);
    const end = at + 2 + length;
    if (length < 2 || end > jpeg.length) return jpeg;
    const isExif = marker === APP1 && EXIF.every((b, i) => jpeg[at + 4 + i] === b);
    if (isExif) removed = true;
    else kept.push(jpeg.subarray(at, end));
    at = end;
  }
  if (!removed) return jpeg;
  kept.push(jpeg.subarray(at));
  const out = new Uint8Array(kept.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of kept) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
