import { within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPdfEngine, openPdf } from '../../../../../app/features/preview/pdf/pdf-engine.ts';
import { loadWidgetConfig } from '../../../../../app/shared/api/widget-config.ts';
import { fakeEngine, fakePdf } from '../../../../support/app/fake-pdf.ts';
import { openPreview } from '../../../../support/app/render-screen.tsx';
import { EMAIL } from '../../../../support/app/sample-org.ts';

// jsdom has no DOMMatrix: pdf.js is replaced here (see pdf-viewer.test.tsx).
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
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  vi.mocked(openPdf).mockResolvedValue(fakePdf(2).opened);
});

async function moreMenu(viewerSettings?: { pdfPrint: boolean }) {
  const { preview, user } = await openPreview('claim-form.pdf', { conversationId: EMAIL, viewerSettings });
  const toolbar = await within(preview).findByRole('toolbar', { name: 'PDF controls' });
  await user.click(within(toolbar).getByRole('button', { name: 'More PDF controls' }));
  return within(toolbar).getByRole('group', { name: 'More PDF controls' });
}

describe('printing a PDF', () => {
  it('is not offered by default', async () => {
    const menu = await moreMenu();
    expect(within(menu).getByRole('button', { name: 'Rotate clockwise' })).toBeInTheDocument();
    expect(within(menu).queryByRole('button', { name: 'Print' })).not.toBeInTheDocument();
  });

  it('is offered when the admin turned it on', async () => {
    const menu = await moreMenu({ pdfPrint: true });
    expect(within(menu).getByRole('button', { name: 'Print' })).toBeInTheDocument();
  });

  it('is on only when the proxy’s page says so', async () => {
    const page = (config: object) => {
      const doc = document.implementation.createHTMLDocument();
      const meta = doc.createElement('meta');
      meta.name = 'widget-config';
      meta.content = JSON.stringify(config);
      doc.head.append(meta);
      return doc;
    };
    const fetchNothing = vi.fn<typeof fetch>();
    expect((await loadWidgetConfig(fetchNothing, page({ oauthClientId: 'c' }))).pdfPrint).toBe(false);
    expect(
      (await loadWidgetConfig(fetchNothing, page({ oauthClientId: 'c', pdfPrint: 'yes' }))).pdfPrint,
    ).toBe(false);
    expect(
      (await loadWidgetConfig(fetchNothing, page({ oauthClientId: 'c', pdfPrint: true }))).pdfPrint,
    ).toBe(true);
  });
});
