// Bounded memory while reading a long PDF (issue 12), in headless Chromium with real pdf.js on the
// sample org's 520-page handbook: however far the reader goes, only the pages near the view hold a
// drawn canvas and a text layer; the others are placeholders of their size.
import type { Frame } from 'playwright-core';
import { expect, it } from 'vitest';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { waitFor } from '../../scripts/local-stack/widget-stack.ts';
import { openAttachment, waitForPainted, withWidgetDesktop } from '../support/browser.ts';

const desktop = withWidgetDesktop();

/** Pages holding a canvas with a bitmap, and pages holding a text layer. */
function drawn(frame: Frame): Promise<{ canvases: number; textLayers: number }> {
  return frame.evaluate(`(() => ({
    canvases: [...document.querySelectorAll('.pdf-page canvas')].filter((c) => c.width > 0).length,
    textLayers: document.querySelectorAll('.pdf-page .textLayer').length,
  }))()`);
}

async function goTo(frame: Frame, page: number): Promise<void> {
  const field = frame.getByRole('textbox', { name: 'Page number' });
  await field.fill(String(page));
  await field.press('Enter');
  await waitForPainted(frame, `.pdf-page[data-page="${page}"] canvas`);
}

it('keeps only the pages near the view drawn while reading a 520-page document end to end', async () => {
  const { frame } = await desktop.openConversation(conversationIds.email);
  await openAttachment(frame, 'claims-handbook.pdf');
  await frame.getByRole('group', { name: 'Page 1 of 520' }).waitFor({ timeout: 60_000 });
  await waitForPainted(frame, '.pdf-page[data-page="1"] canvas');

  const seen: number[] = [];
  for (const page of [40, 130, 260, 390, 520]) {
    await goTo(frame, page);
    // Pages that left the view are released once their observers report it.
    await waitFor(async () => {
      const now = await drawn(frame);
      return now.canvases <= 12 ? now : undefined;
    }, `few canvases around page ${page}`);
    const now = await drawn(frame);
    seen.push(now.canvases);
    expect(now.textLayers, `text layers around page ${page}`).toBeLessThanOrEqual(12);
  }
  expect(Math.max(...seen)).toBeLessThanOrEqual(12);
  // Every page still has its place: the placeholders keep the document's full height.
  expect(await frame.locator('.pdf-page').count()).toBe(520);
}, 180_000);
