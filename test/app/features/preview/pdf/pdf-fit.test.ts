import { describe, expect, it } from 'vitest';
import { fitScale, stepScale } from '../../../../../app/features/preview/pdf/pdf-fit.ts';

const LETTER = { width: 612, height: 792 };

describe('PDF fit modes', () => {
  it('fits the width of a narrow panel', () => {
    expect(fitScale('width', { width: 320, height: 600 }, LETTER, 0)).toBeCloseTo((320 - 24) / 612);
  });

  it('fits the whole page by its height when the panel is wide', () => {
    expect(fitScale('page', { width: 1200, height: 600 }, LETTER, 0)).toBeCloseTo((600 - 24) / 792);
  });

  it('keeps fit width after a quarter turn, measuring the page sideways', () => {
    expect(fitScale('width', { width: 320, height: 600 }, LETTER, 90)).toBeCloseTo((320 - 24) / 792);
    expect(fitScale('width', { width: 320, height: 600 }, LETTER, 180)).toBeCloseTo((320 - 24) / 612);
  });

  it('draws actual size at scale 1', () => {
    expect(fitScale('actual', { width: 320, height: 600 }, LETTER, 90)).toBe(1);
  });

  it('steps zoom to the next level either way', () => {
    expect(stepScale(1, 1)).toBe(1.25);
    expect(stepScale(0.48, 1)).toBe(0.5);
    expect(stepScale(0.48, -1)).toBe(0.25);
    expect(stepScale(4, 1)).toBe(4);
  });
});
