// GENESYS_DOWNLOADS=direct in Chromium: the widget opens Genesys-hosted files from Genesys's own
// signed URLs (the sandbox org's, which allow the widget's origin by CORS), with no CSP refusal in the
// page: the widget page's CSP admits the download hosts for images, media and fetch. As in Genesys,
// the signed URLs are on another host than the API (here `localhost` beside the API's `127.0.0.1`),
// so only GENESYS_DOWNLOAD_HOSTS can make the CSP admit them.
import { expect, it } from 'vitest';
import type { LinkResponse } from '../../core/proxy-api.ts';
import { freePort } from '../../scripts/local-stack/free-port.ts';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { nthLinkResponse, openAttachment, waitForPainted, withWidgetDesktop } from '../support/browser.ts';

const TEST_TIMEOUT = 90_000;

// withWidgetDesktop fails a test whose page logged an error or a CSP refusal.
const sandboxPort = await freePort();
const downloadHost = `localhost:${sandboxPort}`;
const desktop = withWidgetDesktop({
  sandbox: { port: sandboxPort, publicUrl: `http://${downloadHost}` },
  proxyOverrides: { GENESYS_DOWNLOADS: 'direct', GENESYS_DOWNLOAD_HOSTS: downloadHost },
});

it(
  'shows a Genesys-hosted photo and PDF from Genesys’s signed URLs, not through the relay',
  async () => {
    const { frame, responses } = await desktop.openConversation(conversationIds.webMessaging);
    const downloadOrigin = `http://${downloadHost}`;

    await openAttachment(frame, 'damage-photo.jpg');
    const photoLink = (await (await nthLinkResponse(responses, 0)).json()) as LinkResponse;
    expect(new URL(photoLink.url).origin).toBe(downloadOrigin);
    expect(photoLink.url).not.toContain('/relay/');
    const drawn = await waitForPainted(frame, '.image-stage img');
    expect(drawn).toMatchObject({ width: 4032, height: 3024 });

    await openAttachment(frame, 'policy-document.pdf');
    const pdfLink = (await (await nthLinkResponse(responses, 1)).json()) as LinkResponse;
    expect(new URL(pdfLink.url).origin).toBe(downloadOrigin);
    // pdf.js fetches the bytes: connect-src admits the download host, and the host's CORS the widget.
    const page = await waitForPainted(frame, '.pdf-page[data-page="1"] canvas');
    expect(page.colours).toBeGreaterThan(1);
    expect(responses.some((r) => r.url() === pdfLink.url && r.status() === 200)).toBe(true);
  },
  TEST_TIMEOUT,
);
