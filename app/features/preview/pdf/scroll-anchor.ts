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
