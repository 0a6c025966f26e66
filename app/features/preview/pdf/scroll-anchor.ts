// Keeping the reader's place when every page changes size (zoom, fit, rotate): remember which
// page is under a point of the view and how far into it, then scroll so the same spot is there again.

export interface ScrollAnchor {
  page: number;
  /** How far into the page the point was, as a fraction of its width and height. */
  fx: number;
  fy: number;
  /** The point, in pixels from the view's top left corner. */
  x: number;
  y: number;
}

function pages(scroller: HTMLElement): HTMLElement[] {
  return Array.from(scroller.querySelectorAll<HTMLElement>(':scope > [data-page]'));
}

/** Where `point` (default: the middle of the view's top edge) falls in the pages. */
export function captureAnchor(
  scroller: HTMLElement,
  point?: { x: number; y: number },
): ScrollAnchor | undefined {
  const x = point?.x ?? scroller.clientWidth / 2;
  const y = point?.y ?? 0;
  const top = scroller.scrollTop + y;
  const all = pages(scroller);
  // Pages are stacked top to bottom: a binary search finds the one under the point.
  let lo = 0;
  let hi = all.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((all[mid]?.offsetTop ?? 0) <= top) lo = mid;
    else hi = mid - 1;
  }
  const el = all[lo];
  if (!el) return undefined;
  return {
    page: Number(el.dataset.page),
    fx: el.offsetWidth ? (scroller.scrollLeft + x - el.offsetLeft) / el.offsetWidth : 0.5,
    fy: el.offsetHeight ? (top - el.offsetTop) / el.offsetHeight : 0,
    x,
    y,
  };
}

/** Scrolls so the anchored spot is under the same point of the view again. */
export function restoreAnchor(scroller: HTMLElement, anchor: ScrollAnchor): void {
  const el = scroller.querySelector<HTMLElement>(`:scope > [data-page="${anchor.page}"]`);
  if (!el) return;
  scroller.scrollTop = el.offsetTop + anchor.fy * el.offsetHeight - anchor.y;
  scroller.scrollLeft = el.offsetLeft + anchor.fx * el.offsetWidth - anchor.x;
}

/**
 * The page the reader is on: the one showing the most of itself in the view, the first on a tie.
 * Read from the layout on each scroll rather than from visibility callbacks, which arrive late on a
 * busy machine and, summed up, named the page after the one a thumbnail had just gone to.
 */
export function pageInView(scroller: HTMLElement): number | undefined {
  const top = scroller.scrollTop;
  const bottom = top + scroller.clientHeight;
  const all = pages(scroller);
  // The first page whose bottom is below the view's top.
  let lo = 0;
  let hi = all.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const el = all[mid];
    if (el && el.offsetTop + el.offsetHeight <= top) lo = mid + 1;
    else hi = mid;
  }
  let best: number | undefined;
  let shown = 0;
  for (let i = lo; i < all.length; i++) {
    const el = all[i];
    if (!el || el.offsetTop >= bottom) break;
    const visible = Math.min(bottom, el.offsetTop + el.offsetHeight) - Math.max(top, el.offsetTop);
    if (visible > shown) [best, shown] = [Number(el.dataset.page), visible];
  }
  return best;
}
