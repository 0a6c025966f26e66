// Renditions kept in S3 (RENDITION_STORAGE=s3): the widget gets a presigned link to the rendition in
// its own bucket on Swift and shows it as it shows one the proxy serves itself (renditions.test.ts).
// Reuse of a rendition kept there is test/proxy/renditions/s3-renditions.test.ts's.
import { beforeAll, expect, it } from 'vitest';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { createBucket } from '../../scripts/local-stack/swift.ts';
import { openAttachment, waitForPainted, withWidgetDesktop } from '../support/browser.ts';
import { renditionsDirForFile } from '../support/renditions-dir.ts';

const TEST_TIMEOUT = 90_000;
const BUCKET = 'av-renditions-browser';
const renditionsDir = await renditionsDirForFile('renditions-s3-browser-');

const desktop = withWidgetDesktop({
  swift: true,
  proxyOverrides: {
    RENDITIONS_DIR: renditionsDir,
    RENDITION_STORAGE: 's3',
    RENDITION_S3_BUCKET: BUCKET,
    CONVERTER_TIMEOUT_SECONDS: '20',
  },
});

// The bucket is the admin's to create (docs/operations.md); Swift is up once the desktop's beforeAll ran.
beforeAll(async () => {
  const swift = desktop.ws.stack.swift;
  if (!swift) throw new Error('the stack has no Swift');
  await createBucket(swift, BUCKET);
});

it(
  'opens a Word document through its PDF rendition presigned from the renditions bucket',
  async () => {
    const swiftOrigin = new URL(desktop.ws.stack.swift?.endpoint ?? '').origin;
    const fromBucket = (url: string) => url.startsWith(`${swiftOrigin}/${BUCKET}/renditions/`);

    const first = await desktop.openConversation(conversationIds.webMessagingDocuments);
    await openAttachment(first.frame, 'Garage report CLM-1007.docx');
    const page = await waitForPainted(first.frame, '.pdf-page[data-page="1"] canvas');
    expect(page.colours).toBeGreaterThan(20);
    await first.frame.getByRole('note').filter({ hasText: 'Converted from a Word document.' }).waitFor();
    const fetched = first.responses.filter((r) => fromBucket(r.url()));
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((r) => r.status() === 200 || r.status() === 206)).toBe(true);
    expect(new URL(fetched[0]?.url() ?? 'http://x/').searchParams.get('X-Amz-Signature')).toBeTruthy();
    const minted = first.responses.find((r) => r.url().endsWith('/api/v1/links'));
    expect(await minted?.json()).toMatchObject({ renditionOf: { source: 'word' } });
  },
  TEST_TIMEOUT,
);
