// A large scanned PDF from S3 (issue 12): the sample org's 300-page, ~60 MB claim file, read by
// byte ranges through Swift's S3 API in headless Chromium with real pdf.js. Page 1 shows long
// before the file could have downloaded, without any byte asked for twice; a link that expires
// while the reviewer reads page 200 is renewed in place: the same document stays open, the place
// is kept, the old link is not asked again.
import type { Response } from 'playwright-core';
import { expect, it } from 'vitest';
import type { LinkResponse } from '../../core/proxy-api.ts';
import { SCANNED_BUNDLE } from '../../sandbox/sample-data/scanned-bundle.ts';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { waitFor } from '../../scripts/local-stack/widget-stack.ts';
import {
  linkResponses,
  nthLinkResponse,
  openAttachment,
  waitForPainted,
  withWidgetDesktop,
} from '../support/browser.ts';

const LINK_TTL_SECONDS = 10;
const desktop = withWidgetDesktop({
  swift: true,
  proxyOverrides: { LINK_TTL_SECONDS: String(LINK_TTL_SECONDS) },
});

/** Bytes the browser received from the object store, and how it asked for them. */
function storeTraffic(responses: Response[]) {
  const endpoint = desktop.ws.stack.swift?.endpoint ?? 'no swift';
  const fromStore = responses.filter((r) => r.url().startsWith(`${endpoint}/`));
  const bytes = fromStore.reduce((sum, r) => sum + Number(r.headers()['content-length'] ?? 0), 0);
  return { fromStore, bytes };
}

it('shows page 1 of a 60 MB scan from S3 after a small part of it, and renews an expiring link without reloading', async () => {
  const { frame, responses } = await desktop.openConversation(conversationIds.openMessagingS3);
  await openAttachment(frame, SCANNED_BUNDLE.fileName);
  const link = (await (await nthLinkResponse(responses, 0)).json()) as LinkResponse;
  const size = link.size ?? 0;
  expect(size).toBeGreaterThan(50_000_000);

  await frame.getByRole('group', { name: `Page 1 of ${SCANNED_BUNDLE.pages}` }).waitFor({ timeout: 60_000 });
  await waitForPainted(frame, '.pdf-page[data-page="1"] canvas');
  const atPageOne = storeTraffic(responses);
  expect(atPageOne.fromStore.length).toBeGreaterThan(0);
  // Every answer is a part (206) of the object, never the whole of it.
  expect(atPageOne.fromStore.map((r) => r.status())).toEqual(atPageOne.fromStore.map(() => 206));
  expect(atPageOne.bytes, 'bytes fetched before page 1 showed').toBeLessThan(size / 20);
  // Asked past the browser's HTTP cache (which would hold the end behind the opening's answer):
  // Chromium then says "no-cache" to the store.
  const sent = await Promise.all(atPageOne.fromStore.map((r) => r.request().allHeaders()));
  expect(sent.map((h) => h['cache-control'])).toEqual(sent.map(() => 'no-cache'));
  // No byte is asked for twice: what pdf.js needs while the opening request arrives comes from it.
  const asked = atPageOne.fromStore
    .map((r) => /^bytes=(\d+)-(\d+)$/.exec(r.request().headers().range ?? '') ?? [])
    .map(([, first, last]) => [Number(first), Number(last)] as const)
    .sort((a, b) => a[0] - b[0]);
  expect(asked.length).toBe(atPageOne.fromStore.length);
  for (let i = 1; i < asked.length; i++)
    expect(asked[i]?.[0], `ranges before page 1: ${JSON.stringify(asked)}`).toBeGreaterThan(
      asked[i - 1]?.[1] ?? 0,
    );

  // The reviewer goes to page 200; the viewer's pages element is marked to tell a reload apart.
  const field = frame.getByRole('textbox', { name: 'Page number' });
  await field.fill('200');
  await field.press('Enter');
  await waitForPainted(frame, '.pdf-page[data-page="200"] canvas');
  await frame.evaluate(
    `document.querySelector('.pdf-pages').setAttribute('data-test-mark', 'same document')`,
  );

  // The link expires while the page is read.
  await waitFor(
    async () => (Date.now() > Date.parse(link.expiresAt) ? true : undefined),
    'the link to expire',
    (LINK_TTL_SECONDS + 20) * 1000,
    250,
  );
  const askedBefore = responses.filter((r) => r.url() === link.url).length;

  // Reading on needs new parts of the file: they come through a new link, asked for by the viewer.
  await field.fill('250');
  await field.press('Enter');
  await waitForPainted(frame, '.pdf-page[data-page="250"] canvas');
  const renewed = await nthLinkResponse(responses, 1);
  expect(renewed.status()).toBe(200);
  const fresh = (await renewed.json()) as LinkResponse;
  expect(fresh.url).not.toBe(link.url);
  expect(
    responses.filter((r) => r.url() === link.url),
    'the expired link is not asked again',
  ).toHaveLength(askedBefore);
  const viaFresh = responses.filter((r) => r.url() === fresh.url);
  expect(viaFresh.length).toBeGreaterThan(0);
  expect(viaFresh.every((r) => r.status() === 206)).toBe(true);

  // The same document stayed open at the reader's place: no reload, no error, one renewal.
  expect(await frame.locator('.pdf-pages[data-test-mark="same document"]').count()).toBe(1);
  await frame.getByRole('group', { name: `Page 250 of ${SCANNED_BUNDLE.pages}` }).waitFor();
  expect(await field.inputValue()).toBe('250');
  expect(linkResponses(responses)).toHaveLength(2);
  expect(await frame.getByRole('alert').count()).toBe(0);
  expect(storeTraffic(responses).bytes, 'bytes fetched for three places in the file').toBeLessThan(size / 10);
}, 180_000);
