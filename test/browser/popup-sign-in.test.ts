// Signing in through a popup, in Chromium against the sandbox org: in a browser that denies the
// widget's frame storage (another site than the desktop, with third-party storage partitioning off),
// and when the admin's URL template asks for it (gcUsePopupAuth=true). The frame keeps the PKCE code
// verifier in memory, the popup comes back from the login service to the widget's address and hands
// the code over, and the frame exchanges it and lists the files.
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { conversationIds } from '../../sandbox/sample-data/manifest.ts';
import {
  type BuiltWidget,
  buildWidget,
  chromiumArgs,
  chromiumPath,
  startWidgetStack,
  type WidgetStack,
  waitFor,
  widgetFrame,
} from '../../scripts/local-stack/widget-stack.ts';
import { closeDesktop, type OpenedDesktop } from '../support/browser.ts';

const TEST_TIMEOUT = 90_000;
const POPUPS_ALLOWED = ['--disable-popup-blocking'];

let built: BuiltWidget | undefined;
let ws: WidgetStack | undefined;
let browser: Browser | undefined;
let storageless: Browser | undefined;
let opened: OpenedDesktop | undefined;

beforeAll(async () => {
  [built, browser, storageless] = await Promise.all([
    buildWidget(),
    // Both block popups nobody clicked for, as browsers do (Playwright turns that off by default).
    chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, ignoreDefaultArgs: POPUPS_ALLOWED }),
    // Chromium heeds the last --disable-features: this one turns partitioning off and nothing else.
    chromium.launch({
      executablePath: chromiumPath,
      args: [...chromiumArgs, '--disable-features=ThirdPartyStoragePartitioning'],
      ignoreDefaultArgs: POPUPS_ALLOWED,
    }),
  ]);
  ws = await startWidgetStack({ widgetDir: built.dir });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await storageless?.close();
  await ws?.stop();
  await built?.remove();
});

afterEach(async ({ task }) => {
  const current = opened;
  opened = undefined;
  if (current) expect(await closeDesktop(current, task.name), 'errors in the page').toEqual([]);
});

function started<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the widget desktop has not started (beforeAll failed?)');
  return value;
}

/** The demo desktop on the web messaging conversation (`query` added to its address), its widget frame. */
async function openDesktop(on: Browser, query = ''): Promise<{ page: Page; frame: Frame }> {
  const stack = started(ws);
  const context = await on.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  opened = { context, page, frame: page.mainFrame(), responses: [], problems: [] };
  const current = opened;
  context.on('response', (r) => current.responses.push(r));
  page.on('pageerror', (error) => current.problems.push(`uncaught: ${error.message}`));
  await page.goto(stack.desktopUrl(conversationIds.webMessaging) + query);
  const frame = await widgetFrame(page);
  current.frame = frame;
  return { page, frame };
}

/**
 * Expects the widget to ask for a click (no window opens by itself), clicks Sign in again and follows
 * the popup it opens until the popup closes; the popup's page addresses, in order.
 */
async function signInThroughPopup(page: Page, frame: Frame): Promise<string[]> {
  await frame
    .getByText('Genesys Cloud sign-in opens in a new window. Select Sign in again to open it.')
    .waitFor({ timeout: 30_000 });
  expect(page.context().pages()).toHaveLength(1);
  const button = frame.getByRole('button', { name: 'Sign in again' });
  const popupOpens = page.waitForEvent('popup', { timeout: 30_000 });
  await button.click();
  const popup = await popupOpens;
  if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 30_000 });
  return started(opened)
    .responses.filter((r) => r.request().isNavigationRequest() && r.frame().page() === popup)
    .map((r) => `${new URL(r.url()).origin}${new URL(r.url()).pathname}`);
}

describe('popup sign-in', () => {
  it(
    'signs in through a popup in a browser that denies the frame storage, and lists the files',
    async () => {
      const stack = started(ws);
      const { page, frame } = await openDesktop(started(storageless));
      // The scenario itself: this browser gives the widget's frame no sessionStorage.
      await waitFor(
        () => frame.evaluate("document.readyState === 'complete' || undefined").catch(() => undefined),
        'the widget page',
      );
      expect(
        await frame.evaluate(
          '(() => { try { return typeof sessionStorage; } catch (e) { return e.name; } })()',
        ),
      ).toBe('SecurityError');

      const visited = await signInThroughPopup(page, frame);
      // The popup went to the login service and came back to the widget's address, which closed it.
      expect(visited).toEqual([`${stack.stack.sandboxUrl}/oauth/authorize`, `${stack.widgetOrigin}/`]);
      await frame.getByRole('option', { name: 'policy-document.pdf' }).waitFor({ timeout: 30_000 });

      // The frame, which holds the verifier, exchanged the code; the frame never left the widget.
      const exchanges = started(opened).responses.filter(
        (r) => r.url() === `${stack.stack.sandboxUrl}/oauth/token`,
      );
      expect(exchanges.map((r) => [r.status(), r.frame() === frame])).toEqual([[200, true]]);
      expect(new URL(frame.url()).origin).toBe(stack.widgetOrigin);
    },
    TEST_TIMEOUT,
  );

  it(
    'signs in through a popup when the URL template asks for it (gcUsePopupAuth=true)',
    async () => {
      const stack = started(ws);
      const { page, frame } = await openDesktop(started(browser), '&popup=1');
      const visited = await signInThroughPopup(page, frame);
      expect(visited).toEqual([`${stack.stack.sandboxUrl}/oauth/authorize`, `${stack.widgetOrigin}/`]);
      await frame.getByRole('option', { name: 'policy-document.pdf' }).waitFor({ timeout: 30_000 });
      // No redirect of the frame: its only document is the one the template opened.
      const frameNavigations = started(opened).responses.filter(
        (r) => r.request().isNavigationRequest() && r.frame() === frame,
      );
      expect(frameNavigations.map((r) => new URL(r.url()).searchParams.get('gcUsePopupAuth'))).toEqual([
        'true',
      ]);
    },
    TEST_TIMEOUT,
  );
});
