// WCAG 2.2 AA in Chromium with axe-core (issue 13): the list and every kind of viewer — PDF, image,
// media, text, CSV, and the renditions' PDF, email and archive views — in English and in Arabic
// (right to left), in a 320 px panel and a 1,280 px one; review mode and its refusal of an interaction
// Genesys no longer keeps. Zero serious or critical violations.
import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { seriousViolations } from '../support/axe.ts';
import { setPanelWidth, waitForStatuses, withWidgetDesktop } from '../support/browser.ts';
import { renditionsDirForFile } from '../support/renditions-dir.ts';

const TEST_TIMEOUT = 240_000;
const renditionsDir = await renditionsDirForFile('renditions-a11y-');
const desktop = withWidgetDesktop({ proxyOverrides: { RENDITIONS_DIR: renditionsDir } });

/** Files of every viewer kind, by conversation. */
const FILES: [string, string[]][] = [
  [
    conversationIds.webMessaging,
    ['policy-document.pdf', 'damage-photo.jpg', 'voice-note.wav', 'walkaround.webm'],
  ],
  [conversationIds.openMessagingStore, ['notes.txt', 'estimate.csv']],
  [
    conversationIds.webMessagingDocuments,
    ['Garage report CLM-1007.docx', 'Fwd: Repair estimate for CLM-1007.eml', 'claim-photos.zip'],
  ],
];

// What each viewer draws once its file is open.
const VIEWED = [
  '.pdf-page canvas',
  '.image-stage img.sized',
  '.media-viewer audio',
  '.media-viewer video',
  '.text-viewer pre',
  '.csv-viewer table',
  '.email-viewer iframe',
  '.archive-viewer table',
].join(', ');

/** Opens a file by its row (the name is the same in every language) and waits for its viewer to show it. */
async function open(frame: Frame, fileName: string): Promise<void> {
  await frame.locator('[role="option"]', { hasText: fileName }).click();
  const region = frame.locator('section.preview-pane', { has: frame.locator('h2', { hasText: fileName }) });
  await region.waitFor();
  await region.locator(VIEWED).first().waitFor({ timeout: 60_000 });
}

async function expectNoViolations(frame: Frame, where: string): Promise<void> {
  expect(await seriousViolations(frame), where).toEqual([]);
}

describe.each([
  ['en-US', 'ltr'],
  ['ar', 'rtl'],
])('in %s', (locale, direction) => {
  it.each([320, 1280])(
    'every screen at %i px has no serious or critical WCAG 2.2 AA violation',
    async (width) => {
      for (const [conversationId, files] of FILES) {
        const { page, frame } = await desktop.openConversation(conversationId, locale);
        await setPanelWidth(page, frame, width);
        await waitForStatuses(frame).catch(() => undefined);
        expect(await frame.locator('html').getAttribute('dir')).toBe(direction);
        await expectNoViolations(frame, `${locale} ${width} px: the list of ${conversationId}`);
        for (const file of files) {
          if (width < 720 && (await frame.locator('section.preview-pane').count()) > 0) {
            await page.keyboard.press('Escape');
            await frame.locator('[role="listbox"]').waitFor();
          }
          await open(frame, file);
          await expectNoViolations(frame, `${locale} ${width} px: ${file}`);
          if (file === 'claim-photos.zip') {
            // A file opened from inside the archive: the same viewers, under "Inside …" and Back.
            await frame.locator('.archive-viewer button.part-open', { hasText: 'photos/front.jpg' }).click();
            await frame.locator('.part-context + .preview-header').waitFor();
            await frame.locator('.image-stage img.sized').waitFor({ timeout: 60_000 });
            await expectNoViolations(frame, `${locale} ${width} px: photos/front.jpg inside ${file}`);
            await frame.locator('button.part-back').click();
            await frame.locator('.archive-viewer table').waitFor();
          }
        }
        await desktop.closeCurrent(`a11y ${locale} ${width} ${conversationId}`);
      }
    },
    TEST_TIMEOUT,
  );
});

describe.each(['en-US', 'ar'])('review mode in %s', (locale) => {
  it(
    'has no serious or critical violation, nor once an unknown interaction is refused',
    async () => {
      const { frame } = await desktop.openConversation('review', locale);
      await expectNoViolations(frame, `${locale}: review mode`);
      await frame.locator('form.review-open-form input').fill('0badc0de-0000-4000-8000-000000000404');
      await frame.locator('form.review-open-form button[type="submit"]').click();
      // Genesys answers 404: the past-retention notice (a read notice, in the agent's language).
      await frame.locator('.read-notice').waitFor({ timeout: 30_000 });
      await expectNoViolations(frame, `${locale}: review mode, interaction not kept`);
    },
    TEST_TIMEOUT,
  );
});

// The screens before and instead of the list: signing in, a sign-in Genesys refused, and a
// conversation that could not be read. Each is reached by a fault of the sandbox org.
describe.each(['en-US', 'ar'])('sign-in and error states in %s', (locale) => {
  const states: [string, () => void, string][] = [
    [
      'signing in',
      () => desktop.ws.stack.control.setFault('oauth.token', { hang: true }),
      '.centered[role="status"]',
    ],
    [
      'sign-in refused',
      () => desktop.ws.stack.control.setFault('oauth.token', { status: 503 }),
      '.sign-in[role="alert"] button',
    ],
    [
      'conversation not read',
      () => desktop.ws.stack.control.setFault('conversations.get', { status: 500 }),
      '.error-state',
    ],
  ];
  it.each(states)(
    '%s has no serious or critical violation at 320 px',
    async (state, fault, shown) => {
      fault();
      try {
        const { page, frame } = await desktop.openConversation(conversationIds.webMessaging, locale, shown);
        await setPanelWidth(page, frame, 320);
        expect(await frame.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
        await expectNoViolations(frame, `${locale}: ${state}`);
        await desktop.closeCurrent(`a11y ${locale} ${state}`);
      } finally {
        desktop.ws.stack.control.clearFaults();
      }
    },
    TEST_TIMEOUT,
  );
});

// In-page code runs in Chromium; the Node tsconfig has no DOM library.
interface PageStyle {
  readonly borderInlineStartWidth: string;
  readonly borderInlineStartStyle: string;
  readonly outlineStyle: string;
}
declare const document: {
  querySelector(selector: string): unknown;
  getAnimations(): { playState: string }[];
};
declare function getComputedStyle(element: unknown): PageStyle;

describe('the agent’s display settings', () => {
  it(
    'marks the open file and the focus without colour in forced colours (Windows high contrast)',
    async () => {
      const { page, frame } = await desktop.openConversation(conversationIds.webMessaging);
      await page.emulateMedia({ forcedColors: 'active' });
      await setPanelWidth(page, frame, 1280);
      await open(frame, 'policy-document.pdf');
      const selected = await frame.evaluate(() => {
        const row = document.querySelector('[role="option"][aria-selected="true"]');
        const style = row ? getComputedStyle(row) : undefined;
        return style && { width: style.borderInlineStartWidth, style: style.borderInlineStartStyle };
      });
      expect(selected).toEqual({ width: '6px', style: 'solid' });
      await frame.locator('[role="option"][aria-selected="true"]').focus();
      await page.keyboard.press('ArrowDown');
      const focusRing = await frame.evaluate(() => {
        const row = document.querySelector('[role="option"]:focus-visible');
        return row ? getComputedStyle(row).outlineStyle : undefined;
      });
      expect(focusRing).toBe('solid');
      await expectNoViolations(frame, 'forced colours');
    },
    TEST_TIMEOUT,
  );

  it(
    'runs no animation for an agent who asked for reduced motion',
    async () => {
      const { page, frame } = await desktop.openConversation(conversationIds.webMessaging);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await setPanelWidth(page, frame, 1280);
      for (const file of ['policy-document.pdf', 'damage-photo.jpg', 'walkaround.webm']) {
        await open(frame, file);
        const running = await frame.evaluate(
          () => document.getAnimations().filter((a) => a.playState === 'running').length,
        );
        expect(running, file).toBe(0);
      }
    },
    TEST_TIMEOUT,
  );
});
