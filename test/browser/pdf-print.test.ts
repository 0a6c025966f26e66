// Printing a PDF when the admin allows it (issue 12), in headless Chromium with real pdf.js: what
// goes to the browser's print is every page of the document drawn for print, not the panel. The
// print frame's print() is replaced in the page to record what it would have printed.
import { expect, it } from 'vitest';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { waitFor } from '../../scripts/local-stack/widget-stack.ts';
import { openAttachment, waitForPainted, withWidgetDesktop } from '../support/browser.ts';

interface Printed {
  src: string;
  width: number;
  height: number;
}

const desktop = withWidgetDesktop({ proxyOverrides: { PDF_PRINT: 'true' } });

it('prints every page of the document as a page image when the admin turned printing on', async () => {
  const { frame } = await desktop.openConversation(conversationIds.email);
  await openAttachment(frame, 'claim-form.pdf');
  const firstPage = frame.getByRole('group', { name: /^Page 1 of \d+$/ });
  await firstPage.waitFor({ timeout: 60_000 });
  await waitForPainted(frame, '.pdf-page[data-page="1"] canvas');
  const pages = Number(/of (\d+)$/.exec((await firstPage.getAttribute('aria-label')) ?? '')?.[1]);
  expect(pages).toBeGreaterThan(0);

  // The print frame is a child of the widget's page: record its images where it would print.
  await frame.evaluate(`(() => {
    window.__printed = [];
    const append = Element.prototype.append;
    Element.prototype.append = function (...nodes) {
      const result = append.apply(this, nodes);
      for (const node of nodes) {
        if (node instanceof HTMLIFrameElement && node.contentWindow) {
          const win = node.contentWindow;
          win.print = () => {
            window.__printed.push([...win.document.images].map((i) => ({
              src: i.src.slice(0, 5), width: i.naturalWidth, height: i.naturalHeight,
            })));
            win.dispatchEvent(new Event('afterprint'));
          };
        }
      }
      return result;
    };
  })()`);

  await frame.getByRole('button', { name: 'More PDF controls' }).click();
  await frame.getByRole('button', { name: 'Print' }).click();
  await waitFor(
    async () => ((await frame.evaluate('window.__printed.length')) === 1 ? true : undefined),
    'the print',
    60_000,
  );
  const printed = (await frame.evaluate('window.__printed')) as Printed[][];

  const [images] = printed;
  expect(images).toHaveLength(pages);
  for (const image of images ?? []) {
    expect(image.src).toBe('blob:');
    // 150 dpi: an A4 or Letter page is well over 1,000 pixels wide, far beyond the panel's canvas.
    expect(image.width).toBeGreaterThan(1_000);
    expect(image.height).toBeGreaterThan(image.width);
  }
  // The print frame is gone afterwards.
  await waitFor(
    async () => ((await frame.locator('iframe').count()) === 0 ? true : undefined),
    'the frame removed',
  );
}, 180_000);
