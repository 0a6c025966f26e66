// `npm run docs:screenshots`: the pictures of the widget in docs/screenshots/, taken the way the
// browser tests see it: the widget built for production, the stack on loopback (sandbox org, proxy,
// local store), the demo desktop's panel at 420 px, Chromium. Run it again after a visible change.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { conversationIds } from './local-stack/stack.ts';
import {
  buildWidget,
  launchChromium,
  startWidgetStack,
  waitFor,
  widgetFrame,
} from './local-stack/widget-stack.ts';

const root = join(import.meta.dirname, '..');
const outDir = join(root, 'docs', 'screenshots');
const PANEL_WIDTH = 420;

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const [built, browser] = await Promise.all([buildWidget(), launchChromium()]);
  const ws = await startWidgetStack({ widgetDir: built.dir }).catch(async (error: unknown) => {
    await Promise.all([browser.close(), built.remove()]);
    throw error;
  });
  try {
    // Fixed time zone and locale: the list shows each file's time, and the pictures should not
    // change with the machine that takes them.
    const context = await browser.newContext({
      locale: 'en-US',
      timezoneId: 'UTC',
      viewport: { width: 1100, height: 620 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    const open = async (conversationId: string): Promise<Frame> => {
      await page.goto(`${ws.desktopUrl(conversationId)}&w=${PANEL_WIDTH}`);
      const frame = await widgetFrame(page);
      await frame.locator('[role="option"]').first().waitFor({ timeout: 60_000 });
      await waitFor(
        async () => ((await frame.getByText('Checking…').count()) === 0 ? true : undefined),
        'every status badge',
      );
      return frame;
    };
    const openFile = async (frame: Frame, fileName: string) => {
      await frame.getByRole('option', { name: fileName }).click();
      await frame.getByRole('region', { name: `Preview of ${fileName}` }).waitFor();
    };

    const store = await open(conversationIds.openMessagingStore);
    await shoot(page, 'list-420.png');

    await openFile(store, 'invoice.pdf');
    await store.locator('.image-stage img').waitFor();
    await store.getByRole('note').waitFor();
    await waitForImage(store);
    await shoot(page, 'type-mismatch-420.png');

    const web = await open(conversationIds.webMessaging);
    await openFile(web, 'policy-document.pdf');
    await web.locator('.pdf-page[data-page="1"] canvas').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500); // the page is painted a moment after its canvas exists
    await shoot(page, 'preview-420.png');
    await context.close();

    // What agents see in other languages: German, Japanese, and Arabic (right to left).
    for (const locale of ['de', 'ja', 'ar']) {
      const localized = await browser.newContext({
        locale,
        timezoneId: 'UTC',
        viewport: { width: 1100, height: 620 },
        deviceScaleFactor: 1,
      });
      const tab = await localized.newPage();
      // The badges settle (no longer "checking") once the proxy's statuses arrive.
      const statuses = tab.waitForResponse(
        (r) => /\/api\/v1\/conversations\/[^/]+\/attachments$/.test(r.url()),
        {
          timeout: 60_000,
        },
      );
      await tab.goto(`${ws.desktopUrl(conversationIds.webMessaging)}&w=${PANEL_WIDTH}`);
      const frame = await widgetFrame(tab);
      await frame.locator('[role="option"]').first().waitFor({ timeout: 60_000 });
      await statuses;
      await tab.waitForTimeout(500);
      await shoot(tab, `list-420-${locale}.png`);
      await frame.locator('[role="option"]', { hasText: 'policy-document.pdf' }).click();
      await frame.locator('.pdf-page[data-page="1"] canvas').waitFor({ timeout: 60_000 });
      await tab.waitForTimeout(500);
      await shoot(tab, `preview-420-${locale}.png`);
      await localized.close();
    }
  } finally {
    await browser.close();
    await ws.stop();
    await built.remove();
  }
}

/** The demo desktop's panel, which holds the widget, as one picture. */
async function shoot(page: Page, name: string): Promise<void> {
  const path = join(outDir, name);
  await page.locator('#panel').screenshot({ path });
  process.stdout.write(`wrote ${join('docs', 'screenshots', name)}\n`);
}

async function waitForImage(frame: Frame): Promise<void> {
  await waitFor(
    async () =>
      (await frame
        .locator('.image-stage img')
        .evaluate((img) => (img as unknown as { complete: boolean }).complete))
        ? true
        : undefined,
    'the image to load',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
