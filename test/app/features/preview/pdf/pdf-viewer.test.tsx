import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPdfEngine, openPdf, PdfOpenError } from '../../../../../app/features/preview/pdf/pdf-engine.ts';
import { type FakeAnnotation, fakeEngine, fakePdf } from '../../../../support/app/fake-pdf.ts';
import { openPreview } from '../../../../support/app/render-screen.tsx';
import { EMAIL, LINKS, STORAGE } from '../../../../support/app/sample-org.ts';

// jsdom has no DOMMatrix: pdf.js cannot run here (it is rendered for real in Chromium). The engine
// module is replaced, and loading pdf.js itself would fail the test.
vi.mock('../../../../../app/features/preview/pdf/pdf-engine.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../../app/features/preview/pdf/pdf-engine.ts')>()),
  loadPdfEngine: vi.fn(),
  openPdf: vi.fn(),
}));
vi.mock('pdfjs-dist', () => {
  throw new Error('component tests must not load the real pdf.js');
});

beforeEach(() => {
  vi.mocked(loadPdfEngine).mockResolvedValue(fakeEngine());
  // jsdom has no canvas; the viewer skips drawing when there is no 2D context.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

/** Opens claim-form.pdf of the email sample with openPdf answering as given. */
async function openClaimForm(open: () => ReturnType<typeof openPdf>) {
  vi.mocked(openPdf).mockImplementation(open);
  return openPreview('claim-form.pdf', { conversationId: EMAIL });
}

async function openDocument(numPages: number, annotations: FakeAnnotation[] = []) {
  const pdf = fakePdf(numPages, annotations);
  const parts = await openClaimForm(async () => pdf.opened);
  const toolbar = await within(parts.preview).findByRole('toolbar', { name: 'PDF controls' });
  // The pages appear once the document has been fitted to the panel.
  await within(parts.preview).findByRole('group', { name: `Page 1 of ${numPages}` });
  return { ...parts, pdf, toolbar, pageInput: within(toolbar).getByRole('textbox', { name: 'Page number' }) };
}

describe('the PDF viewer', () => {
  it('opens the document from the minted link with pdf.js mocked', async () => {
    const { network, preview } = await openDocument(5);

    const [link] = network.seen('POST', LINKS);
    expect(link?.body).toMatchObject({ disposition: 'inline' });
    expect(openPdf).toHaveBeenCalledWith(
      expect.objectContaining({
        link: expect.objectContaining({ url: expect.stringMatching(`^${STORAGE}/`) }),
        renew: expect.any(Function),
      }),
      expect.objectContaining({ onProgress: expect.any(Function), askPassword: expect.any(Function) }),
    );
    expect(within(preview).getByRole('region', { name: 'PDF claim-form.pdf' })).toBeInTheDocument();
  });

  it('shows page 1 of N with every page as a labelled group', async () => {
    const { toolbar, pageInput, preview } = await openDocument(5);

    expect(pageInput).toHaveValue('1');
    expect(toolbar).toHaveTextContent('/ 5');
    expect(
      within(preview)
        .getAllByRole('group')
        .map((g) => g.getAttribute('aria-label')),
    ).toEqual(['Page 1 of 5', 'Page 2 of 5', 'Page 3 of 5', 'Page 4 of 5', 'Page 5 of 5']);
    expect(within(toolbar).getByRole('button', { name: 'Previous page' })).toBeDisabled();
    expect(within(toolbar).getByRole('button', { name: 'Next page' })).toBeEnabled();
  });

  it('moves to the next and previous page and scrolls the page into view', async () => {
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView');
    const { toolbar, pageInput, user } = await openDocument(3);
    const next = within(toolbar).getByRole('button', { name: 'Next page' });
    const previous = within(toolbar).getByRole('button', { name: 'Previous page' });

    await user.click(next);
    expect(pageInput).toHaveValue('2');
    expect(scrolled.mock.contexts.at(-1)).toHaveAttribute('aria-label', 'Page 2 of 3');
    await user.click(next);
    expect(pageInput).toHaveValue('3');
    expect(next).toBeDisabled();
    await user.click(previous);
    expect(pageInput).toHaveValue('2');
    expect(scrolled.mock.contexts.at(-1)).toHaveAttribute('aria-label', 'Page 2 of 3');
  });

  it('jumps to the page typed in the page box, within the document', async () => {
    const { toolbar, pageInput, user } = await openDocument(5);

    await user.clear(pageInput);
    await user.type(pageInput, '4{Enter}');
    expect(pageInput).toHaveValue('4');
    expect(within(toolbar).getByRole('button', { name: 'Previous page' })).toBeEnabled();

    await user.clear(pageInput);
    await user.type(pageInput, '99{Enter}');
    expect(pageInput).toHaveValue('5');
    expect(within(toolbar).getByRole('button', { name: 'Next page' })).toBeDisabled();
  });

  it('accepts only digits in the page box', async () => {
    const { pageInput, user } = await openDocument(5);

    await user.clear(pageInput);
    await user.type(pageInput, 'a3b');
    expect(pageInput).toHaveValue('3');
  });

  it('steps the zoom percentage with the zoom buttons', async () => {
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(636);
    const { toolbar, user } = await openDocument(2);
    expect(toolbar).toHaveTextContent('100%');

    await user.click(within(toolbar).getByRole('button', { name: 'Zoom in' }));
    expect(toolbar).toHaveTextContent('125%');
    await user.click(within(toolbar).getByRole('button', { name: 'Zoom in' }));
    expect(toolbar).toHaveTextContent('150%');
    await user.click(within(toolbar).getByRole('button', { name: 'Zoom out' }));
    await user.click(within(toolbar).getByRole('button', { name: 'Zoom out' }));
    await user.click(within(toolbar).getByRole('button', { name: 'Zoom out' }));
    expect(toolbar).toHaveTextContent('75%');
  });

  it('fits the page to the width of a narrow panel when it opens, and again on Fit', async () => {
    // A 320 px Genesys panel: the pages area is 344 px wide with its 12 px padding on each side.
    const width = vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(344);
    const { toolbar, user } = await openDocument(2);
    expect(toolbar).toHaveTextContent('52%');

    await user.click(within(toolbar).getByRole('button', { name: 'Zoom in' }));
    expect(toolbar).toHaveTextContent('75%');
    width.mockReturnValue(636);
    // Fit modes sit behind "More PDF controls", so the toolbar stays one line at 320 px.
    await user.click(within(toolbar).getByRole('button', { name: 'More PDF controls' }));
    await user.click(within(toolbar).getByRole('button', { name: 'Fit width' }));
    expect(toolbar).toHaveTextContent('100%');
  });

  it('rotates the pages clockwise by a quarter turn, still fitting the width (issue 16)', async () => {
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(636);
    const { toolbar, preview, pdf, user } = await openDocument(1);
    const page = within(preview).getByRole('group', { name: 'Page 1 of 1' });
    await waitFor(() => expect(page).toHaveStyle({ width: '612px', height: '792px' }));

    await user.click(within(toolbar).getByRole('button', { name: 'More PDF controls' }));
    await user.click(within(toolbar).getByRole('button', { name: 'Rotate clockwise' }));
    // Sideways, the 792 pt long edge is now the width, and fit width scales it to the same 612 px.
    expect(page).toHaveStyle({ width: '612px' });
    expect(pdf.page.getViewport).toHaveBeenLastCalledWith({ scale: 612 / 792, rotation: 90 });
    expect(toolbar).toHaveTextContent('77%');
  });

  it('pages to the first and last page with Home and End, and fits again with 0', async () => {
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(636);
    const { toolbar, pageInput, user } = await openDocument(4);

    within(toolbar).getByRole('button', { name: 'Zoom in' }).focus();
    await user.keyboard('{End}');
    expect(pageInput).toHaveValue('4');
    await user.keyboard('{Home}');
    expect(pageInput).toHaveValue('1');
    await user.keyboard('+');
    expect(toolbar).toHaveTextContent('125%');
    await user.keyboard('0');
    expect(toolbar).toHaveTextContent('100%');
  });

  it('pages and zooms with the keyboard while the viewer has focus', async () => {
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(636);
    const { toolbar, pageInput, user } = await openDocument(3);

    within(toolbar).getByRole('button', { name: 'Zoom in' }).focus();
    await user.keyboard('{PageDown}');
    expect(pageInput).toHaveValue('2');
    await user.keyboard('{ArrowLeft}');
    expect(pageInput).toHaveValue('1');
    await user.keyboard('-');
    expect(toolbar).toHaveTextContent('75%');
  });

  it('opens links in a PDF in a new tab without a referrer, and drops script links', async () => {
    const { preview } = await openDocument(1, [
      { subtype: 'Link', url: 'https://example.com/terms', rect: [10, 10, 110, 30] },
      { subtype: 'Link', url: 'javascript:alert(1)', rect: [10, 40, 110, 60] },
      { subtype: 'Widget', rect: [10, 70, 110, 90] },
    ]);

    const link = await within(preview).findByRole('link', { name: 'https://example.com/terms' });
    expect(link).toHaveAttribute('href', 'https://example.com/terms');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(within(preview).getAllByRole('link')).toHaveLength(1);
  });

  it('closes the document when another attachment is opened', async () => {
    const { pdf, user } = await openDocument(2);

    // The email's logo is an inline image: listed, collapsed, after the real attachments.
    await user.click(screen.getByRole('button', { name: '1 inline image' }));
    await user.click(screen.getByRole('option', { name: /logo\.png/ }));
    await waitFor(() => expect(pdf.destroy).toHaveBeenCalled());
  });
});

describe('the PDF viewer when a document cannot be shown', () => {
  it('says a damaged PDF is damaged and offers Download', async () => {
    const { preview } = await openClaimForm(() => Promise.reject(new PdfOpenError('corrupt')));

    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('File is damaged');
    expect(within(alert).getByRole('button', { name: 'Download' })).toBeInTheDocument();
  });

  it('says a password-protected PDF needs its password and offers Download', async () => {
    const { preview } = await openClaimForm(() => Promise.reject(new PdfOpenError('password-protected')));

    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('Password protected');
    expect(alert).toHaveTextContent('Download the file and open it with its password.');
    expect(within(alert).getByRole('button', { name: 'Download' })).toBeInTheDocument();
  });

  it('treats an unexpected failure while opening as a damaged file', async () => {
    const { preview } = await openClaimForm(() => Promise.reject(new Error('something inside pdf.js')));

    expect(await within(preview).findByRole('alert')).toHaveTextContent('File is damaged');
  });

  it('mints a new link when the PDF link expired before it loaded, and opens it', async () => {
    const pdf = fakePdf(2);
    const { network, preview } = await openClaimForm(() => Promise.reject(new PdfOpenError('expired')));
    vi.mocked(openPdf).mockResolvedValue(pdf.opened);

    expect(await within(preview).findByRole('toolbar', { name: 'PDF controls' })).toBeInTheDocument();
    expect(network.seen('POST', LINKS)).toHaveLength(2);
    const urls = vi.mocked(openPdf).mock.calls.map(([source]) => source.link.url);
    expect(urls).toEqual([expect.stringMatching(/\/1$/), expect.stringMatching(/\/2$/)]);
  });

  it('gives up with an error after three renewals of a PDF link that keeps expiring', async () => {
    const { network, preview } = await openClaimForm(() => Promise.reject(new PdfOpenError('expired')));

    expect(await within(preview).findByRole('alert')).toHaveTextContent('Connection problem');
    expect(network.seen('POST', LINKS)).toHaveLength(4);
    expect(openPdf).toHaveBeenCalledTimes(4);
  });
});
