// A stable link (`<PUBLIC_URL>/ref/<key>?conversationId=`) pasted into a browser that has no Genesys
// session: the page signs in with the real PKCE flow of the sandbox org (which approves its default
// user without a login page), and the file opens in the viewer; a user who may not read the
// conversation gets the refusal, and no link.

import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import {
  type BuiltWidget,
  buildWidget,
  launchChromium,
  startWidgetStack,
  type WidgetStack,
} from '../../scripts/local-stack/widget-stack.ts';
import { saveScreenshot } from '../support/browser.ts';

const TEST_TIMEOUT = 90_000;
const notesLink = (ws: WidgetStack) =>
  `${ws.widgetOrigin}/ref/claims/2026/notes.txt?conversationId=${conversationIds.openMessagingStore}`;

let built: BuiltWidget | undefined;
let browser: Browser | undefined;
let ws: WidgetStack | undefined;
let opened: { context: BrowserContext; page: Page; problems: string[]; responses: Response[] } | undefined;

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
  if (!opened) return;
  const { page, context, problems } = opened;
  opened = undefined;
  try {
    await saveScreenshot(page, task.name);
  } finally {
    await context.close();
  }
  expect(problems, 'errors or CSP refusals in the page').toEqual([]);
});

async function paste(url: string): Promise<NonNullable<typeof opened>> {
  if (!browser) throw new Error('Chromium has not started');
  // A fresh context: no cookies, no storage, no Genesys session.
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  opened = { context, page, problems: [], responses: [] };
  const o = opened;
  page.on('response', (r) => o.responses.push(r));
  page.on('pageerror', (error) => o.problems.push(`uncaught: ${error.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) o.problems.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return o;
}

it(
  'opens the file in the viewer after signing in, in a browser with no Genesys session',
  async () => {
    if (!ws) throw new Error('the stack has not started');
    const { page, responses } = await paste(notesLink(ws));
    const preview = page.getByRole('region', { name: 'Preview of notes.txt' });
    await preview.waitFor({ timeout: 60_000 });
    // Signed in through the sandbox's /oauth/authorize (PKCE), then back on the widget's page.
    expect(responses.some((r) => new URL(r.url()).pathname === '/oauth/authorize')).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/');
    // The file's text is shown, from a link the proxy minted for this agent and audited (waiting for
    // an error state too, so a failure says what the preview showed instead).
    await preview.locator('.text-viewer, [role="alert"]').first().waitFor({ timeout: 30_000 });
    const shown = (await preview.textContent()) ?? '';
    expect(await preview.locator('.text-viewer').count(), `the preview shows: ${shown}`).toBe(1);
    expect(shown).toContain('Notes from the customer portal');
    const link = responses.find((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/links'));
    expect(link?.status()).toBe(200);
    const audit = await ws.stack.auditRecords();
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: 'link.issued',
          conversation: conversationIds.openMessagingStore,
          decision: 'allow',
        }),
      ]),
    );
  },
  TEST_TIMEOUT,
);

it(
  'refuses a user who may not read the conversation, says what to do, and mints no link',
  async () => {
    if (!ws) throw new Error('the stack has not started');
    // Devon's role grants nothing: the sandbox signs Devon in instead of Alice.
    ws.stack.control.setDefaultUser('devon');
    const { page, responses } = await paste(notesLink(ws));
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toContain('You cannot read the conversation this file belongs to');
    expect(responses.some((r) => r.url().endsWith('/api/v1/links'))).toBe(false);
  },
  TEST_TIMEOUT,
);

it(
  'finds a link without a conversation id among the agent’s active conversations',
  async () => {
    if (!ws) throw new Error('the stack has not started');
    const { page } = await paste(`${ws.widgetOrigin}/ref/claims/2026/notes.txt`);
    await page.getByRole('region', { name: 'Preview of notes.txt' }).waitFor({ timeout: 60_000 });
    // GET /api/v2/conversations gave Alice's active conversations; the file's was read and opened.
    expect(ws.stack.control.calls()['conversations.list']).toBeGreaterThan(0);
  },
  TEST_TIMEOUT,
);
