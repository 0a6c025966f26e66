// Files a browser cannot show, opened in Chromium through renditions the proxy makes with the real
// converters: a Word document in the PDF viewer with its "converted from" note, an iPhone HEIC as an
// upright photo, a forwarded email whose HTML can neither run nor load anything, an archive's
// entries with their warnings, and a zip bomb answered with "could not be converted".
// DOWNLOADS=false: no Download button anywhere, and the refusal says why.
import { expect, it } from 'vitest';
import { conversationIds } from '../../scripts/local-stack/stack.ts';
import { openAttachment, waitForPainted, withWidgetDesktop } from '../support/browser.ts';
import { renditionsDirForFile } from '../support/renditions-dir.ts';

const TEST_TIMEOUT = 90_000;
// In-page code runs in Chromium; the Node tsconfig has no DOM library.
declare const document: { readonly activeElement: unknown };
const renditionsDir = await renditionsDirForFile('renditions-browser-');

const desktop = withWidgetDesktop({
  proxyOverrides: { RENDITIONS_DIR: renditionsDir, CONVERTER_TIMEOUT_SECONDS: '15', DOWNLOADS: 'false' },
});

it(
  'opens a Word document as a PDF, an iPhone photo upright, an email and an archive safely, and says when a file cannot be converted',
  async () => {
    const { frame } = await desktop.openConversation(conversationIds.webMessagingDocuments);

    await openAttachment(frame, 'Garage report CLM-1007.docx');
    const page = await waitForPainted(frame, '.pdf-page[data-page="1"] canvas');
    expect(page.colours).toBeGreaterThan(1);
    await frame.getByRole('note').filter({ hasText: 'Converted from a Word document.' }).waitFor();
    expect(await frame.getByRole('button', { name: 'Download' }).count()).toBe(0);

    await openAttachment(frame, 'IMG_2041.HEIC');
    const photo = await waitForPainted(frame, '.image-stage img');
    // Portrait, as the phone showed it: turned once, not twice.
    expect(photo).toMatchObject({ width: 3024, height: 4032 });
    await frame.getByRole('note').filter({ hasText: 'Converted from a HEIC photo.' }).waitFor();

    await openAttachment(frame, 'fax-20260313-0902.tif');
    await waitForPainted(frame, '.pdf-page[data-page="2"] canvas');

    await openAttachment(frame, 'Fwd: Repair estimate for CLM-1007.eml');
    await frame
      .getByRole('region', { name: 'Email details' })
      .getByText('Tomasz Kowalczyk <tomasz.k@example.net>')
      .waitFor();
    await frame.getByText('3 remote images or styles were blocked', { exact: false }).waitFor();
    // The HTML body, inert in its sandboxed frame: its table is there, its script never ran.
    const body = frame.frameLocator('iframe.email-body');
    await body.getByRole('cell', { name: 'Front bumper' }).waitFor();
    expect(await frame.locator('iframe.email-body').getAttribute('sandbox')).toBe('');
    expect(await body.locator('script, form, iframe').count()).toBe(0);

    await openAttachment(frame, 'photos-2.zip');
    const table = frame.getByRole('region', { name: 'Contents of photos-2.zip' });
    await table.getByRole('row', { name: /etc\/cron\.d\/update.*Unsafe name/ }).waitFor();
    await table.getByRole('row', { name: /invoice\.pdf\.exe.*Program/ }).waitFor();

    await openAttachment(frame, 'quote.docx');
    const refusal = frame.getByRole('alert').filter({ hasText: 'Could not be converted for preview' });
    await refusal.waitFor({ timeout: 40_000 });
    await refusal.getByText('Your organization does not allow downloads').waitFor();
  },
  TEST_TIMEOUT,
);

it(
  'opens a file inside an email and an entry inside a zip in the preview, by keyboard, and goes back',
  async () => {
    const { frame } = await desktop.openConversation(conversationIds.webMessagingDocuments);

    const emailName = 'Fwd: Repair estimate for CLM-1007.eml';
    await openAttachment(frame, emailName);
    const files = frame.getByRole('region', { name: /files? in this email/ });
    const pdfButton = files.getByRole('button', { name: 'claim-form.pdf' });
    await pdfButton.focus();
    await pdfButton.press('Enter');
    await frame.getByRole('region', { name: 'Preview of claim-form.pdf' }).waitFor();
    const page = await waitForPainted(frame, '.pdf-page[data-page="1"] canvas');
    expect(page.colours).toBeGreaterThan(1);
    const context = frame.getByRole('navigation', {
      name: new RegExp(`Inside .${escapeRegExp(emailName)}.`),
    });
    const back = context.getByRole('button', { name: /^Back to / });
    // Focus lands on the way back, so a keyboard user can return at once.
    expect(await back.evaluate((node) => node === document.activeElement)).toBe(true);
    await back.press('Enter');
    await frame.getByRole('region', { name: 'Email details' }).waitFor();
    await files.getByRole('button', { name: 'logo.png' }).waitFor();

    await openAttachment(frame, 'claim-photos.zip');
    const table = frame.getByRole('region', { name: 'Contents of claim-photos.zip' });
    await table.getByRole('button', { name: 'photos/front.jpg' }).click();
    await frame.getByRole('region', { name: 'Preview of photos/front.jpg' }).waitFor();
    const photo = await waitForPainted(frame, '.image-stage img');
    expect(photo.colours).toBeGreaterThan(1);
    await frame.getByRole('button', { name: /^Back to / }).click();
    await table.waitFor();

    // Flagged entries are no buttons, and say why.
    await openAttachment(frame, 'photos-2.zip');
    const hostile = frame.getByRole('region', { name: 'Contents of photos-2.zip' });
    const program = hostile.getByRole('row', { name: /invoice\.pdf\.exe/ });
    await program.getByText('Programs do not open.').waitFor();
    expect(await program.getByRole('button').count()).toBe(0);
    const climbing = hostile.getByRole('row', { name: /etc\/cron\.d\/update/ });
    await climbing.getByText('Names that leave their folder do not open.').waitFor();
    // A bomb entry: asked for, refused with a clear state and the way back.
    await hostile.getByRole('button', { name: 'scans/page-2.pdf' }).click();
    await frame.getByRole('alert').filter({ hasText: 'This file inside does not open' }).waitFor();
    await frame.getByRole('button', { name: /^Back to / }).click();
    await hostile.waitFor();
  },
  TEST_TIMEOUT,
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
