import { render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPdfEngine } from '../../../../app/features/preview/pdf/pdf-engine.ts';
import { ErrorState } from '../../../../app/shared/errors/error-state.tsx';
import type { LinkResponse } from '../../../../core/proxy-api.ts';
import { type FakeNetwork, json, proxyError } from '../../../support/app/fake-network.ts';
import { EnglishIntl, openPreview } from '../../../support/app/render-screen.tsx';
import { LINKS, linkFor, STORE, WEB_MESSAGING } from '../../../support/app/sample-org.ts';

vi.mock('../../../../app/features/preview/pdf/pdf-engine.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../app/features/preview/pdf/pdf-engine.ts')>()),
  loadPdfEngine: vi.fn(),
  openPdf: vi.fn(),
}));

beforeEach(() => {
  vi.mocked(loadPdfEngine).mockReturnValue(new Promise(() => undefined));
});

/** Opens `fileName` of the store sample, with POST /links answered by `answer` (then a normal link). */
const openWithLink = (
  fileName: string,
  answer: (call: number, link: LinkResponse, network: FakeNetwork) => Response,
) =>
  openPreview(fileName, {
    conversationId: STORE,
    links: (request, call, ref, network) =>
      answer(call, linkFor(ref, call, { disposition: request.disposition ?? 'inline' }), network),
  });

function serveText(network: FakeNetwork, link: string, text: string) {
  network.on(
    'GET',
    link,
    () => new Response(text, { status: 200, headers: { 'content-type': 'text/plain' } }),
  );
}

/** Catches the download the widget starts by clicking a temporary <a download>. */
function catchDownloads() {
  const downloads: { href: string; download: string; rel: string }[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ href: this.href, download: this.download, rel: this.rel });
  });
  return downloads;
}

describe('preview error states and their next steps', () => {
  it('says a scan is in progress and offers Try again, which opens the file once the scan is done', async () => {
    const { network, preview, user } = await openWithLink('notes.txt', (call, link, net) => {
      if (call === 1) return proxyError(403, 'scan_pending', 'This file is still being scanned.');
      serveText(net, link.url, 'Claim notes: all parts ordered.');
      return json(link);
    });

    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('Scan in progress');
    expect(alert).toHaveTextContent('The file is being checked for malware. Try again in a minute.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await within(preview).findByText('Claim notes: all parts ordered.')).toBeInTheDocument();
    expect(network.seen('POST', LINKS)).toHaveLength(2);
  });

  it('says a file was blocked by the malware scan and offers no way to open it', async () => {
    const { preview } = await openWithLink('eicar-test.txt', () =>
      proxyError(403, 'scan_infected', 'This file was blocked by the malware scan.'),
    );

    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('Blocked by the malware scan');
    expect(alert).toHaveTextContent('This file was found to be unsafe and cannot be opened.');
    expect(within(alert).queryByRole('button')).not.toBeInTheDocument();
  });

  it.each([
    ['not_permitted', 403],
    ['wrong_organization', 403],
  ])('says access is denied when the proxy answers %s, with no next step', async (code, status) => {
    const { preview } = await openWithLink('notes.txt', () => proxyError(status, code));

    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('Access denied');
    expect(alert).toHaveTextContent('You cannot open files of this conversation.');
    expect(within(alert).queryByRole('button')).not.toBeInTheDocument();
  });

  it('says an image too large for the panel is too large, and offers its download instead of loading it', async () => {
    const { preview, network } = await openWithLink('invoice.pdf', (_call, link) =>
      json({ ...link, previewKind: 'image', size: 64 * 1024 * 1024 }),
    );
    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('Too large to preview');
    expect(within(alert).getByRole('button', { name: 'Download' })).toBeInTheDocument();
    // Nothing was fetched from storage: the file was never loaded.
    expect(network.requests.filter((r) => !r.url.pathname.startsWith('/api/'))).toEqual([]);
  });

  it('says a file is gone when retention removed it', async () => {
    const { preview } = await openWithLink('notes.txt', () => proxyError(404, 'file_gone'));

    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('File no longer available');
    expect(alert).toHaveTextContent('It may have been removed by the retention policy.');
    expect(within(alert).queryByRole('button')).not.toBeInTheDocument();
  });

  it('says the session expired, reports it, and offers Sign in again', async () => {
    const { preview, user, onSessionExpired } = await openWithLink('notes.txt', () =>
      proxyError(401, 'unauthenticated'),
    );

    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('Session expired');
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    await user.click(within(alert).getByRole('button', { name: 'Sign in again' }));
    expect(onSessionExpired).toHaveBeenCalledTimes(2);
  });

  it('says the connection failed and offers Try again, which mints the link again', async () => {
    const { preview, user } = await openWithLink('notes.txt', (call, link, net) => {
      if (call === 1) throw new TypeError('Failed to fetch');
      serveText(net, link.url, 'Second try worked.');
      return json(link);
    });

    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('Connection problem');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await within(preview).findByText('Second try worked.')).toBeInTheDocument();
  });

  it('says the service is unavailable when storage is down, and offers Try again', async () => {
    const { preview } = await openWithLink('notes.txt', () => proxyError(503, 'storage_unavailable'));

    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('Service unavailable');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('says there is no preview for an unsupported type and downloads the original on request', async () => {
    const downloads = catchDownloads();
    const { network, preview, user } = await openWithLink('saved-page.html', (_, link) =>
      json(link.disposition === 'inline' ? { ...link, previewKind: 'none' } : link),
    );

    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('No preview for this file type');
    await user.click(within(alert).getByRole('button', { name: 'Download' }));

    await waitFor(() => expect(downloads).toHaveLength(1));
    const [inline, attachment] = network.seen('POST', LINKS);
    expect(inline?.body).toMatchObject({ disposition: 'inline' });
    expect(attachment?.body).toMatchObject({ disposition: 'attachment' });
    expect(downloads[0]).toEqual({
      href: expect.stringMatching(/^https:\/\/storage\.test\/.+\/2$/),
      download: 'saved-page.html',
      rel: 'noopener noreferrer',
    });
  });

  it('says there is no preview when the proxy does not serve the file’s location', async () => {
    const { preview } = await openWithLink('notes.txt', () => proxyError(404, 'unsupported_location'));

    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('No preview for this file type');
    expect(within(alert).getByRole('button', { name: 'Download' })).toBeInTheDocument();
  });

  it('shows why a download failed instead of failing silently', async () => {
    catchDownloads();
    const { preview, user } = await openWithLink('notes.txt', (call, link, net) => {
      if (call === 1) {
        serveText(net, link.url, 'Claim notes.');
        return json(link);
      }
      return proxyError(403, 'scan_infected');
    });
    await within(preview).findByText('Claim notes.');

    await user.click(within(preview).getByRole('button', { name: 'Download' }));
    expect(await within(preview).findByRole('alert')).toHaveTextContent('Blocked by the malware scan');
  });

  it('says the file is gone when storage answers 404 to the viewer', async () => {
    const { preview } = await openWithLink('notes.txt', (_, link, net) => {
      net.on('GET', link.url, () => new Response('no such key', { status: 404 }));
      return json(link);
    });

    expect(await within(preview).findByRole('alert')).toHaveTextContent('File no longer available');
  });

  it('warns when the declared type differs from the type of the bytes', async () => {
    const { preview } = await openWithLink('notes.txt', (_, link, net) => {
      serveText(net, link.url, 'plain text');
      return json({ ...link, declaredType: 'image/png', sniffedType: 'text/plain', typeMismatch: true });
    });

    expect(await within(preview).findByRole('note')).toHaveTextContent(
      'Declared as image/png, but the file is text/plain.',
    );
  });

  it('offers Download for a file too large to preview', async () => {
    // No proxy answer or viewer produces this state today; the component still has its next step.
    const onDownload = vi.fn();
    render(<ErrorState kind="too-large" onRetry={vi.fn()} onSignIn={vi.fn()} onDownload={onDownload} />, {
      wrapper: EnglishIntl,
    });

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Too large to preview');
    expect(
      within(alert)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Download']);
  });
});

describe('the preview header', () => {
  it('names the file and shows its size', async () => {
    const { preview } = await openPreview('policy-document.pdf', { conversationId: WEB_MESSAGING });

    expect(within(preview).getByRole('heading', { name: 'policy-document.pdf' })).toBeInTheDocument();
    expect(await within(preview).findByText('18 KB')).toBeInTheDocument();
  });
});
