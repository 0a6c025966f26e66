// A minimal RGBA drawing surface for the generated sample pictures.
import { glyphHeight, glyphPixels, glyphWidth } from './pixel-font.ts';

export type Rgb = readonly [number, number, number];

export interface Raster {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Uint8Array;
}

export function createRaster(width: number, height: number, background: Rgb): Raster {
  const raster = { width, height, data: new Uint8Array(width * height * 4) };
  fillRect(raster, 0, 0, width, height, background);
  return raster;
}

export function setPixel(raster: Raster, x: number, y: number, color: Rgb): void {
  if (x < 0 || y < 0 || x >= raster.width || y >= raster.height) return;
  const i = (y * raster.width + x) * 4;
  raster.data[i] = color[0];
  raster.data[i + 1] = color[1];
  raster.data[i + 2] = color[2];
  raster.data[i + 3] = 255;
}

export function fillRect(raster: Raster, x0: number, y0: number, w: number, h: number, color: Rgb): void {
  for (let y = y0; y < y0 + h; y += 1) for (let x = x0; x < x0 + w; x += 1) setPixel(raster, x, y, color);
}

/** Fills rows with a vertical blend from `top` to `bottom`. */
export function fillGradient(raster: Raster, y0: number, h: number, top: Rgb, bottom: Rgb): void {
  for (let y = 0; y < h; y += 1) {
    const t = h === 1 ? 0 : y / (h - 1);
    const color: Rgb = [0, 1, 2].map((c) => Math.round((top[c] ?? 0) * (1 - t) + (bottom[c] ?? 0) * t)) as [
      number,
      number,
      number,
    ];
    fillRect(raster, 0, y0 + y, raster.width, 1, color);
  }
}

export function fillCircle(raster: Raster, cx: number, cy: number, r: number, color: Rgb): void {
  for (let y = -r; y <= r; y += 1) {
    for (let x = -r; x <= r; x += 1) if (x * x + y * y <= r * r) setPixel(raster, cx + x, cy + y, color);
  }
}

/** Draws text in the 5×7 font, each font pixel a `scale`×`scale` square. */
export function drawText(
  raster: Raster,
  text: string,
  x: number,
  y: number,
  scale: number,
  color: Rgb,
): void {
  [...text].forEach((char, i) => {
    const left = x + i * (glyphWidth + 1) * scale;
    for (const [gx, gy] of glyphPixels(char))
      fillRect(raster, left + gx * scale, y + gy * scale, scale, scale, color);
  });
}

export function textWidth(text: string, scale: number): number {
  return [...text].length * (glyphWidth + 1) * scale - scale;
}

export function textHeight(scale: number): number {
  return glyphHeight * scale;
}

/** The picture turned a quarter to the left: what a phone held sideways stores before EXIF rotates it back. */
export function rotateCounterClockwise(raster: Raster): Raster {
  const out = { width: raster.height, height: raster.width, data: new Uint8Array(raster.data.length) };
  for (let y = 0; y < raster.height; y += 1) {
    for (let x = 0; x < raster.width; x += 1) {
      const from = (y * raster.width + x) * 4;
      const to = ((raster.width - 1 - x) * out.width + y) * 4;
      out.data.set(raster.data.subarray(from, from + 4), to);
    }
  }
  return out;
}
