import { within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPdfEngine, openPdf } from '../../../../../app/features/preview/pdf/pdf-engine.ts';
import { type FakeAnnotation, fakeEngine, fakePdf } from '../../../../support/app/fake-pdf.ts';
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
});

const PAGE_3 = { num: 30, gen: 0 };

async function openWithLinks(annotations: (FakeAnnotation & { dest?: unknown })[]) {
  const pdf = fakePdf(3, annotations as FakeAnnotation[]);
  Object.assign(pdf.doc, {
    getPageIndex: vi.fn(async (ref: unknown) => (ref === PAGE_3 ? 2 : Promise.reject(new Error('no page')))),
    getDestination: vi.fn(async (name: string) => (name === 'chapter-3' ? [PAGE_3, { name: 'XYZ' }] : null)),
  });
  vi.mocked(openPdf).mockResolvedValue(pdf.opened);
  const parts = await openPreview('claim-form.pdf', { conversationId: EMAIL });
  const toolbar = await within(parts.preview).findByRole('toolbar', { name: 'PDF controls' });
  return { ...parts, pageInput: within(toolbar).getByRole('textbox', { name: 'Page number' }) };
}

describe('links inside a PDF', () => {
  it('shows an external address and opens it only when the agent agrees, without opener or referrer', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const { preview, user } = await openWithLinks([
      { subtype: 'Link', url: 'https://example.com/terms', rect: [10, 10, 110, 30] },
    ]);
    const [link] = await within(preview).findAllByRole('link', { name: 'https://example.com/terms' });

    await user.click(link as HTMLElement);
    const ask = within(preview).getByRole('alertdialog', { name: 'Open a link from this PDF?' });
    expect(ask).toHaveTextContent('https://example.com/terms');
    expect(within(ask).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(open).not.toHaveBeenCalled();

    await user.keyboard('{Escape}');
    expect(within(preview).queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(open).not.toHaveBeenCalled();

    await user.click(link as HTMLElement);
    await user.click(within(preview).getByRole('button', { name: 'Open in a new tab' }));
    expect(open).toHaveBeenCalledWith('https://example.com/terms', '_blank', 'noopener,noreferrer');
    expect(within(preview).queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('follows a link to another page of the document, by name or by page reference', async () => {
    const { preview, user, pageInput } = await openWithLinks([
      { subtype: 'Link', dest: 'chapter-3', rect: [10, 10, 110, 30] },
      { subtype: 'Link', dest: [PAGE_3, { name: 'Fit' }], rect: [10, 40, 110, 60] },
      { subtype: 'Link', dest: 'nowhere', rect: [10, 70, 110, 90] },
    ]);
    const jumps = await within(preview).findAllByRole('button', { name: 'Go to page 3' });
    // Page 1 (the one drawn in jsdom) has the two resolvable links; the broken one is left out.
    expect(jumps).toHaveLength(2);

    await user.click(jumps[0] as HTMLElement);
    expect(pageInput).toHaveValue('3');
  });
});
