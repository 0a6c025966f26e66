import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPdfEngine, openPdf, PdfOpenError } from '../../../../../app/features/preview/pdf/pdf-engine.ts';
import { fakeEngine, fakePdf } from '../../../../support/app/fake-pdf.ts';
import { openPreview } from '../../../../support/app/render-screen.tsx';
import { EMAIL } from '../../../../support/app/sample-org.ts';

// jsdom has no DOMMatrix: pdf.js is replaced here and runs for real in Chromium
// (test/browser/pdf-viewer-features.test.ts opens the protected sample with its password).
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

const PASSWORD = 'open sesame';

/** openPdf as pdf.js behaves for a protected file: asks, asks again on a wrong answer. */
function protectedPdf(numPages: number) {
  const pdf = fakePdf(numPages);
  const given: string[] = [];
  vi.mocked(openPdf).mockImplementation(async (_source, { askPassword: ask }) => {
    // pdf.js's reasons: 1 a password is needed, 2 the last one was wrong.
    const question = (reason: number) =>
      new Promise<string | undefined>((resolve) => ask?.(resolve, reason, () => resolve(undefined)));
    let answer = await question(1);
    for (;;) {
      if (answer === undefined) throw new PdfOpenError('password-protected');
      given.push(answer);
      if (answer === PASSWORD) return pdf.opened;
      answer = await question(2);
    }
  });
  return { pdf, given };
}

describe('a password-protected PDF', () => {
  it('asks for the password in the viewer, refuses a wrong one, and opens with the right one', async () => {
    const { given } = protectedPdf(2);
    const { preview, user, network } = await openPreview('claim-form.pdf', { conversationId: EMAIL });

    const field = await within(preview).findByLabelText('Password');
    await waitFor(() => expect(field).toHaveFocus());
    expect(field).toHaveAttribute('type', 'password');
    await user.type(field, 'wrong guess');
    await user.click(within(preview).getByRole('button', { name: 'Open' }));

    expect(await within(preview).findByRole('alert')).toHaveTextContent(
      'That password is not right. Try again.',
    );
    await waitFor(() => expect(within(preview).getByLabelText('Password')).toHaveValue(''));
    await user.type(within(preview).getByLabelText('Password'), `${PASSWORD}{Enter}`);

    await within(preview).findByRole('group', { name: 'Page 1 of 2' });
    expect(given).toEqual(['wrong guess', PASSWORD]);
    // The password went to pdf.js only: no request carried it.
    const sent = JSON.stringify(network.requests.map((r) => [r.url.href, r.body, [...r.headers]]));
    expect(sent).not.toContain('sesame');
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
  });

  it('says the file is protected and offers the download when the agent cancels', async () => {
    protectedPdf(1);
    const { preview, user } = await openPreview('claim-form.pdf', { conversationId: EMAIL });

    await user.click(await within(preview).findByRole('button', { name: 'Cancel' }));

    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('Password protected');
    expect(within(alert).getByRole('button', { name: 'Download' })).toBeInTheDocument();
  });
});
