// The widget in headless Chromium, framed by the demo desktop from the admin's URL template, against
// the real stack: the sandbox org (PKCE sign-in and conversations), the proxy (links), Swift (the S3
// conversation). Each test gets a fresh browser context, so each signs in on its own, and leaves a
// screenshot in test-results/screenshots/.

import { describe, expect, it } from 'vitest';
import { sampleConversations } from '../../sandbox/sample-data/manifest.ts';
import {
  sampleAttachment,
  sampleAttachments,
  sampleBytes,
} from '../../sandbox/sample-data/sample-attachments.ts';
import { IFRAME_SANDBOX, URL_TEMPLATE } from '../../scripts/demo-desktop.ts';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { waitFor, widgetFrame } from '../../scripts/local-stack/widget-stack.ts';
import {
  focusedElement,
  mediaState,
  nthLinkResponse,
  openAttachment,
  optionNames,
  pixelSummary,
  waitForPainted,
  waitForStatuses,
  withWidgetDesktop,
} from '../support/browser.ts';
import { jpegFacts } from '../support/jpeg.ts';

const TEST_TIMEOUT = 90_000;

const desktop = withWidgetDesktop({ swift: true });
const { openConversation } = desktop;

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`no ${what} was seen`);
  return value;
}

describe('the widget in the demo desktop', () => {
  it(
    'loads from the URL template in a sandboxed iframe and signs in with the PKCE redirect inside the frame',
    async () => {
      const conversationId = conversationIds.webMessaging;
      const { page, frame, responses } = await openConversation(conversationId);

      // Framed as Agent Workspace does: Genesys's sandbox tokens, the admin's template filled in.
      const iframe = page.locator('iframe#widget');
      expect(await iframe.getAttribute('sandbox')).toBe(IFRAME_SANDBOX);
      const vars: Record<string, string> = {
        gcConversationId: conversationId,
        gcHostOrigin: desktop.ws.desktopOrigin,
        gcTargetEnv: 'prod',
        gcLangTag: 'en-us',
      };
      const templateUrl = `${desktop.ws.widgetOrigin}/${URL_TEMPLATE.replace(
        /\{\{(\w+)\}\}/g,
        (_, k: string) => encodeURIComponent(vars[k] ?? ''),
      )}`;
      expect(await iframe.getAttribute('src')).toBe(templateUrl);

      // The frame's own navigations: the template URL, the sign-in page, back with a code.
      const navigations = responses
        .filter((r) => r.request().isNavigationRequest() && r.frame() === frame)
        .map((r) => new URL(r.url()));
      expect(navigations.map((u) => `${u.origin}${u.pathname}`)).toEqual([
        `${desktop.ws.widgetOrigin}/`,
        `${desktop.ws.stack.sandboxUrl}/oauth/authorize`,
        `${desktop.ws.widgetOrigin}/`,
      ]);
      const [first, authorize, back] = navigations as [URL, URL, URL];
      expect(first.href).toBe(templateUrl);
      expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
        client_id: 'attachment-viewer-sandbox',
        redirect_uri: `${desktop.ws.widgetOrigin}/`,
        response_type: 'code',
        code_challenge_method: 'S256',
      });
      expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(back.searchParams.get('code')).toBeTruthy();

      // The code is redeemed with its verifier, without a client secret, and the token is what the
      // widget then sends the proxy.
      const tokenResponse = must(
        responses.find((r) => r.url() === `${desktop.ws.stack.sandboxUrl}/oauth/token`),
        'the token request',
      );
      expect(tokenResponse.status()).toBe(200);
      const form = new URLSearchParams(tokenResponse.request().postData() ?? '');
      expect(form.get('grant_type')).toBe('authorization_code');
      expect(form.get('code')).toBe(back.searchParams.get('code'));
      expect(form.get('code_verifier')).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
      expect(form.has('client_secret')).toBe(false);
      const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string };
      const apiCall = responses.find((r) => r.url() === `${desktop.ws.widgetOrigin}/api/v1/config`);
      expect(apiCall?.status()).toBe(200);
      expect(await apiCall?.request().headerValue('authorization')).toBe(`Bearer ${accessToken}`);

      // ?code= is gone from the address once signed in.
      expect(new URL(frame.url()).searchParams.has('code')).toBe(false);
      expect(await optionNames(frame)).toContain('policy-document.pdf');

      // React and the list (app-root) are not fetched by the first page, which leaves for the sign-in;
      // the page back from it preloads them (a modulepreload link) and fetches them once.
      const preloaded = (await frame.evaluate(
        `[...document.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.href)`,
      )) as string[];
      const appRoot = must(
        preloaded.find((href) => /\/assets\/app-root-[\w-]+\.js$/.test(href)),
        'a modulepreload of app-root',
      );
      const backAt = responses.findIndex((r) => r.request().isNavigationRequest() && r.url() === back.href);
      expect(responses.slice(0, backAt).filter((r) => r.url() === appRoot)).toHaveLength(0);
      expect(responses.slice(backAt).filter((r) => r.url() === appRoot)).toHaveLength(1);

      // Once the list is shown, the notifications channel's code loads (its own chunk) and
      // subscribes the agent's conversations topic.
      const subscribed = await waitFor(
        async () =>
          responses.find(
            (r) =>
              r.request().method() === 'PUT' &&
              /^\/api\/v2\/notifications\/channels\/[^/]+\/subscriptions$/.test(new URL(r.url()).pathname),
          ),
        'the notifications channel subscription',
        15_000,
      );
      expect(subscribed.status()).toBe(200);
    },
    TEST_TIMEOUT,
  );

  it.each(sampleConversations.map((c) => [c.id.slice(-4), c.id, c.description]))(
    'lists every attachment the sample manifest expects in conversation …%s',
    async (_short, conversationId) => {
      const { frame } = await openConversation(conversationId);
      const expected = sampleAttachments(conversationId);
      expect(expected.length).toBeGreaterThan(0);
      const files = expected.filter((a) => !a.inlineImage).map((a) => a.fileName);
      const inline = expected.filter((a) => a.inlineImage).map((a) => a.fileName);
      await frame.getByRole('listbox').first().waitFor();
      expect((await optionNames(frame)).sort()).toEqual([...files].sort());
      // An email's inline images wait, collapsed, behind one button.
      if (inline.length > 0) {
        await frame.getByRole('button', { name: /inline image/ }).click();
        expect((await optionNames(frame)).sort()).toEqual([...files, ...inline].sort());
      }
      // Every row gets its status from the proxy (no row left "Checking…").
      await waitForStatuses(frame);
    },
    TEST_TIMEOUT,
  );

  it(
    'opens no interaction with ?c=none until the agent picks one from the list (how the browser bench opens it)',
    async () => {
      const { page } = await openConversation(conversationIds.webMessaging);
      await page.goto(desktop.ws.desktopUrl('none'));
      expect(await page.locator('iframe#widget').getAttribute('src')).toBeNull();
      expect(page.frames().filter((f) => f.url().startsWith(desktop.ws.widgetOrigin))).toEqual([]);

      await page.locator(`button[data-id="${conversationIds.openMessagingS3}"]`).click();
      const frame = await widgetFrame(page);
      await frame.getByRole('option', { name: 'damage-front.jpg' }).waitFor({ timeout: 60_000 });
      expect(new URL(page.url()).searchParams.get('c')).toBe(conversationIds.openMessagingS3);
    },
    TEST_TIMEOUT,
  );

  it(
    'shows the scan verdicts Swift holds for the S3 conversation',
    async () => {
      const { frame } = await openConversation(conversationIds.openMessagingS3);
      const badge = (name: string) =>
        frame.getByRole('option', { name }).locator('.status-badge').textContent();
      await waitForStatuses(frame);
      expect(await badge('damage-front.jpg')).toBe('Clean');
      expect(await badge('Überweisung März 2026.pdf')).toBe('Clean');
      expect(await badge('statement.pdf')).toBe('Scanning');
      expect(await badge('eicar-test.txt')).toBe('Blocked');
      expect(await badge('brochure.pdf')).toBe('External link');
    },
    TEST_TIMEOUT,
  );

  it(
    "speaks the agent's language (gcLangTag) once signed in through the React-free entry",
    async () => {
      const { frame } = await openConversation(conversationIds.webMessaging, 'de-DE');
      const badge = frame.getByRole('option', { name: /policy-document\.pdf/ }).locator('.status-badge');
      // "Wird geprüft…" until the proxy's answer, then the verdict, in German.
      await waitFor(
        async () => ((await badge.textContent()) === 'Nicht gescannt' ? true : undefined),
        'the verdict',
      );
    },
    TEST_TIMEOUT,
  );
});

describe('previews', () => {
  it(
    'renders the first page of a PDF into a canvas that is not blank',
    async () => {
      const { frame } = await openConversation(conversationIds.webMessaging);
      await openAttachment(frame, 'policy-document.pdf');
      const painted = await waitForPainted(frame, '.pdf-page[data-page="1"] canvas');
      expect(painted.width).toBeGreaterThan(100);
      expect(painted.height).toBeGreaterThan(100);
      // A rendered page has text, a header band and a link: far more than a handful of colours.
      expect(painted.colours).toBeGreaterThan(20);
      await expect(frame.getByRole('group', { name: 'Page 1 of 3' }).count()).resolves.toBe(1);
    },
    TEST_TIMEOUT,
  );

  it(
    'renders a PDF stored in S3 from its presigned Swift URL',
    async () => {
      const { frame, responses } = await openConversation(conversationIds.openMessagingS3);
      await openAttachment(frame, 'Überweisung März 2026.pdf');
      const painted = await waitForPainted(frame, '.pdf-page[data-page="1"] canvas');
      expect(painted.colours).toBeGreaterThan(20);
      const fetched = responses.find((r) => r.url().startsWith(`${desktop.ws.stack.swift?.endpoint}/`));
      expect(fetched?.status()).toBe(200);
      expect(new URL(fetched?.url() ?? 'http://x/').searchParams.get('X-Amz-Signature')).toBeTruthy();
    },
    TEST_TIMEOUT,
  );

  it(
    'shows a photo',
    async () => {
      const { frame } = await openConversation(conversationIds.webMessaging);
      await openAttachment(frame, 'damage-photo.jpg');
      const image = frame.locator('.image-stage img');
      await image.waitFor();
      const drawn = await waitForPainted(frame, '.image-stage img');
      expect(drawn).toMatchObject({ width: 4032, height: 3024 });
      expect(drawn.colours).toBeGreaterThan(20);
      const box = await image.boundingBox();
      expect(box?.width).toBeGreaterThan(100);
    },
    TEST_TIMEOUT,
  );

  it(
    'shows a photo stored in S3 from its presigned Swift URL',
    async () => {
      const { frame } = await openConversation(conversationIds.openMessagingS3);
      await openAttachment(frame, 'damage-front.jpg');
      const drawn = await waitForPainted(frame, '.image-stage img');
      expect(drawn).toMatchObject({ width: 1600, height: 1200 });
    },
    TEST_TIMEOUT,
  );

  it(
    'shows the sideways photo upright, as its EXIF orientation says',
    async () => {
      const { frame } = await openConversation(conversationIds.webMessaging);
      await openAttachment(frame, 'damage-photo-sideways.jpg');
      const image = frame.locator('.image-stage img');
      await waitForPainted(frame, '.image-stage img');
      // The file is stored 4032 × 3024, as the phone's sensor saw it, with EXIF orientation 6 ...
      const stored = jpegFacts(
        await sampleBytes(sampleAttachment(conversationIds.webMessaging, 'damage-photo-sideways.jpg')),
      );
      expect(stored).toEqual({ width: 4032, height: 3024, orientation: 6 });
      // ... and shown 3024 × 4032, taller than wide on screen too, as the phone was held.
      const media = await mediaState(frame, '.image-stage img');
      expect([media?.naturalWidth, media?.naturalHeight]).toEqual([3024, 4032]);
      const box = await image.boundingBox();
      expect(box?.height).toBeGreaterThan(box?.width ?? Number.POSITIVE_INFINITY);
      // Upright, the sky is at the top and the road at the bottom (not down one side).
      const pixels = await pixelSummary(frame, '.image-stage img', [
        [1512, 200],
        [1512, 3950],
      ]);
      const [sky, road] = pixels?.brightness ?? [];
      expect(sky).toBeGreaterThan(90);
      expect(road).toBeLessThan(80);
    },
    TEST_TIMEOUT,
  );

  it(
    "shows a video's first frame",
    async () => {
      const { frame } = await openConversation(conversationIds.webMessaging);
      await openAttachment(frame, 'walkaround.webm');
      const video = await waitFor(async () => {
        const state = await mediaState(frame, '.media-viewer video');
        return state && state.readyState >= 2 ? state : undefined;
      }, 'the video to have its first frame (readyState ≥ 2)');
      // No autoplay: the first frame stands still until the agent presses play.
      expect([video.paused, video.currentTime]).toEqual([true, 0]);
      // The walk along the car, 640 × 360: many colours once the frame is decoded.
      const frameDrawn = await waitForPainted(frame, '.media-viewer video');
      expect(frameDrawn).toMatchObject({ width: 640, height: 360 });
      expect(frameDrawn.colours).toBeGreaterThan(20);
    },
    TEST_TIMEOUT,
  );

  it(
    'shows a CSV as a table headed by its first line',
    async () => {
      const { frame } = await openConversation(conversationIds.openMessagingStore);
      await openAttachment(frame, 'estimate.csv');
      const table = frame.locator('.csv-viewer table');
      await table.waitFor();
      const csv = new TextDecoder().decode(
        await sampleBytes(sampleAttachment(conversationIds.openMessagingStore, 'estimate.csv')),
      );
      const header = (csv.split(/\r?\n/)[0] ?? '').split(',');
      expect(header.length).toBeGreaterThan(1);
      expect(await table.locator('thead th').allTextContents()).toEqual(header);
      // A quoted cell with a comma stays one cell.
      expect(await table.locator('tbody tr').first().locator('td').first().textContent()).toBe(
        'Rear bumper, painted',
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'refuses an infected file with the malware scan message and never fetches it',
    async () => {
      const { frame, responses } = await openConversation(conversationIds.openMessagingS3);
      await openAttachment(frame, 'eicar-test.txt');
      const alert = frame.getByRole('alert');
      await alert.waitFor();
      expect(await alert.getByRole('heading').textContent()).toBe('Blocked by the malware scan');
      const refused = await nthLinkResponse(responses, 0);
      expect(refused.status()).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('scan_infected');
      expect(responses.some((r) => r.url().includes('eicar'))).toBe(false);
    },
    TEST_TIMEOUT,
  );
});

describe('accessibility', () => {
  it(
    'can be used with the keyboard alone: Tab into the list, ArrowDown, Enter opens the preview',
    async () => {
      const { page, frame } = await openConversation(conversationIds.webMessaging);
      const focused = () => focusedElement(frame);
      // From the top of the desktop, Tab until the focus is inside the widget's list.
      let presses = 0;
      while ((await focused())?.role !== 'option' && presses < 30) {
        await page.keyboard.press('Tab');
        presses += 1;
      }
      const options = frame.getByRole('option');
      const ids = await Promise.all((await options.all()).map((o) => o.getAttribute('data-id')));
      expect(await focused()).toEqual({ role: 'option', id: ids[0] });

      await page.keyboard.press('ArrowDown');
      expect(await focused()).toEqual({ role: 'option', id: ids[1] });
      // In the demo's 420 px panel the file then takes the list's place (the list is hidden, not gone).
      const second = frame.getByRole('option', { includeHidden: true }).nth(1);
      const name = (await second.locator('.attachment-name').textContent()) ?? '';
      await page.keyboard.press('Enter');
      await frame.getByRole('region', { name: `Preview of ${name}` }).waitFor();
      expect(await second.getAttribute('aria-selected')).toBe('true');
      await waitForPainted(frame, '.image-stage img');
    },
    TEST_TIMEOUT,
  );
});
