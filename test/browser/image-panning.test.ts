// A zoomed photo must be inspectable to its last pixel: at every zoom and rotation, panning with the
// keyboard, the wheel or a drag reaches each of the four corners (issue 16: at 244 % the left and top
// of the photo were out of reach). Geometry is read from Chromium's own layout of the widget.
import type { Frame } from 'playwright-core';
import { expect, it } from 'vitest';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { waitFor } from '../../scripts/local-stack/widget-stack.ts';
import { seriousViolations } from '../support/axe.ts';
import { openAttachment, waitForPainted, withWidgetDesktop } from '../support/browser.ts';

const desktop = withWidgetDesktop();

// In-page code (see test/support/browser.ts): the Node tsconfig has no DOM library.
interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}
interface PageBox {
  readonly clientLeft: number;
  readonly clientTop: number;
  readonly clientWidth: number;
  readonly clientHeight: number;
  readonly scrollLeft: number;
  readonly scrollTop: number;
  getBoundingClientRect(): Rect;
}
declare const document: { querySelector(selector: string): PageBox | null; readonly activeElement: unknown };
declare function getComputedStyle(element: PageBox): { outlineStyle: string; outlineWidth: string };

function stageFocusInPage() {
  const stage = document.querySelector('.image-stage');
  if (!stage) return undefined;
  const { outlineStyle, outlineWidth } = getComputedStyle(stage);
  return { focused: document.activeElement === stage, outlineStyle, outlineWidth };
}

interface StageGeometry {
  /** The stage's visible area (its padding box), in the frame's coordinates. */
  view: { left: number; top: number; right: number; bottom: number };
  /** The image as drawn (rotation and zoom applied). */
  image: Rect;
  scrollLeft: number;
  scrollTop: number;
}

function geometryInPage(): StageGeometry | undefined {
  const stage = document.querySelector('.image-stage');
  const img = document.querySelector('.image-stage img');
  if (!stage || !img) return undefined;
  const box = stage.getBoundingClientRect();
  const left = box.left + stage.clientLeft;
  const top = box.top + stage.clientTop;
  const r = img.getBoundingClientRect();
  return {
    view: { left, top, right: left + stage.clientWidth, bottom: top + stage.clientHeight },
    image: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
    scrollLeft: stage.scrollLeft,
    scrollTop: stage.scrollTop,
  };
}

async function geometry(frame: Frame): Promise<StageGeometry> {
  const g = await frame.evaluate(geometryInPage);
  if (!g) throw new Error('no image stage in the widget');
  return g;
}

type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

/** Presses the corner's two arrow keys until the stage stops scrolling. */
async function panByKeyboard(frame: Frame, corner: Corner): Promise<void> {
  const [vertical, horizontal] = corner.split('-');
  const keys = [
    vertical === 'top' ? 'ArrowUp' : 'ArrowDown',
    horizontal === 'left' ? 'ArrowLeft' : 'ArrowRight',
  ];
  for (const key of keys) {
    for (let i = 0; i < 200; i += 1) {
      const before = await geometry(frame);
      await frame.page().keyboard.press(key);
      const after = await geometry(frame);
      if (after.scrollLeft === before.scrollLeft && after.scrollTop === before.scrollTop) break;
    }
  }
}

/** The corner of the drawn image lies inside the stage's visible area (half a pixel for rounding). */
function expectCornerVisible(g: StageGeometry, corner: Corner): void {
  const [vertical, horizontal] = corner.split('-');
  const x = horizontal === 'left' ? g.image.left : g.image.right;
  const y = vertical === 'top' ? g.image.top : g.image.bottom;
  expect(x, `${corner}: x inside the view`).toBeGreaterThanOrEqual(g.view.left - 0.5);
  expect(x, `${corner}: x inside the view`).toBeLessThanOrEqual(g.view.right + 0.5);
  expect(y, `${corner}: y inside the view`).toBeGreaterThanOrEqual(g.view.top - 0.5);
  expect(y, `${corner}: y inside the view`).toBeLessThanOrEqual(g.view.bottom + 0.5);
}

async function zoomTo(frame: Frame, percent: string): Promise<void> {
  const toolbar = frame.getByRole('toolbar', { name: 'Image controls' });
  for (let i = 0; i < 10 && !(await toolbar.textContent())?.includes(percent); i += 1) {
    await toolbar.getByRole('button', { name: 'Zoom in' }).click();
  }
  expect(await toolbar.textContent()).toContain(percent);
}

async function openZoomedPhoto() {
  const { frame } = await desktop.openConversation(conversationIds.webMessaging);
  await openAttachment(frame, 'damage-photo.jpg');
  await waitForPainted(frame, '.image-stage img');
  // At 100 % the photo fits the panel's width: all of it across, no sideways scrolling. (The fit is
  // laid out once the picture's size is known, a frame or two after it paints: a loaded CI run
  // measured in between.)
  const fit = await waitFor(
    async () => {
      const g = await geometry(frame);
      return g.image.right <= g.view.right + 0.5 ? g : undefined;
    },
    'the photo to fit the panel',
    5_000,
  );
  expect(fit.image.left).toBeGreaterThanOrEqual(fit.view.left - 0.5);
  expect(fit.image.right).toBeLessThanOrEqual(fit.view.right + 0.5);
  expect(fit.image.width).toBeGreaterThan((fit.view.right - fit.view.left) * 0.8);
  await zoomTo(frame, '244%');
  const stage = frame.getByRole('region', { name: 'Image damage-photo.jpg' });
  return { frame, stage };
}

const corners: Corner[] = ['top-left', 'top-right', 'bottom-right', 'bottom-left'];

it('reaches all four corners of a photo zoomed to 244 % with the arrow keys, the stage having a focus ring', async () => {
  const { frame } = await openZoomedPhoto();
  // From the toolbar, Tab reaches the image stage: a keyboard user sees where the focus is.
  await frame.getByRole('button', { name: 'Rotate clockwise' }).focus();
  await frame.page().keyboard.press('Tab');
  const focus = await frame.evaluate(stageFocusInPage);
  expect(focus?.focused, 'the stage has the focus').toBe(true);
  expect(focus?.outlineStyle).not.toBe('none');
  expect(focus?.outlineWidth).not.toBe('0px');

  // The zoomed, focused stage passes axe's serious and critical WCAG 2.2 A/AA rules.
  expect(await seriousViolations(frame)).toEqual([]);

  const start = await geometry(frame);
  // Zoomed, the photo is larger than the stage both ways: without panning some of it is hidden.
  expect(start.image.width).toBeGreaterThan(start.view.right - start.view.left);
  expect(start.image.height).toBeGreaterThan(start.view.bottom - start.view.top);
  for (const corner of corners) {
    await panByKeyboard(frame, corner);
    expectCornerVisible(await geometry(frame), corner);
  }
}, 120_000);

it('reaches all four corners after a rotation, by wheel and by dragging', async () => {
  const { frame, stage } = await openZoomedPhoto();
  await frame.getByRole('button', { name: 'Rotate clockwise' }).click();
  const g = await geometry(frame);
  // A landscape photo turned a quarter: now taller than wide.
  expect(g.image.height).toBeGreaterThan(g.image.width);
  expect(g.image.width).toBeGreaterThan(g.view.right - g.view.left);

  const page = frame.page();
  const box = await stage.boundingBox();
  if (!box) throw new Error('the stage has no box');
  const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  // The wheel: far up and left, then far down and right.
  await page.mouse.move(middle.x, middle.y);
  await page.mouse.wheel(-20_000, -20_000);
  await expect.poll(async () => (await geometry(frame)).scrollLeft).toBe(0);
  await expect.poll(async () => (await geometry(frame)).scrollTop).toBe(0);
  expectCornerVisible(await geometry(frame), 'top-left');
  await page.mouse.wheel(20_000, 20_000);
  await expect.poll(async () => (await geometry(frame)).scrollTop).toBeGreaterThan(0);
  await expect
    .poll(async () => {
      const now = await geometry(frame);
      return now.image.bottom <= now.view.bottom + 0.5 && now.image.right <= now.view.right + 0.5;
    })
    .toBe(true);
  expectCornerVisible(await geometry(frame), 'bottom-right');

  // Dragging: pull the image right (towards its left edge), then up (towards its bottom).
  const dragBy = async (dx: number, dy: number) => {
    await page.mouse.move(middle.x, middle.y);
    await page.mouse.down();
    await page.mouse.move(middle.x + dx, middle.y + dy, { steps: 5 });
    await page.mouse.up();
  };
  for (let i = 0; i < 20 && (await geometry(frame)).scrollLeft > 0; i += 1) await dragBy(box.width / 3, 0);
  expectCornerVisible(await geometry(frame), 'bottom-left');
  for (let i = 0; i < 40 && (await geometry(frame)).scrollTop > 0; i += 1) await dragBy(0, box.height / 3);
  expectCornerVisible(await geometry(frame), 'top-left');
  // And the last corner by keyboard, after a click put the focus on the stage.
  await panByKeyboard(frame, 'top-right');
  expectCornerVisible(await geometry(frame), 'top-right');
}, 120_000);
