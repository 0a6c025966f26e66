// A video the agent started keeps playing when its link is renewed mid-play (issue 16): links live
// 10 s here (LINK_TTL_SECONDS=10), the sandbox trickles the file out over 30 s, and the connection
// drops once the link has expired, so the widget must mint a new link, and the new element must
// play on from where the old one was without the agent pressing Play again.
import { afterEach, expect, it } from 'vitest';
import type { LinkResponse } from '../../core/proxy-api.ts';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { waitFor } from '../../scripts/local-stack/widget-stack.ts';
import {
  mediaState,
  nthLinkResponse,
  openAttachment,
  waitForStatuses,
  withWidgetDesktop,
} from '../support/browser.ts';

const LINK_TTL_SECONDS = 10;

const desktop = withWidgetDesktop({ proxyOverrides: { LINK_TTL_SECONDS: String(LINK_TTL_SECONDS) } });

// Registered after withWidgetDesktop's, so it runs before the desktop is closed (after hooks run in reverse).
afterEach(() => {
  desktop.ws.stack.control.clearFaults();
});

it('plays on after the link of a playing video is renewed, without the agent pressing Play', async () => {
  const { frame, responses } = await desktop.openConversation(conversationIds.webMessaging);
  await waitForStatuses(frame);
  desktop.ws.stack.control.setFault('downloads.file', { slowBodyMs: 30_000 });
  await openAttachment(frame, 'walkaround.webm');
  const first = await nthLinkResponse(responses, 0);
  const link = (await first.json()) as LinkResponse;
  await waitFor(
    async () => (responses.some((r) => r.url() === link.url && r.status() === 206) ? true : undefined),
    'the video to start streaming',
  );

  // The agent presses Play with the keyboard on the native controls (a real key press: the frame's user activation).
  const video = frame.locator('.media-viewer video');
  await video.focus();
  await frame.page().keyboard.press('Space');
  await waitFor(
    async () => ((await mediaState(frame, '.media-viewer video'))?.paused === false ? true : undefined),
    'the video to be playing (or waiting to)',
  );

  // The link expires with the stream still open, then the connection drops.
  await waitFor(
    async () => (Date.now() > Date.parse(link.expiresAt) ? true : undefined),
    'the link to expire',
    (LINK_TTL_SECONDS + 20) * 1000,
    250,
  );
  desktop.ws.stack.control.clearFaults();
  desktop.ws.stack.proxy.running.server.closeAllConnections();
  const renewed = await nthLinkResponse(responses, 1);
  expect(renewed.status()).toBe(200);
  const fresh = (await renewed.json()) as LinkResponse;
  await waitFor(
    async () => ((await video.getAttribute('src').catch(() => null)) === fresh.url ? true : undefined),
    'the video to use the new link',
  );

  // Nobody touches the page from here: the clock of the video moves on by itself.
  const started = await waitFor(async () => {
    const state = await mediaState(frame, '.media-viewer video');
    return state && !state.paused && state.currentTime > 0.2 ? state : undefined;
  }, 'the renewed video to play');
  const later = await waitFor(async () => {
    const state = await mediaState(frame, '.media-viewer video');
    return state && state.currentTime > started.currentTime + 0.5 ? state : undefined;
  }, 'the renewed video to advance');
  expect(later.currentTime).toBeGreaterThan(started.currentTime);
  expect(await frame.getByRole('alert').count()).toBe(0);
}, 120_000);
