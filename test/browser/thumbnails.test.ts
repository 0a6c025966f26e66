// The attachment list's thumbnails in Chromium, made by the real converters: a photo's and a PDF's
// rows show a small picture in place of their file-type icon, decorative (alt=""), once the list is
// shown; a row without one keeps its icon.
import { expect, it } from 'vitest';
import { THUMBNAIL_SIZE } from '../../core/renditions.ts';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { linkResponses, withWidgetDesktop } from '../support/browser.ts';
import { renditionsDirForFile } from '../support/renditions-dir.ts';

interface PageImage {
  complete: boolean;
  naturalWidth: number;
  naturalHeight: number;
  getAttribute(name: string): string | null;
}

const renditionsDir = await renditionsDirForFile('thumbnails-browser-');

const desktop = withWidgetDesktop({ proxyOverrides: { RENDITIONS_DIR: renditionsDir } });

it('shows thumbnails for a photo and a PDF in the list, and the icon for a file without one', async () => {
  const { frame, responses } = await desktop.openConversation(conversationIds.webMessaging);
  const thumbnailOf = (fileName: string) =>
    frame.getByRole('option', { name: fileName }).locator('img.thumbnail:not([hidden])');
  for (const fileName of ['damage-photo.jpg', 'policy-document.pdf']) {
    const image = thumbnailOf(fileName);
    await image.waitFor({ timeout: 30_000 });
    // Run in the page: the tests' type library has no DOM, so the element is described here.
    const drawn = await image.evaluate((element) => {
      const img = element as unknown as PageImage;
      return {
        complete: img.complete,
        width: img.naturalWidth,
        height: img.naturalHeight,
        alt: img.getAttribute('alt'),
      };
    });
    expect(drawn.complete).toBe(true);
    expect(drawn.width).toBeGreaterThan(0);
    expect(Math.max(drawn.width, drawn.height)).toBeLessThanOrEqual(THUMBNAIL_SIZE);
    // Decorative: the row's name already says which file it is.
    expect(drawn.alt).toBe('');
    // The thumbnail took the icon's place.
    expect(await frame.getByRole('option', { name: fileName }).locator('.type-icon').count()).toBe(0);
  }
  // A voice note has no thumbnail: its icon stays, and no link was asked for it.
  const voice = frame.getByRole('option', { name: 'voice-note.wav' });
  expect(await voice.locator('.type-icon').count()).toBe(1);
  expect(await voice.locator('img').count()).toBe(0);
  const asked = await Promise.all(linkResponses(responses).map((r) => r.request().postDataJSON()));
  expect(asked.every((body: { rendition?: string }) => body.rendition === 'thumbnail')).toBe(true);
  // The row's accessible name is unchanged by its picture.
  await frame.getByRole('option', { name: /damage-photo\.jpg Image/ }).waitFor();
}, 90_000);
