// The generated pictures of the sample org: simple scenes with labels large enough to read in a
// screenshot, so a viewer test can tell which file (and which way up) it is showing.
import {
  createRaster,
  drawText,
  fillCircle,
  fillGradient,
  fillRect,
  type Raster,
  type Rgb,
  rotateCounterClockwise,
  textWidth,
} from '../sample-files/raster.ts';

const white: Rgb = [255, 255, 255];
const ink: Rgb = [25, 30, 40];

function carScene(label: string, body: Rgb): Raster {
  const r = createRaster(320, 240, white);
  fillGradient(r, 0, 150, [120, 170, 230], [200, 225, 250]);
  fillGradient(r, 150, 90, [110, 110, 115], [70, 70, 75]);
  fillCircle(r, 270, 40, 18, [255, 210, 60]);
  fillRect(r, 70, 120, 180, 45, body);
  fillRect(r, 110, 95, 100, 30, body);
  fillRect(r, 120, 100, 35, 20, [190, 220, 240]);
  fillRect(r, 165, 100, 35, 20, [190, 220, 240]);
  fillCircle(r, 110, 168, 16, ink);
  fillCircle(r, 210, 168, 16, ink);
  fillCircle(r, 110, 168, 6, [160, 160, 160]);
  fillCircle(r, 210, 168, 6, [160, 160, 160]);
  // A dent: the damage the customer is reporting.
  fillCircle(r, 235, 140, 9, [120, 40, 30]);
  drawText(r, label, Math.round((320 - textWidth(label, 3)) / 2), 205, 3, white);
  return r;
}

export function damagePhoto(): Raster {
  return carScene('CLAIM 1001', [200, 40, 40]);
}

export function damageFrontPhoto(): Raster {
  return carScene('FRONT', [40, 90, 190]);
}

/** Upright it reads "TOP" at the top; stored turned a quarter left, as a sideways phone writes it. */
export function sidewaysPhotoStored(): Raster {
  const upright = carScene('SIDEWAYS', [40, 150, 80]);
  fillRect(upright, 0, 0, 320, 34, ink);
  drawText(upright, '^ TOP ^', Math.round((320 - textWidth('^ TOP ^', 3)) / 2), 6, 3, [255, 210, 60]);
  return rotateCounterClockwise(upright);
}

export function receiptPhoto(): Raster {
  const r = createRaster(200, 260, [245, 240, 225]);
  drawText(r, 'RECEIPT', 20, 20, 3, ink);
  drawText(r, 'TOWING    90.00', 20, 80, 2, ink);
  drawText(r, 'STORAGE   35.00', 20, 105, 2, ink);
  fillRect(r, 20, 135, 160, 2, ink);
  drawText(r, 'TOTAL    125.00', 20, 150, 2, ink);
  return r;
}

export function repairGuide(): Raster {
  const r = createRaster(240, 140, white);
  fillRect(r, 0, 0, 240, 30, [30, 80, 160]);
  drawText(r, 'REPAIR GUIDE', 12, 8, 2, white);
  ['1 PHOTOS', '2 ESTIMATE', '3 BOOK GARAGE'].forEach((step, i) => {
    fillRect(r, 12, 42 + i * 32, 18, 18, [30, 80, 160]);
    drawText(r, step, 40, 44 + i * 32, 2, ink);
  });
  return r;
}

export function companyLogo(): Raster {
  const r = createRaster(120, 40, [30, 80, 160]);
  drawText(r, 'ACME', 12, 9, 3, white);
  fillCircle(r, 100, 20, 10, [255, 210, 60]);
  return r;
}

/** Rendered to PNG but sent as "invoice.pdf": the extension and the declared type lie. */
export function fakeInvoice(): Raster {
  const r = createRaster(200, 100, white);
  drawText(r, 'INVOICE', 20, 20, 3, ink);
  drawText(r, 'NOT A PDF', 20, 60, 2, [200, 40, 40]);
  return r;
}
