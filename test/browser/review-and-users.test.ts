// Review mode and the demo desktop's user chooser in Chromium, against the sandbox org (issue 16):
// an unknown interaction is "no longer kept" with what to check and no Try again or desktop toast, and
// choosing another sample user really signs the widget in as that user (the QA reviewer may list
// interactions, the agent may not).
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  type BuiltWidget,
  buildWidget,
  launchChromium,
  startWidgetStack,
  type WidgetStack,
  widgetFrame,
} from '../../scripts/local-stack/widget-stack.ts';
import { closeDesktop, type OpenedDesktop } from '../support/browser.ts';

let built: BuiltWidget | undefined;
let ws: WidgetStack | undefined;
let browser: Browser | undefined;
let opened: OpenedDesktop | undefined;

beforeAll(async () => {
  [built, browser] = await Promise.all([buildWidget(), launchChromium()]);
  ws = await startWidgetStack({ widgetDir: built.dir });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await ws?.stop();
  await built?.remove();
});

afterEach(async ({ task }) => {
  ws?.stack.control.setDefaultUser(undefined);
  const current = opened;
  opened = undefined;
  if (current) expect(await closeDesktop(current, task.name), 'errors in the page').toEqual([]);
});

/** The demo desktop showing review mode, in a fresh browser context. */
async function openReview(): Promise<{ page: Page; frame: Frame }> {
  if (!browser || !ws) throw new Error('the widget desktop has not started');
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  opened = { context, page, frame: page.mainFrame(), responses: [], problems: [] };
  const problems = opened.problems;
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await page.goto(ws.desktopUrl('review'));
  return { page, frame: await reviewFrame(page) };
}

async function reviewFrame(page: Page): Promise<Frame> {
  const frame = await widgetFrame(page);
  await frame.getByRole('heading', { name: 'Review attachments' }).waitFor({ timeout: 60_000 });
  return frame;
}

it('says an unknown interaction is not kept, with what to check, and offers no Try again nor a toast', async () => {
  const { page, frame } = await openReview();
  await frame.getByLabel('Conversation id or interaction URL').fill('0badc0de-0000-4000-8000-000000000404');
  await frame.getByRole('button', { name: 'Open' }).click();

  // Genesys answers 404 to the conversation and its recordings: the read's past-retention notice.
  const notice = frame.getByText(/no longer keeps this interaction/);
  await notice.waitFor({ timeout: 30_000 });
  const text = await notice.textContent();
  expect(text).toMatch(/retention/);
  expect(text).toMatch(/check the id/);
  expect(text).toMatch(/region/);
  expect(text).not.toMatch(/connection/i);
  expect(await frame.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  // What the widget would have asked of the desktop arrives by postMessage: give it a moment.
  await page.waitForTimeout(1000);
  expect(await page.locator('#toasts .toast').count()).toBe(0);
}, 120_000);

it('signs the widget in as the sample user chosen in the demo desktop', async () => {
  const { page, frame } = await openReview();
  const chooser = page.getByLabel('Signed in as');
  expect(await chooser.inputValue()).toBe('alice');
  const choices = await chooser
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
  // The sandbox's own users.json: the agent and the QA reviewer at least.
  expect(choices).toEqual(expect.arrayContaining(['alice', 'quinn']));

  // Alice, an agent, may not list interactions.
  await frame.getByRole('button', { name: 'Find' }).click();
  await expect
    .poll(async () => frame.getByRole('alert').textContent(), { timeout: 30_000 })
    .toMatch(/Permission missing/);

  // Quinn, the QA reviewer, may. The desktop's address (with whatever else it holds, such as the
  // panel width another control keeps there) comes back as it was.
  await page.evaluate(
    "{ const u = new URL(location.href); u.searchParams.set('w', '320'); history.replaceState(null, '', u.search); }",
  );
  await chooser.selectOption('quinn');
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get('c') === 'review' && url.searchParams.get('w') === '320'),
    page.getByRole('button', { name: 'Switch user' }).click(),
  ]);
  expect(await page.getByLabel('Signed in as').inputValue()).toBe('quinn');
  const asQuinn = await reviewFrame(page);
  await asQuinn.getByRole('button', { name: 'Find' }).click();
  const list = asQuinn.getByRole('list', { name: 'Interactions with attachments' });
  await list.waitFor({ timeout: 30_000 });
  expect(await list.getByRole('button').count()).toBeGreaterThan(0);
  expect(await asQuinn.getByRole('alert').count()).toBe(0);
}, 120_000);
