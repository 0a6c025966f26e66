import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { withoutExif } from '../../../proxy/renditions/jpeg-exif.ts';

/** A small JPEG with EXIF Orientation 6, made by ImageMagick and exiftool. */
function rotatedJpeg(): Buffer {
  const plain = execFileSync('convert', ['-size', '40x20', 'xc:red', 'jpeg:-']);
  return execFileSync('exiftool', ['-Orientation#=6', '-Make=Phone', '-o', '-', '-'], { input: plain });
}

describe('withoutExif', () => {
  it('removes the EXIF block, orientation and camera tags with it, and keeps the picture', () => {
    const jpeg = rotatedJpeg();
    expect(jpeg.includes(Buffer.from('Exif\0\0'))).toBe(true);
    const stripped = Buffer.from(withoutExif(jpeg));
    expect(stripped.includes(Buffer.from('Exif\0\0'))).toBe(false);
    expect(
      execFileSync('exiftool', ['-s3', '-Orientation', '-Make', '-'], { input: stripped }).toString(),
    ).toBe('');
    expect(execFileSync('identify', ['-format', '%w %h', '-'], { input: stripped }).toString()).toBe('40 20');
  });

  it('leaves bytes it cannot walk as they are', () => {
    const notJpeg = new Uint8Array([1, 2, 3, 4]);
    expect(withoutExif(notJpeg)).toBe(notJpeg);
    const truncated = rotatedJpeg().subarray(0, 30);
    expect(Buffer.from(withoutExif(truncated)).equals(truncated)).toBe(true);
  });
});
