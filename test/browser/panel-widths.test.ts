// The widget in the panel agents actually have (issue 16): the demo desktop's panel set to 320,
// 420 and 1,280 px with its width presets, as an agent drags Agent Workspace's panel. At every
// width every file of every sample conversation is reachable and opens, by mouse and by keyboard;
// Escape leads back to the row a file came from. Then what a 320 px panel must not cut off, and
// what the preview says of files the scan has not cleared and of files whose name lies.
import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sampleConversations } from '../../sandbox/sample-data/manifest.ts';
import { sampleAttachments } from '../../sandbox/sample-data/sample-attachments.ts';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { waitFor } from '../../scripts/local-stack/widget-stack.ts';
import { seriousViolations } from '../support/axe.ts';
import {
  focusedElement,
  linkResponses,
  openAttachment,
  setPanelWidth,
  waitForStatuses,
  withWidgetDesktop,
} from '../support/browser.ts';

const TEST_TIMEOUT = 240_000;
const WIDTHS = [320, 420, 1280] as const;
/** The widget's own breakpoint (app/features/attachments/components/use-narrow-panel.ts). */
const NARROW_BELOW = 720;

const desktop = withWidgetDesktop({ swift: true });

/** Waits until the open file's preview is past "Preparing a secure link…" (a viewer, a note or an error shows). */
async function waitUntilOpened(frame: Frame, fileName: string): Promise<void> {
  const region = frame.getByRole('region', { name: `Preview of ${fileName}` });
  await region.waitFor();
  await waitFor(
    async () => ((await region.getByText('Preparing a secure link…').count()) === 0 ? true : undefined),
    `${fileName} to open`,
  );
}

// In-page functions run in Chromium; the Node tsconfig has no DOM library (test/support/browser.ts
// says why), so the little of the DOM they touch is declared here.
interface PageBox {
  left: number;
  right: number;
  top: number;
}
interface PageNode {
  readonly textContent: string | null;
  readonly title: string;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly scrollLeft: number;
  getBoundingClientRect(): PageBox;
  querySelector(selector: string): PageNode | null;
  closest(selector: string): PageNode | null;
  scrollTo(options: { left: number }): void;
}
declare const window: { readonly innerWidth: number };
declare function getComputedStyle(element: PageNode): {
  textOverflow: string;
  outlineStyle: string;
  outlineOffset: string;
  outlineWidth: string;
};

const rows = (frame: Frame) => frame.getByRole('option', { includeHidden: true });

describe('every file, at every panel width', () => {
  it.each(sampleConversations.map((c) => [c.id.slice(-4), c.id]))(
    'opens every file of conversation …%s by mouse and by keyboard at 320, 420 and 1,280 px',
    async (_short, conversationId) => {
      const { page, frame } = await desktop.openConversation(conversationId);
      const attachments = sampleAttachments(conversationId);
      const expected = attachments.map((a) => a.fileName);
      // An email's inline images are listed after the files, collapsed: open them to walk them too.
      const inlineCount = attachments.filter((a) => a.inlineImage).length;
      const fileCount = attachments.length - inlineCount;
      if (inlineCount > 0) {
        await frame.getByRole('button', { name: /inline image/ }).click();
        await rows(frame)
          .nth(attachments.length - 1)
          .waitFor();
      }
      const names = await frame.locator('[role="option"] .attachment-name').allTextContents();
      const ids = await Promise.all((await rows(frame).all()).map((r) => r.getAttribute('data-id')));
      expect([...names].sort()).toEqual([...expected].sort());
      const count = names.length;

      for (const width of WIDTHS) {
        await setPanelWidth(page, frame, width);
        const narrow = width < NARROW_BELOW;
        // The list says how many files there are, at every width.
        const counted =
          `${fileCount} attachment${fileCount === 1 ? '' : 's'}` +
          (inlineCount === 0 ? '' : `, and ${inlineCount} inline image${inlineCount === 1 ? '' : 's'}`);
        await expect(frame.getByText(counted, { exact: true }).isVisible()).resolves.toBe(true);

        // By mouse: Playwright clicks a row only once it is on screen and nothing covers it.
        for (const [index, name] of names.entries()) {
          await rows(frame).nth(index).click();
          await waitUntilOpened(frame, name);
          if (narrow) {
            expect(await frame.getByRole('listbox').count(), 'the list gives way to the file').toBe(0);
            await expect(frame.getByRole('navigation', { name: 'Files' }).textContent()).resolves.toContain(
              `${index + 1} of ${count}`,
            );
            await frame.getByRole('button', { name: `All files (${count})` }).click();
            expect(await focusedElement(frame)).toEqual({ role: 'option', id: ids[index] });
          } else {
            expect(
              await frame.getByRole('listbox').first().isVisible(),
              'the list stays beside the file',
            ).toBe(true);
          }
        }
        if (!narrow) await page.keyboard.press('Escape');

        // By keyboard: from the first row, Enter opens, Escape comes back to the same row, ArrowDown;
        // the inline images are a list of their own, entered from its first row.
        await rows(frame).nth(0).focus();
        for (const [index, name] of names.entries()) {
          if (index === fileCount) await rows(frame).nth(index).focus();
          expect(await focusedElement(frame)).toEqual({ role: 'option', id: ids[index] });
          await page.keyboard.press('Enter');
          await waitUntilOpened(frame, name);
          await page.keyboard.press('Escape');
          await frame.getByRole('region').waitFor({ state: 'detached' });
          expect(await focusedElement(frame), `Escape after ${name}`).toEqual({
            role: 'option',
            id: ids[index],
          });
          await page.keyboard.press('ArrowDown');
        }
      }
    },
    TEST_TIMEOUT,
  );
});

describe('a 320 px panel', () => {
  it(
    'scrolls a CSV table sideways instead of cutting it off, by keyboard too',
    async () => {
      const { page, frame } = await desktop.openConversation(conversationIds.openMessagingStore);
      await setPanelWidth(page, frame, 320);
      await openAttachment(frame, 'estimate.csv');
      const scroller = frame.getByRole('region', { name: /^Table of estimate\.csv/ });
      await scroller.locator('table').waitFor();
      const box = await scroller.evaluate((element) => {
        const e = element as unknown as PageNode;
        return {
          clientWidth: e.clientWidth,
          scrollWidth: e.scrollWidth,
          right: e.getBoundingClientRect().right,
        };
      });
      expect(box.scrollWidth, 'the table is wider than the panel').toBeGreaterThan(box.clientWidth);
      expect(box.right, 'the scroll box itself fits the panel').toBeLessThanOrEqual(320);
      // The last column starts out beyond the panel's right edge (in the frame's own coordinates) ...
      const lastHeader = scroller.locator('thead th').last();
      const rightEdge = () =>
        lastHeader.evaluate((th) => (th as unknown as PageNode).getBoundingClientRect().right);
      expect(await rightEdge()).toBeGreaterThan(320);

      // ... and comes into view by keyboard: the scroll box takes the focus, and arrows scroll it.
      await scroller.focus();
      await waitFor(async () => {
        await page.keyboard.press('ArrowRight');
        return (await rightEdge()) <= 320 ? true : undefined;
      }, 'the last column to scroll into view');
      expect(await scroller.evaluate((e) => (e as unknown as PageNode).scrollLeft)).toBeGreaterThan(0);
    },
    TEST_TIMEOUT,
  );

  it(
    'cuts long file names with an ellipsis and keeps the whole name in the title and the accessible name',
    async () => {
      const { page, frame } = await desktop.openConversation(conversationIds.openMessagingS3);
      await setPanelWidth(page, frame, 320);
      await waitForStatuses(frame);
      const facts = await frame.locator('[role="option"]').evaluateAll((options) =>
        options.map((element) => {
          const option = element as unknown as PageNode;
          const name = option.querySelector('.attachment-name');
          const badge = option.querySelector('.status-badge');
          return {
            text: name?.textContent ?? '',
            title: name?.title,
            cut: (name?.scrollWidth ?? 0) > (name?.clientWidth ?? 0),
            overflow: name ? getComputedStyle(name).textOverflow : '',
            clear: (name?.getBoundingClientRect().right ?? 0) <= (badge?.getBoundingClientRect().left ?? 0),
            rowFits: option.getBoundingClientRect().right <= window.innerWidth,
          };
        }),
      );
      for (const fact of facts) {
        expect(fact, fact.text).toMatchObject({
          title: fact.text,
          overflow: 'ellipsis',
          clear: true,
          rowFits: true,
        });
        const row = frame.getByRole('option', { name: fact.text });
        expect(await row.count(), `the accessible name holds all of ${fact.text}`).toBe(1);
      }
      expect(
        facts.filter((f) => f.cut).map((f) => f.text),
        'a name too long for 320 px is cut',
      ).toContain('Überweisung März 2026.pdf');
    },
    TEST_TIMEOUT,
  );

  it(
    "draws a row's keyboard focus ring whole, inside the list's scroll box",
    async () => {
      const { page, frame } = await desktop.openConversation(conversationIds.webMessaging);
      await setPanelWidth(page, frame, 320);
      await rows(frame).nth(0).focus();
      await page.keyboard.press('ArrowDown');
      const ring = await frame.locator('[role="option"]:focus-visible').evaluate((element) => {
        const row = element as unknown as PageNode;
        const style = getComputedStyle(row);
        const list = row.closest('.list-area')?.getBoundingClientRect();
        const box = row.getBoundingClientRect();
        const offset = Number.parseFloat(style.outlineOffset);
        const width = Number.parseFloat(style.outlineWidth);
        // The ring's outer edge, and the box that clips it.
        const outer = offset + width;
        return {
          style: style.outlineStyle,
          width,
          inside:
            list !== undefined &&
            box.left - outer >= list.left &&
            box.right + outer <= list.right &&
            box.top - outer >= list.top - 0.5,
        };
      });
      expect(ring).toEqual({ style: 'solid', width: 2, inside: true });
    },
    TEST_TIMEOUT,
  );
});

describe("the demo desktop's panel", () => {
  it(
    'is narrowed and widened with its splitter, by keyboard and by dragging',
    async () => {
      const { page, frame } = await desktop.openConversation(conversationIds.email);
      await page.setViewportSize({ width: 1700, height: 900 });
      const frameWidth = () => frame.evaluate(() => window.innerWidth);
      const splitter = page.getByRole('separator', { name: 'Widget panel width' });
      expect(await frameWidth(), 'narrow by default').toBe(420);

      await splitter.focus();
      await page.keyboard.press('Home');
      await waitFor(async () => ((await frameWidth()) === 320 ? true : undefined), 'a 320 px panel');
      await page.keyboard.press('ArrowRight');
      await waitFor(async () => ((await frameWidth()) === 330 ? true : undefined), 'a 330 px panel');
      expect(await frame.getByRole('listbox').isVisible()).toBe(true);

      // Dragged over the widget's frame, 400 px to the right: the wide layout, list beside preview.
      const box = await splitter.boundingBox();
      if (!box) throw new Error('the splitter is not on screen');
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width / 2, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 400, y, { steps: 8 });
      await page.mouse.up();
      await waitFor(async () => ((await frameWidth()) === 730 ? true : undefined), 'a 730 px panel');
      // The layout follows the width once the widget has measured it: wait for it, do not sample.
      await frame.getByText('Choose a file to see it here.').waitFor();
      expect(await splitter.getAttribute('aria-valuenow')).toBe('730');
    },
    TEST_TIMEOUT,
  );
});

describe('accessibility at 320 px', () => {
  it(
    'has no serious WCAG 2.2 A/AA violation in the list, a CSV table or a blocked file',
    async () => {
      const { page, frame } = await desktop.openConversation(conversationIds.openMessagingStore);
      await setPanelWidth(page, frame, 320);
      await waitForStatuses(frame);
      expect(await seriousViolations(frame), 'the list').toEqual([]);
      await openAttachment(frame, 'estimate.csv');
      await frame.locator('.csv-viewer table').waitFor();
      expect(await seriousViolations(frame), 'the CSV table').toEqual([]);
      await openAttachment(frame, 'eicar-test.txt');
      await frame.getByRole('alert').waitFor();
      expect(await seriousViolations(frame), 'the blocked file').toEqual([]);
    },
    TEST_TIMEOUT,
  );
});

describe('the preview header at 420 px', () => {
  it.each([
    ['statement.pdf', 'Scanning', 'Download unavailable until the malware scan clears this file.'],
    ['eicar-test.txt', 'Blocked', 'Download unavailable: the malware scan found this file unsafe.'],
  ])(
    'disables Download for %s (%s) and says why, and never asks the proxy for it',
    async (fileName, badge, reason) => {
      const { frame, responses } = await desktop.openConversation(conversationIds.openMessagingS3);
      await waitForStatuses(frame);
      await expect(
        frame.getByRole('option', { name: fileName }).locator('.status-badge').textContent(),
      ).resolves.toBe(badge);
      await openAttachment(frame, fileName);
      const preview = frame.getByRole('region', { name: `Preview of ${fileName}` });
      const download = preview.locator('header').getByRole('button', { name: 'Download' });
      expect(await download.isDisabled()).toBe(true);
      const describedBy = (await download.getAttribute('aria-describedby')) ?? '';
      expect(await frame.locator(`[id="${describedBy}"]`).textContent()).toBe(reason);
      await preview.getByRole('alert').waitFor();
      await download.click({ force: true });
      const asked = linkResponses(responses).map(
        (r) => r.request().postDataJSON() as { disposition?: string },
      );
      expect(asked.filter((a) => a.disposition === 'attachment')).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'says a PNG named invoice.pdf is named as a PDF but is a PNG image, and downloads it as invoice.png',
    async () => {
      const { page, frame } = await desktop.openConversation(conversationIds.openMessagingStore);
      await openAttachment(frame, 'invoice.pdf');
      const preview = frame.getByRole('region', { name: 'Preview of invoice.pdf' });
      const note = preview.getByRole('note');
      await note.waitFor();
      expect(await note.textContent()).toBe('Named as a PDF, but the file is a PNG image.');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        preview.locator('header').getByRole('button', { name: 'Download' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('invoice.png');
      await download.cancel();
    },
    TEST_TIMEOUT,
  );
});
