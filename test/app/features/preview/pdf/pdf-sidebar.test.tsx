import { within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPdfEngine, openPdf } from '../../../../../app/features/preview/pdf/pdf-engine.ts';
import { fakeEngine, fakePdf } from '../../../../support/app/fake-pdf.ts';
import { openPreview } from '../../../../support/app/render-screen.tsx';
import { EMAIL } from '../../../../support/app/sample-org.ts';

// jsdom has no DOMMatrix: pdf.js is replaced here (see pdf-viewer.test.tsx); the real outline and
// thumbnails are exercised in Chromium (test/browser/pdf-viewer-features.test.ts).
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

const outline = [
  { title: 'Contents', dest: [0, { name: 'XYZ' }], items: [] },
  {
    title: 'Chapter 1',
    dest: [1, { name: 'XYZ' }],
    items: [
      { title: 'Section 1.1', dest: [1, { name: 'XYZ' }], items: [] },
      { title: 'Section 1.2', dest: [3, { name: 'XYZ' }], items: [] },
    ],
  },
];

async function openWithSidebar() {
  const pdf = fakePdf(5);
  Object.assign(pdf.doc, { getOutline: vi.fn(async () => outline) });
  vi.mocked(openPdf).mockResolvedValue(pdf.opened);
  const parts = await openPreview('claim-form.pdf', { conversationId: EMAIL });
  const toolbar = await within(parts.preview).findByRole('toolbar', { name: 'PDF controls' });
  await parts.user.click(within(toolbar).getByRole('button', { name: 'Pages and outline' }));
  const sidebar = within(parts.preview).getByRole('navigation', { name: 'Pages and outline' });
  return { ...parts, sidebar, pageInput: within(toolbar).getByRole('textbox', { name: 'Page number' }) };
}

describe('the PDF sidebar', () => {
  it('lists a thumbnail per page, marks the current one, and goes to the one clicked', async () => {
    const { sidebar, user, pageInput } = await openWithSidebar();
    const thumbs = within(sidebar).getAllByRole('button', { name: /^Go to page/ });
    expect(thumbs).toHaveLength(5);
    expect(thumbs[0]).toHaveAttribute('aria-current', 'page');

    await user.click(thumbs[3] as HTMLElement);
    expect(pageInput).toHaveValue('4');
    expect(within(sidebar).getByRole('button', { name: 'Go to page 4' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('shows the outline as a tree that the keyboard opens and follows', async () => {
    const { sidebar, user, pageInput } = await openWithSidebar();
    await user.click(await within(sidebar).findByRole('button', { name: 'Outline' }));
    const tree = within(sidebar).getByRole('tree', { name: 'Outline' });
    const items = within(tree).getAllByRole('treeitem');
    expect(items.map((i) => i.getAttribute('aria-level'))).toEqual(['1', '1']);
    expect(items[1]).toHaveAttribute('aria-expanded', 'false');

    (items[0] as HTMLElement).focus();
    await user.keyboard('{ArrowDown}{ArrowRight}');
    expect(within(tree).getByRole('treeitem', { name: /Chapter 1/ })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await user.keyboard('{ArrowRight}{ArrowDown}');
    const section = within(tree).getByRole('treeitem', { name: 'Section 1.2' });
    expect(section).toHaveAttribute('aria-level', '2');
    await vi.waitFor(() => expect(section).toHaveFocus());
    await user.keyboard('{Enter}');
    await vi.waitFor(() => expect(pageInput).toHaveValue('4'));
  });
});
