// The external-link preview in the demo desktop (issue 16): laid out like the other previews (the
// title inset like theirs, the note right under the header, not pushed down a large gap), and
// Copy link gives the agent the URL (the desktop's frame decides whether the Clipboard API may write;
// when it may not, the URL is selected for Ctrl+C) with a polite, visible confirmation.
import { expect, it } from 'vitest';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { seriousViolations } from '../support/axe.ts';
import { openAttachment, withWidgetDesktop } from '../support/browser.ts';

const desktop = withWidgetDesktop();

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

it('lays the external link out like the other previews and copies its URL', async () => {
  const { frame } = await desktop.openConversation(conversationIds.webMessaging);
  const fileName = 'dana-story-1001.jpg';
  await openAttachment(frame, fileName);
  const preview = frame.getByRole('region', { name: `Preview of ${fileName}` });
  const box = async (locator: ReturnType<typeof preview.getByRole>): Promise<Box> => {
    const b = await locator.boundingBox();
    if (!b) throw new Error('not laid out');
    return b;
  };
  const pane = await box(preview);
  const title = await box(preview.getByRole('heading', { name: fileName }));
  const note = await box(preview.getByRole('note'));
  expect(title.x - pane.x, 'the title is inset from the edge').toBeGreaterThanOrEqual(6);
  // Measured from the title's top: a title stretched to fill the pane would hide the gap in its own box.
  expect(note.y - title.y, 'the note follows the header').toBeLessThan(60);

  // The same header layout as a file with a viewer: the title starts at the same inset.
  await openAttachment(frame, 'damage-photo.jpg');
  const other = frame.getByRole('region', { name: 'Preview of damage-photo.jpg' });
  const otherTitle = await box(other.getByRole('heading', { name: 'damage-photo.jpg' }));
  const otherPane = await box(other);
  expect(otherTitle.x - otherPane.x).toBeCloseTo(title.x - pane.x, 0);

  await openAttachment(frame, fileName);
  await preview.getByRole('button', { name: 'Copy link' }).click();
  const status = preview.getByRole('status');
  await expect.poll(() => status.textContent()).not.toBe('');
  const said = (await status.textContent()) ?? '';
  const url = (await preview.locator('code').textContent()) ?? '';
  expect(url).toMatch(/^https:\/\/cdn\.example\.net\//);
  if (said.includes('Link copied')) {
    expect(await frame.evaluate('navigator.clipboard.readText()')).toBe(url);
  } else {
    expect(said).toContain('press Ctrl+C');
    expect(await frame.evaluate('String(getSelection())')).toBe(url);
  }
  expect(await seriousViolations(frame)).toEqual([]);
  console.info(`Copy link in the demo desktop's frame: ${said}`);
}, 120_000);
