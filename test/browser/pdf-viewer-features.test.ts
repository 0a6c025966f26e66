// The PDF viewer of issue 12 in headless Chromium, inside the demo desktop, on the sample org's own
// PDFs (sandbox/sample-files: the 520-page handbook, the protected statement, the Arabic/Japanese
// letter) with real pdf.js: find, thumbnails, outline and links, the password prompt, fit width
// across a rotation, and the keyboard.
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { waitFor } from '../../scripts/local-stack/widget-stack.ts';
import { openAttachment, waitForPainted, withWidgetDesktop } from '../support/browser.ts';

const TEST_TIMEOUT = 120_000;

// What the page callbacks below use of the DOM (this file is type-checked without the DOM library).
interface PageElement {
  getBoundingClientRect(): { top: number; bottom: number; right: number; width: number; height: number };
  getAttribute(name: string): string | null;
  closest(selector: string): PageElement | null;
  textContent: string | null;
  clientWidth: number;
  offsetWidth: number;
  offsetHeight: number;
  style: Record<string, string>;
}
declare const document: {
  activeElement: PageElement | null;
  querySelector<T = PageElement>(selector: string): T | null;
  querySelectorAll<T = PageElement>(selector: string): ArrayLike<T>;
};
declare function getComputedStyle(element: PageElement): { outlineStyle: string };
const desktop = withWidgetDesktop();

async function openPdf(name: string) {
  const opened = await desktop.openConversation(conversationIds.email);
  await openAttachment(opened.frame, name);
  return opened;
}

async function waitForDocument(frame: Frame, pages: number) {
  await frame.getByRole('group', { name: `Page 1 of ${pages}` }).waitFor({ timeout: 60_000 });
  await waitForPainted(frame, '.pdf-page[data-page="1"] canvas');
}

function pageNumber(frame: Frame) {
  return frame.getByRole('textbox', { name: 'Page number' }).inputValue();
}

async function waitForPage(frame: Frame, n: number) {
  await waitFor(async () => ((await pageNumber(frame)) === String(n) ? true : undefined), `page ${n}`);
}

async function findCount(frame: Frame, query: string, expected: string) {
  const field = frame.getByRole('searchbox', { name: 'Find' });
  await field.fill(query);
  const status = frame.locator('.pdf-find-count');
  await waitFor(
    async () => ((await status.textContent()) === expected ? true : undefined),
    `"${expected}"`,
    60_000,
  );
}

/** Narrows the desktop's widget panel, as an agent may. */
async function panelWidth(page: Page, width: number) {
  await page.evaluate((w) => {
    const panel = document.querySelector('#panel');
    if (panel) panel.style.width = `${w}px`;
  }, width);
}

describe('the PDF viewer in Chromium', () => {
  it(
    'finds every hit of a word in the 520-page handbook with its count, and steps through them',
    async () => {
      const { frame } = await openPdf('claims-handbook.pdf');
      await waitForDocument(frame, 520);
      await frame.locator('.pdf-pages').click({ position: { x: 5, y: 5 } });
      await frame.page().keyboard.press('Control+f');
      await expect(
        frame.getByRole('searchbox', { name: 'Find' }).evaluate((e) => e === document.activeElement),
      ).resolves.toBe(true);

      await findCount(frame, 'SUBROGATION', '1 of 52');
      // The current hit is on page 10, drawn over the page and different from the others.
      await frame.locator('.pdf-page[data-page="10"] .pdf-hit-current').waitFor();
      await waitForPage(frame, 10);
      await frame.getByRole('searchbox', { name: 'Find' }).press('Enter');
      await findCount(frame, 'SUBROGATION', '2 of 52');
      await frame.locator('.pdf-page[data-page="20"] .pdf-hit-current').waitFor();
      await frame.getByRole('searchbox', { name: 'Find' }).press('Shift+Enter');
      await findCount(frame, 'SUBROGATION', '1 of 52');
      // Accents do not matter by default.
      await findCount(frame, 'resume', '1 of 1');
      await frame.locator('.pdf-page[data-page="7"] .pdf-hit-current').waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'finds Arabic and Japanese words with their counts',
    async () => {
      const { frame } = await openPdf('multilingual-letter.pdf');
      await waitForDocument(frame, 1);
      await frame.getByRole('button', { name: 'Find in document' }).click();
      await findCount(frame, 'مطالبة', '1 of 3');
      await expect(frame.locator('.pdf-page[data-page="1"] .pdf-hit').count()).resolves.toBe(3);
      await findCount(frame, '保険金', '1 of 2');
      await expect(frame.locator('.pdf-page[data-page="1"] .pdf-hit').count()).resolves.toBe(2);
      await findCount(frame, 'zebra', 'No matches');
    },
    TEST_TIMEOUT,
  );

  it(
    'goes to pages from thumbnails, the outline and the contents page’s links',
    async () => {
      const { frame } = await openPdf('claims-handbook.pdf');
      await waitForDocument(frame, 520);
      await frame.getByRole('button', { name: 'Pages and outline' }).click();
      const sidebar = frame.getByRole('navigation', { name: 'Pages and outline' });
      await waitForPainted(frame, '[data-thumb="1"] canvas');
      await sidebar.getByRole('button', { name: 'Go to page 3', exact: true }).click();
      await waitForPage(frame, 3);

      await frame.getByRole('button', { name: 'Pages and outline' }).click();
      await frame.getByRole('button', { name: 'Outline', exact: true }).click();
      const tree = frame.getByRole('tree', { name: 'Outline' });
      await tree.getByRole('treeitem', { name: /^Chapter 2:/ }).click();
      await waitForPage(frame, 22);

      // The contents page links each chapter: an internal link goes there without asking.
      await frame.getByRole('textbox', { name: 'Page number' }).fill('1');
      await frame.getByRole('textbox', { name: 'Page number' }).press('Enter');
      await frame
        .locator('.pdf-page[data-page="1"]')
        .getByRole('button', { name: 'Go to page 42', exact: true })
        .click();
      await waitForPage(frame, 42);
    },
    TEST_TIMEOUT,
  );

  it(
    'asks before opening a web link in a PDF',
    async () => {
      const { frame, context } = await openPdf('claims-handbook.pdf');
      await waitForDocument(frame, 520);
      await frame.getByRole('textbox', { name: 'Page number' }).fill('2');
      await frame.getByRole('textbox', { name: 'Page number' }).press('Enter');
      await frame.locator('.pdf-page[data-page="2"] a.pdf-link').click();
      const ask = frame.getByRole('alertdialog', { name: 'Open a link from this PDF?' });
      await expect(ask.textContent()).resolves.toContain('https://example.com/claims-handbook');
      expect(context.pages()).toHaveLength(1);
      await ask.getByRole('button', { name: 'Cancel' }).click();
      await ask.waitFor({ state: 'detached' });
      expect(context.pages()).toHaveLength(1);
    },
    TEST_TIMEOUT,
  );

  it(
    'opens the protected statement with its password after refusing a wrong one',
    async () => {
      const { frame, responses } = await openPdf('protected-statement.pdf');
      const field = frame.getByLabel('Password', { exact: true });
      await field.waitFor({ timeout: 60_000 });
      await field.fill('not-the-password');
      await field.press('Enter');
      await frame.getByRole('alert').filter({ hasText: 'That password is not right. Try again.' }).waitFor();

      await frame.getByLabel('Password', { exact: true }).fill('sandbox-pdf-2026');
      await frame.getByRole('button', { name: 'Open' }).click();
      await waitForDocument(frame, 2);
      await frame
        .locator('.pdf-page[data-page="1"] .textLayer')
        .filter({ hasText: 'Protected statement' })
        .waitFor();
      // The password reached pdf.js only: no request the page made carries it.
      const urls = responses.map((r) => `${r.url()} ${r.request().postData() ?? ''}`).join('\n');
      expect(urls).not.toContain('sandbox-pdf-2026');
    },
    TEST_TIMEOUT,
  );

  it(
    'keeps fit width when a page is rotated, and keeps the toolbar on one line at 320 px',
    async () => {
      const { frame, page } = await openPdf('claims-handbook.pdf');
      await panelWidth(page, 320);
      await waitForDocument(frame, 520);
      const widths = () =>
        frame.evaluate(() => {
          const pages = document.querySelector('.pdf-pages');
          const first = document.querySelector('.pdf-page[data-page="1"]');
          return {
            panel: pages?.clientWidth ?? 0,
            page: first?.offsetWidth ?? 0,
            height: first?.offsetHeight ?? 0,
          };
        });
      await waitFor(async () => {
        const w = await widths();
        return Math.abs(w.panel - 24 - w.page) <= 2 ? w : undefined;
      }, 'page 1 fitted to the width');

      await frame.getByRole('button', { name: 'More PDF controls' }).click();
      await frame.getByRole('button', { name: 'Rotate clockwise' }).click();
      const turned = await waitFor(async () => {
        const w = await widths();
        return w.height < w.page ? w : undefined;
      }, 'page 1 turned');
      expect(Math.abs(turned.panel - 24 - turned.page)).toBeLessThanOrEqual(2);

      // One line: every visible control overlaps one horizontal band (nothing wrapped below).
      const boxes = await frame.evaluate(() =>
        Array.from(document.querySelectorAll('.pdf-toolbar > *'))
          .map((e) => e.getBoundingClientRect())
          .filter((r) => r.width > 1 && r.height > 1)
          .map((r) => ({ top: r.top, bottom: r.bottom, right: r.right })),
      );
      expect(boxes.length).toBeGreaterThan(6);
      expect(Math.max(...boxes.map((b) => b.top))).toBeLessThan(Math.min(...boxes.map((b) => b.bottom)));
      const toolbarRight = await frame.evaluate(
        () => document.querySelector('.pdf-toolbar')?.getBoundingClientRect().right ?? 0,
      );
      expect(Math.max(...boxes.map((b) => b.right))).toBeLessThanOrEqual(toolbarRight + 1);
    },
    TEST_TIMEOUT,
  );

  it(
    'reaches every control with the keyboard, each with a name and a visible focus',
    async () => {
      const { frame, page } = await openPdf('claims-handbook.pdf');
      await waitForDocument(frame, 520);
      await frame.getByRole('textbox', { name: 'Page number' }).focus();
      const seen: string[] = [];
      for (let i = 0; i < 12; i++) {
        const focused = await frame.evaluate(() => {
          const e = document.activeElement;
          if (!e) return undefined;
          const name = e.getAttribute('aria-label') ?? e.textContent?.trim() ?? '';
          const style = getComputedStyle(e);
          return { name, outline: style.outlineStyle, inToolbar: !!e.closest('.pdf-toolbar') };
        });
        if (!focused?.inToolbar) break;
        expect(focused.name, 'an accessible name').not.toBe('');
        expect(focused.outline, `visible focus on ${focused.name}`).not.toBe('none');
        seen.push(focused.name);
        if (focused.name === 'Rotate clockwise') break;
        if (focused.name === 'More PDF controls') {
          await page.keyboard.press('Enter');
          continue;
        }
        await page.keyboard.press('Tab');
      }
      expect(seen).toEqual([
        'Page number',
        'Next page',
        'Zoom out',
        'Zoom in',
        'Find in document',
        'Pages and outline',
        'More PDF controls',
        'Fit width',
        'Fit page',
        'Actual size',
        'Rotate clockwise',
      ]);
      // Escape closes the menu and gives the focus back to its button.
      await page.keyboard.press('Escape');
      await expect(frame.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe(
        'More PDF controls',
      );
      // Keys page through the document while the viewer has the focus.
      await frame.locator('.pdf-pages').focus();
      await page.keyboard.press('End');
      await waitForPage(frame, 520);
      await page.keyboard.press('Home');
      await waitForPage(frame, 1);
    },
    TEST_TIMEOUT,
  );
});
