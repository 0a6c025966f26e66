// An email's inline images (logo, signature, banner) are listed apart from its real attachments,
// collapsed, so the agent sees the invoice first; an attachment the email gives no link for is
// listed and marked not retrievable.
import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPdfEngine } from '../../../../../app/features/preview/pdf/pdf-engine.ts';
import { installFakeNetwork } from '../../../../support/app/fake-network.ts';
import { renderScreen } from '../../../../support/app/render-screen.tsx';
import { available, EMAIL_LONG_THREAD, sampleProxy } from '../../../../support/app/sample-org.ts';

vi.mock('../../../../../app/features/preview/pdf/pdf-engine.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../../app/features/preview/pdf/pdf-engine.ts')>()),
  loadPdfEngine: vi.fn(),
  openPdf: vi.fn(),
}));

beforeEach(() => {
  // Hovering a PDF row warms the PDF viewer; opening one is the PDF viewer's test.
  vi.mocked(loadPdfEngine).mockReturnValue(new Promise(() => undefined));
});

const names = (list: HTMLElement) =>
  within(list)
    .getAllByRole('option')
    .map((o) => o.querySelector('.attachment-name')?.textContent);

describe('inline images', () => {
  it('lists the real attachments first and collapses the inline images behind "3 inline images"', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, {
      conversationId: EMAIL_LONG_THREAD,
      statuses: (refs) =>
        refs.map((r) =>
          r.location.kind === 'unretrievable'
            ? { attachment: r, availability: 'unsupported' as const, reason: 'not_retrievable' }
            : available(r),
        ),
    });
    const { user } = renderScreen(EMAIL_LONG_THREAD);

    const files = await screen.findByRole('listbox', { name: 'Attachments' });
    expect(names(files)).toEqual(['old-invoice.pdf', 'terms.pdf', 'receipt.jpg']);
    expect(screen.getByText('3 attachments, and 3 inline images')).toHaveAttribute('aria-live', 'polite');

    const toggle = screen.getByRole('button', { name: '3 inline images' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('listbox', { name: 'Inline images' })).not.toBeInTheDocument();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(names(screen.getByRole('listbox', { name: 'Inline images' }))).toEqual([
      'logo.png',
      'signature.png',
      'banner.png',
    ]);
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  it('marks an attachment without contentUri "Not retrievable" and says why when it is opened', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, {
      conversationId: EMAIL_LONG_THREAD,
      statuses: (refs) =>
        refs.map((r) =>
          r.location.kind === 'unretrievable'
            ? { attachment: r, availability: 'unsupported' as const, reason: 'not_retrievable' }
            : available(r),
        ),
    });
    const { user } = renderScreen(EMAIL_LONG_THREAD);

    const terms = await screen.findByRole('option', { name: /terms\.pdf/ });
    expect(terms.querySelector('.status-badge')?.textContent).toBe('Not retrievable');
    await user.click(terms);
    const preview = await screen.findByRole('region', { name: 'Preview of terms.pdf' });
    expect(within(preview).getByRole('note')).toHaveTextContent(/gives no way to fetch it/);
    // Nothing to link: the proxy is never asked.
    expect(network.seen('POST', 'https://proxy.test/api/v1/links')).toHaveLength(0);
  });
});
