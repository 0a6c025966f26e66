/**
 * Browser tests on the widget stack (scripts/local-stack/widget-stack.ts): the demo desktop opened
 * on one conversation in a fresh browser context, a file's hooks, and what the page shows.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import {
  type BuiltWidget,
  buildWidget,
  launchChromium,
  startWidgetStack,
  type WidgetStack,
  type WidgetStackOptions,
  waitFor,
  widgetFrame,
} from '../../scripts/local-stack/widget-stack.ts';

const root = join(import.meta.dirname, '..', '..');

export interface OpenedDesktop {
  context: BrowserContext;
  page: Page;
  /** The widget's frame (the same Frame across its sign-in navigations). */
  frame: Frame;
  /** Every response the desktop and the widget received, in order. */
  responses: Response[];
  /** Uncaught errors and CSP refusals seen in any frame: tests expect none. */
  problems: string[];
}

/**
 * The demo desktop showing one conversation, in a fresh browser context (so the widget signs in
 * from scratch); resolves once the widget lists the conversation's files. `onContext` is called as
 * soon as the context exists, so a test can close it (and take its screenshot) whatever happens.
 */
export async function openDesktop(
  browser: Browser,
  ws: WidgetStack,
  conversationId: string,
  onOpened: (opened: OpenedDesktop) => void = () => undefined,
  /** The browser's language: the demo desktop passes it to the widget as gcLangTag. */
  locale = 'en-US',
  /** What shows the widget is ready; by default the list's first file (review mode: its search form). */
  ready?: string,
): Promise<OpenedDesktop> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const opened: OpenedDesktop = {
    context,
    page,
    frame: page.mainFrame(),
    responses: [],
    problems: [],
  };
  onOpened(opened);
  page.on('response', (r) => opened.responses.push(r));
  page.on('pageerror', (error) => opened.problems.push(`uncaught: ${error.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) opened.problems.push(`console: ${m.text()}`);
    // The build carries no ICU parser (vite.config.ts): a message it did not compile fails to format.
    if (/@formatjs\/intl Error|uncompiled message/.test(m.text()))
      opened.problems.push(`console: ${m.text()}`);
  });
  await page.goto(ws.desktopUrl(conversationId));
  opened.frame = await widgetFrame(page);
  // Review mode lists interactions, not files: its search form shows it is ready.
  const shown = ready ?? (conversationId === 'review' ? 'form input' : '[role="option"]');
  await opened.frame.locator(shown).first().waitFor({ timeout: 60_000 });
  return opened;
}

export interface WidgetDesktop {
  /** The stack, once beforeAll has started it. */
  readonly ws: WidgetStack;
  /** Opens the demo desktop on one conversation; afterEach closes it and expects no page problems. */
  /** `review` opens review mode instead of a conversation. */
  openConversation(conversationId: string, locale?: string, ready?: string): Promise<OpenedDesktop>;
  /** Closes the desktop opened last, expecting no page problems, so that one test can open another. */
  closeCurrent(label: string): Promise<void>;
}

/**
 * Registers a file's hooks for browser tests: beforeAll builds the widget, launches Chromium and
 * starts the widget stack with `options`; afterEach closes the desktop a test opened (keeping its
 * screenshot) and expects no errors or CSP refusals in the page; afterAll stops everything.
 */
export function withWidgetDesktop(options: Omit<WidgetStackOptions, 'widgetDir'> = {}): WidgetDesktop {
  let built: BuiltWidget | undefined;
  let ws: WidgetStack | undefined;
  let browser: Browser | undefined;
  let current: OpenedDesktop | undefined;

  beforeAll(async () => {
    [built, browser] = await Promise.all([buildWidget(), launchChromium()]);
    ws = await startWidgetStack({ ...options, widgetDir: built.dir });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await ws?.stop();
    await built?.remove();
  });

  afterEach(async ({ task }) => {
    const opened = current;
    current = undefined;
    if (!opened) return;
    expect(await closeDesktop(opened, task.name), 'errors or CSP refusals in the page').toEqual([]);
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the widget desktop has not started (beforeAll failed?)');
    return value;
  };
  return {
    get ws() {
      return started(ws);
    },
    closeCurrent: async (label) => {
      const opened = current;
      current = undefined;
      if (opened) expect(await closeDesktop(opened, label), 'errors or CSP refusals in the page').toEqual([]);
    },
    openConversation: (conversationId, locale, ready) =>
      openDesktop(
        started(browser),
        started(ws),
        conversationId,
        (opened) => {
          current = opened;
        },
        locale,
        ready,
      ),
  };
}

/** The file names the widget lists, in order. */
export function optionNames(frame: Frame): Promise<string[]> {
  return frame.locator('[role="option"] .attachment-name').allTextContents();
}

/** Waits until every row has its status from the proxy (no badge left at "Checking…"). */
export async function waitForStatuses(frame: Frame): Promise<void> {
  await waitFor(
    async () => ((await frame.getByText('Checking…').count()) === 0 ? true : undefined),
    'every status badge',
  );
}

/**
 * Selects an attachment with a click, as an agent would, and waits for its preview pane. In a narrow
 * panel an open file takes the list's place: the agent goes back to the list first.
 */
export async function openAttachment(frame: Frame, fileName: string): Promise<void> {
  const option = frame.getByRole('option', { name: fileName });
  const back = frame.getByRole('button', { name: /^All files \(\d+\)$/ });
  if (!(await option.isVisible()) && (await back.isVisible())) await back.click();
  await option.click();
  await frame.getByRole('region', { name: `Preview of ${fileName}` }).waitFor();
}

/** The `index`th answer to POST /api/v1/links (0 = first), once its body has arrived. */
export function nthLinkResponse(responses: Response[], index: number, timeoutMs = 30_000): Promise<Response> {
  return waitFor(
    async () => {
      const response = linkResponses(responses)[index];
      return response && (await response.finished()) === null ? response : undefined;
    },
    `answer ${index + 1} to POST /api/v1/links`,
    timeoutMs,
  );
}

/** The proxy's answers to POST /api/v1/links, in order. */
export function linkResponses(responses: Response[]): Response[] {
  return responses.filter((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/links'));
}

/** Saves a screenshot of the whole desktop into test-results/screenshots/<name>.png. */
/** After a test: keep its screenshot as an artifact, close its context, and say what went wrong in the page. */
export async function closeDesktop(opened: OpenedDesktop, testName: string): Promise<string[]> {
  try {
    await saveScreenshot(opened.page, testName);
  } finally {
    await opened.context.close();
  }
  return opened.problems;
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = join(root, 'test-results', 'screenshots');
  await mkdir(dir, { recursive: true });
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120);
  const path = join(dir, `${slug}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// In-page functions: they run in Chromium (evaluate() ships their source), so each names nothing
// outside itself. The Node tsconfig has no DOM library, and should not (the proxy must not see
// one): the little of the DOM they touch is declared here, for this module only.
interface PageElement {
  readonly tagName: string;
  getAttribute(name: string): string | null;
  closest(selector: string): PageElement | null;
}
interface PageMedia extends PageElement {
  readonly naturalWidth: number;
  readonly naturalHeight: number;
  readonly videoWidth: number;
  readonly videoHeight: number;
  readonly readyState: number;
  readonly paused: boolean;
  readonly currentTime: number;
}
interface PageCanvas extends PageElement {
  width: number;
  height: number;
  getContext(kind: '2d'): PageContext2d | null;
}
interface PageContext2d {
  drawImage(source: PageElement, x: number, y: number, width: number, height: number): void;
  getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray };
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  createElement(tag: 'canvas'): PageCanvas;
  readonly activeElement: PageElement | null;
  hasFocus(): boolean;
};

/** What is painted in a canvas, or in an image or video drawn at its natural size. */
export interface PixelSummary {
  width: number;
  height: number;
  /** Distinct RGBA values (counting stops at 1,000): 1 means blank. */
  colours: number;
  /** Mean of R, G and B (0-255) at each requested point. */
  brightness: number[];
}

/**
 * Reads the pixels of a canvas, or of an <img>/<video> drawn onto a scratch canvas at its natural
 * size (EXIF orientation applied, as on screen). The sources here are same-origin or blob: URLs,
 * so the canvas is never tainted. Undefined when nothing matches.
 */
function pixelsInPage({ selector, points }: { selector: string; points: [number, number][] }) {
  const element = document.querySelector(selector);
  if (!element) return undefined;
  let canvas: PageCanvas;
  if (element.tagName === 'CANVAS') canvas = element as PageCanvas;
  else if (element.tagName === 'IMG' || element.tagName === 'VIDEO') {
    const media = element as PageMedia;
    const video = element.tagName === 'VIDEO';
    canvas = document.createElement('canvas');
    canvas.width = video ? media.videoWidth : media.naturalWidth;
    canvas.height = video ? media.videoHeight : media.naturalHeight;
    if (canvas.width > 0 && canvas.height > 0)
      canvas.getContext('2d')?.drawImage(media, 0, 0, canvas.width, canvas.height);
  } else return undefined;
  const { width, height } = canvas;
  const context = width > 0 && height > 0 ? canvas.getContext('2d') : null;
  if (!context) return { width, height, colours: 0, brightness: [] };
  const data = context.getImageData(0, 0, width, height).data;
  const seen = new Set<number>();
  for (let i = 0; i < data.length && seen.size < 1000; i += 4) {
    seen.add(
      (data[i] ?? 0) * 16777216 + (data[i + 1] ?? 0) * 65536 + (data[i + 2] ?? 0) * 256 + (data[i + 3] ?? 0),
    );
  }
  const brightness = points.map(([x, y]) => {
    const i = (Math.round(y) * width + Math.round(x)) * 4;
    return ((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0)) / 3;
  });
  return { width, height, colours: seen.size, brightness };
}

function mediaInPage(selector: string) {
  const element = document.querySelector(selector) as PageMedia | null;
  if (!element) return undefined;
  const { naturalWidth, naturalHeight, videoWidth, videoHeight, readyState, paused, currentTime } = element;
  return { naturalWidth, naturalHeight, videoWidth, videoHeight, readyState, paused, currentTime };
}

function focusedInPage() {
  const element = document.hasFocus() ? document.activeElement : null;
  return element ? { role: element.getAttribute('role'), id: element.getAttribute('data-id') } : null;
}

/** The pixels of the element matching `selector` in `frame`, with the brightness at `points`. */
export async function pixelSummary(
  frame: Frame,
  selector: string,
  points: [number, number][] = [],
): Promise<PixelSummary | undefined> {
  return frame.evaluate(pixelsInPage, { selector, points });
}

/** State of the <img>, <video> or <audio> matching `selector` in `frame`. */
export function mediaState(frame: Frame, selector: string) {
  return frame.evaluate(mediaInPage, selector);
}

/** The role and `data-id` of the element with the keyboard focus in `frame`, if the frame has it. */
export function focusedElement(frame: Frame) {
  return frame.evaluate(focusedInPage);
}

/**
 * Waits until the element matching `selector` in `frame` shows more than one colour, and, inside a
 * PDF page, until pdf.js has drawn its last slice (the page's aria-busy is gone).
 */
export async function waitForPainted(
  frame: Frame,
  selector: string,
  timeoutMs = 30_000,
): Promise<PixelSummary> {
  return waitFor(
    async () => {
      const busy = await frame.evaluate(
        (s) => document.querySelector(s)?.closest('.pdf-page')?.getAttribute('aria-busy') === 'true',
        selector,
      );
      if (busy) return undefined;
      const summary = await pixelSummary(frame, selector);
      return summary !== undefined && summary.colours > 1 ? summary : undefined;
    },
    `${selector} to be painted`,
    timeoutMs,
  );
}

// In-page code runs in Chromium; the Node tsconfig has no DOM library.
declare const window: { readonly innerWidth: number };

/** Picks a width preset in the demo desktop, as a person would, and waits for the frame to have it. */
export async function setPanelWidth(page: Page, frame: Frame, width: number): Promise<void> {
  // Room for the conversation list beside a 1,280 px panel.
  await page.setViewportSize({ width: 1700, height: 900 });
  await page.getByRole('radio', { name: `${width} px` }).check();
  await waitFor(
    async () => ((await frame.evaluate(() => window.innerWidth)) === width ? true : undefined),
    `the widget's frame to be ${width} px wide`,
  );
}
