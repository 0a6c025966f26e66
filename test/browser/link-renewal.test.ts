// Links live as short as the proxy allows here (LINK_TTL_SECONDS=10): an open preview outlives its
// link, and the widget must mint a new one when the browser goes back to the file, then show it again.
import { afterEach, expect, it } from 'vitest';
import type { LinkResponse } from '../../core/proxy-api.ts';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { waitFor } from '../../scripts/local-stack/widget-stack.ts';
import {
  linkResponses,
  mediaState,
  nthLinkResponse,
  openAttachment,
  waitForPainted,
  waitForStatuses,
  withWidgetDesktop,
} from '../support/browser.ts';

const LINK_TTL_SECONDS = 10;

const desktop = withWidgetDesktop({ proxyOverrides: { LINK_TTL_SECONDS: String(LINK_TTL_SECONDS) } });
const { openConversation } = desktop;

// Registered after withWidgetDesktop's, so it runs before the desktop is closed (after hooks run in reverse).
afterEach(() => {
  desktop.ws.stack.control.clearFaults();
});

/** Resolves once the clock has passed the link's expiry and the proxy refuses the link. */
async function waitUntilExpired(link: LinkResponse): Promise<void> {
  await waitFor(
    async () => (Date.now() > Date.parse(link.expiresAt) ? true : undefined),
    'the link to expire',
    (LINK_TTL_SECONDS + 20) * 1000,
    250,
  );
  const response = await fetch(link.url);
  await response.body?.cancel();
  expect(response.status, 'the proxy refuses the expired link').toBe(403);
}

it('mints a new link when the connection drops while a video streams and its link has expired meanwhile', async () => {
  const { frame, page, responses } = await openConversation(conversationIds.webMessaging);
  await waitForStatuses(frame);
  // A slow network: the sandbox org trickles the file out over 30 s, far beyond the link's 10 s
  // (Chromium reads the end of this WebM before its first frame, so nothing shows until then).
  desktop.ws.stack.control.setFault('downloads.file', { slowBodyMs: 30_000 });
  const finished: string[] = [];
  page.on('requestfinished', (r) => finished.push(r.url()));
  await openAttachment(frame, 'walkaround.webm');
  const first = await nthLinkResponse(responses, 0);
  expect(first.status()).toBe(200);
  const link = (await first.json()) as LinkResponse;

  // The video starts streaming, then the link expires with the stream still open.
  await waitFor(
    async () => (responses.some((r) => r.url() === link.url && r.status() === 206) ? true : undefined),
    'the video to start streaming',
  );
  await waitUntilExpired(link);
  expect(finished, 'the video is still streaming').not.toContain(link.url);
  expect(linkResponses(responses)).toHaveLength(1);

  // The connection drops: the video fails mid-stream; the link is past its expiry, so the widget
  // mints a new one at once, without asking the expired link (whose 403 may not be readable
  // cross-origin from S3). Chromium's media stack may first resume its own range request on the
  // old URL (it holds frames of the clip by then): that 403 is what makes the element fail.
  desktop.ws.stack.control.clearFaults();
  desktop.ws.stack.proxy.running.server.closeAllConnections();
  const renewed = await nthLinkResponse(responses, 1);
  expect(renewed.status()).toBe(200);
  const fresh = (await renewed.json()) as LinkResponse;
  expect(fresh.url).not.toBe(link.url);
  const asked = responses.find((r) => r.url() === link.url && r.request().resourceType() !== 'media');
  expect(asked, 'the widget does not ask the expired link').toBeUndefined();

  // The preview shows again from the new link, with no error state.
  const video = frame.locator('.media-viewer video');
  await waitFor(
    async () => ((await video.getAttribute('src').catch(() => null)) === fresh.url ? true : undefined),
    'the video to use the new link',
  );
  const painted = await waitForPainted(frame, '.media-viewer video');
  expect(painted).toMatchObject({ width: 640, height: 360 });
  expect((await mediaState(frame, '.media-viewer video'))?.readyState).toBeGreaterThanOrEqual(2);
  expect(await frame.getByRole('alert').count()).toBe(0);
}, 120_000);

it('mints a new link when the agent comes back to a photo whose link expired, never handing the browser the old one', async () => {
  const { frame, responses } = await openConversation(conversationIds.webMessaging);
  await openAttachment(frame, 'damage-photo.jpg');
  await waitForPainted(frame, '.image-stage img');
  const first = await nthLinkResponse(responses, 0);
  expect(first.status()).toBe(200);
  const link = (await first.json()) as LinkResponse;
  await waitUntilExpired(link);

  // Elsewhere and back again, after the link expired.
  await openAttachment(frame, 'repair-guide.png');
  await waitForPainted(frame, '.image-stage img');
  await openAttachment(frame, 'damage-photo.jpg');
  const drawn = await waitForPainted(frame, '.image-stage img');
  expect(drawn).toMatchObject({ width: 4032, height: 3024 });

  const photoId = first.request().postDataJSON()?.attachmentId;
  const photoLinks = linkResponses(responses).filter(
    (r) => r.request().postDataJSON()?.attachmentId === photoId,
  );
  expect(photoLinks).toHaveLength(2);
  expect(photoLinks[1]?.status()).toBe(200);
  const fetches = responses.filter((r) => r.url() === link.url);
  expect(
    fetches.map((r) => r.status()),
    'the old link was fetched only while valid',
  ).toEqual([200]);
}, 120_000);
