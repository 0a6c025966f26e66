import { describe, expect, it } from 'vitest';
import { pageInView } from '../../../../../app/features/preview/pdf/scroll-anchor.ts';

/** A scroll box of pages stacked from `top` with `gap` between them; jsdom lays nothing out, so the geometry is set. */
function scroller(heights: number[], view: { scrollTop: number; clientHeight: number }, top = 12, gap = 12) {
  const box = document.createElement('div');
  let y = top;
  heights.forEach((height, i) => {
    const page = document.createElement('div');
    page.dataset.page = String(i + 1);
    Object.defineProperties(page, { offsetTop: { value: y }, offsetHeight: { value: height } });
    y += height + gap;
    box.append(page);
  });
  Object.defineProperties(box, {
    scrollTop: { value: view.scrollTop },
    clientHeight: { value: view.clientHeight },
  });
  return box;
}

describe('pageInView', () => {
  it('names the page a thumbnail went to, though the next one peeks in below it', () => {
    // The failure seen in CI: page 3 at the top of the view, 42 px of page 4 below it.
    const box = scroller([560, 560, 560, 560, 560], { scrollTop: 1156, clientHeight: 602 });
    expect(pageInView(box)).toBe(3);
  });

  it('names the page showing most of itself, the first on a tie', () => {
    expect(pageInView(scroller([400, 400, 400], { scrollTop: 300, clientHeight: 400 }))).toBe(2);
    expect(pageInView(scroller([400, 400], { scrollTop: 218, clientHeight: 400 }))).toBe(1);
  });

  it('names the last page at the end of the document, and nothing when there are no pages', () => {
    const heights = Array.from({ length: 520 }, () => 560);
    const end = 12 + 520 * 572 - 602;
    expect(pageInView(scroller(heights, { scrollTop: end, clientHeight: 602 }))).toBe(520);
    expect(pageInView(scroller([], { scrollTop: 0, clientHeight: 602 }))).toBeUndefined();
  });
});
