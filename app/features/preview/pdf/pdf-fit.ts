// How big a page is drawn: the fit modes of issue 12, as pure arithmetic (unit-tested).

export type FitMode = 'width' | 'page' | 'actual';

/** Scale steps for zoom in/out and the +/− keys (1 = the PDF's own size in CSS pixels). */
export const ZOOM_STEPS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];
export const MIN_SCALE = 0.1;
export const MAX_SCALE = 8;
/** Room kept round a page: the page list's padding and a vertical scroll bar. */
const GUTTER = 24;

export interface Size {
  width: number;
  height: number;
}

/** The scale at which a page of `page` size (scale 1, unrotated) fits `box` in `mode`. */
export function fitScale(mode: FitMode, box: Size, page: Size, rotation: number): number {
  if (mode === 'actual') return 1;
  const turned = rotation % 180 !== 0;
  const width = turned ? page.height : page.width;
  const height = turned ? page.width : page.height;
  const byWidth = (box.width - GUTTER) / width;
  const scale = mode === 'width' ? byWidth : Math.min(byWidth, (box.height - GUTTER) / height);
  return clampScale(scale);
}

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** The next zoom step above (1) or below (-1) the current scale. */
export function stepScale(current: number, direction: 1 | -1): number {
  const next =
    direction > 0
      ? ZOOM_STEPS.find((z) => z > current + 0.01)
      : ZOOM_STEPS.toReversed().find((z) => z < current - 0.01);
  return next ?? current;
}
