// Keyboard alone, as an agent who uses no mouse (issue 13): every file of the sample conversations
// opened from the list and closed again, with the focus asserted at each step — Enter on a row opens
// the file and puts the focus on the way back, Tab runs through the viewer's controls and out of the
// widget (no trap in the PDF text layer, the media player or the email's frame), Shift+Tab comes back,
// Escape returns to the row the file was opened from, ArrowDown moves to the next one.
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { optionNames, waitForStatuses, withWidgetDesktop } from '../support/browser.ts';
import { renditionsDirForFile } from '../support/renditions-dir.ts';

const TEST_TIMEOUT = 300_000;
const renditionsDir = await renditionsDirForFile('renditions-keyboard-');
const desktop = withWidgetDesktop({ proxyOverrides: { RENDITIONS_DIR: renditionsDir } });

/** What a file's preview shows once it has settled: its viewer, a refusal, or an external link's note. */
const SETTLED = [
  '.pdf-page canvas',
  '.image-stage img',
  '.media-viewer audio',
  '.media-viewer video',
  '.text-viewer pre',
  '.csv-viewer table',
  '.email-viewer .email-headers',
  '.archive-viewer table',
  '.pdf-password input',
  '.external-note',
  '[role="alert"]',
].join(', ');

/** Enough presses to pass every control of the richest viewer (the PDF toolbar) and leave the widget. */
const MAX_TABS = 80;

interface Focus {
  /** False when the widget's document does not have the focus (it is in the desktop around it). */
  inWidget: boolean;
  tag: string;
  role: string | null;
  id: string | null;
  className: string;
  inPreview: boolean;
  label: string;
}

// In-page code runs in Chromium; the Node tsconfig has no DOM library.
interface PageElement {
  getAttribute(name: string): string | null;
  readonly className: unknown;
  readonly tagName: string;
  readonly textContent: string | null;
  closest(selector: string): unknown;
}
declare const document: {
  hasFocus(): boolean;
  readonly activeElement: PageElement | null;
  readonly body: unknown;
};

function focusOf(frame: Frame): Promise<Focus> {
  return frame.evaluate(() => {
    const element = document.hasFocus() ? document.activeElement : null;
    if (!element || element === document.body)
      return { inWidget: false, tag: '', role: null, id: null, className: '', inPreview: false, label: '' };
    return {
      inWidget: true,
      tag: element.tagName.toLowerCase(),
      role: element.getAttribute('role'),
      id: element.getAttribute('data-id'),
      className: typeof element.className === 'string' ? element.className : '',
      inPreview: element.closest('section.preview-pane') !== null,
      label: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 60),
    };
  });
}

/** Tab from the top of the desktop until the focus is on a row of the widget's list. */
async function tabIntoList(page: Page, frame: Frame): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    if ((await focusOf(frame)).role === 'option') return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the list');
}

/**
 * Tab until the focus leaves the widget; answers the preview's controls it passed on the way. Then
 * Shift+Tab brings it back into the widget.
 */
async function tabThrough(page: Page, frame: Frame, file: string): Promise<string[]> {
  const passed: string[] = [];
  for (let presses = 0; presses < MAX_TABS; presses++) {
    await page.keyboard.press('Tab');
    const focus = await focusOf(frame);
    if (!focus.inWidget) {
      await page.keyboard.press('Shift+Tab');
      expect((await focusOf(frame)).inWidget, `${file}: Shift+Tab comes back into the widget`).toBe(true);
      return passed;
    }
    if (focus.inPreview) passed.push(focus.label || focus.className);
  }
  throw new Error(
    `${file}: the focus is trapped (${MAX_TABS} Tabs never left the widget): ${passed.join(' | ')}`,
  );
}

const CONVERSATIONS = [
  conversationIds.webMessaging,
  conversationIds.openMessagingStore,
  conversationIds.email,
  conversationIds.webMessagingDocuments,
];

describe('the keyboard alone', () => {
  it.each(CONVERSATIONS)(
    'opens every file of %s and returns to its row, with the focus where it should be at each step',
    async (conversationId) => {
      const { page, frame } = await desktop.openConversation(conversationId);
      await waitForStatuses(frame).catch(() => undefined);
      const names = await optionNames(frame);
      const rows = frame.getByRole('option', { includeHidden: true });
      const ids = await Promise.all((await rows.all()).map((r) => r.getAttribute('data-id')));
      await tabIntoList(page, frame);
      expect(await focusOf(frame)).toMatchObject({ role: 'option', id: ids[0] });

      // The inline images of an email sit in a group that opens on demand: the walk is over the files.
      const files = (await Promise.all((await rows.all()).map((r) => r.isVisible()))).filter(Boolean).length;
      const opened: string[] = [];
      for (const [i, id] of ids.entries()) {
        const file = names[i] ?? String(id);
        if (i >= files) break;
        opened.push(file);
        await page.keyboard.press('Enter');
        const region = frame.locator('section.preview-pane');
        await region.waitFor();
        await region
          .locator(SETTLED)
          .first()
          .waitFor({ timeout: 60_000 })
          .catch(async () => {
            throw new Error(`${file}: the preview never settled; it shows: ${await region.innerText()}`);
          });
        // The demo's panel is narrow: the file takes the list's place and the focus is on the way back
        // (or, for a PDF that asks for its password, in the password field).
        const asksPassword = (await region.locator('.pdf-password input').count()) > 0;
        expect(await focusOf(frame), `${file}: focus after Enter`).toMatchObject(
          asksPassword
            ? { inWidget: true, tag: 'input', inPreview: true }
            : { inWidget: true, className: expect.stringContaining('back-button') },
        );
        await tabThrough(page, frame, file);
        // Keys pressed inside the browser's own media controls never reach the page (Chromium keeps
        // them in the player): the agent leaves the player with Shift+Tab, then Escape is the widget's.
        for (let presses = 0; presses < MAX_TABS; presses++) {
          const { tag } = await focusOf(frame);
          if (tag !== 'audio' && tag !== 'video') break;
          await page.keyboard.press('Shift+Tab');
        }
        const before = await focusOf(frame);
        await page.keyboard.press('Escape');
        await frame
          .locator('[role="listbox"]')
          .first()
          .waitFor({ timeout: 10_000 })
          .catch(() => {
            throw new Error(
              `${file}: Escape did not close the file; the focus was on ${JSON.stringify(before)}`,
            );
          });
        expect(await focusOf(frame), `${file}: focus after Escape`).toMatchObject({ role: 'option', id });
        const next = ids[i + 1];
        if (next === undefined || i + 1 >= files) break;
        await page.keyboard.press('ArrowDown');
        expect(await focusOf(frame), `${file}: ArrowDown`).toMatchObject({ role: 'option', id: next });
      }
      expect(opened).toEqual(names.slice(0, files));
      expect(opened.length).toBeGreaterThan(1);
      console.info(`${conversationId}: ${opened.length} files opened and closed by keyboard`);
    },
    TEST_TIMEOUT,
  );
});
