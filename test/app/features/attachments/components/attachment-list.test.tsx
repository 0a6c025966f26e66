import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPdfEngine } from '../../../../../app/features/preview/pdf/pdf-engine.ts';
import type { AttachmentRef } from '../../../../../core/attachment-ref.ts';
import { deferred, installFakeNetwork, json, proxyError } from '../../../../support/app/fake-network.ts';
import { renderScreen } from '../../../../support/app/render-screen.tsx';
import {
  available,
  CONFIG,
  conversationReadHeldBack,
  ENDED,
  LINKS,
  linkFor,
  NO_FILES,
  platformError,
  rules,
  STORE,
  samplePlatform,
  sampleProxy,
  statusUrl,
  WEB_MESSAGING,
} from '../../../../support/app/sample-org.ts';

vi.mock('../../../../../app/features/preview/pdf/pdf-engine.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../../app/features/preview/pdf/pdf-engine.ts')>()),
  loadPdfEngine: vi.fn(),
  openPdf: vi.fn(),
}));

beforeEach(() => {
  // Opening a PDF is the PDF viewer's test; here a PDF preview just stays loading.
  vi.mocked(loadPdfEngine).mockReturnValue(new Promise(() => undefined));
});

const WEB_MESSAGING_FILES = [
  'policy-document.pdf',
  'damage-photo.jpg',
  'damage-photo-sideways.jpg',
  'voice-note.wav',
  'walkaround.webm',
  'dana-story-1001.jpg',
  'repair-guide.png',
];

function optionNames(): string[] {
  return screen.getAllByRole('option').map((o) => o.querySelector('.attachment-name')?.textContent ?? '');
}

/** What the proxy reports for the web-messaging sample: one file in each state. */
function mixedStatuses(refs: AttachmentRef[]) {
  const byName = (name: string) => refs.find((r) => r.fileName === name) as AttachmentRef;
  return [
    available(byName('policy-document.pdf')),
    { attachment: byName('damage-photo.jpg'), availability: 'error' as const, reason: 'scan_pending' },
    {
      attachment: byName('damage-photo-sideways.jpg'),
      availability: 'error' as const,
      reason: 'scan_infected',
    },
    { attachment: byName('voice-note.wav'), availability: 'gone' as const, reason: 'file_gone' },
    available(byName('walkaround.webm'), { scan: 'unscanned' }),
    { attachment: byName('dana-story-1001.jpg'), availability: 'external' as const },
    available(byName('repair-guide.png')),
  ];
}

describe('the attachment list', () => {
  it('says it is looking for attachments while the conversation loads', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    const config = deferred();
    network.on('GET', CONFIG, config.handler);
    renderScreen(WEB_MESSAGING);

    expect(screen.getByRole('status')).toHaveTextContent('Looking for attachments…');
    config.release(json({ detectionRules: rules, linkTtlSeconds: 300 }));
    expect(await screen.findAllByRole('option')).toHaveLength(7);
  });

  it("reads the conversation from Genesys while the proxy's rules are still on their way", async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    const config = deferred();
    network.on('GET', CONFIG, config.handler);
    // Held too: its answer alone would list the files (next test).
    const status = deferred();
    network.on('GET', statusUrl(WEB_MESSAGING), status.handler);
    const platform = samplePlatform();
    const getConversation = vi.spyOn(platform, 'getConversation');
    renderScreen(WEB_MESSAGING, platform);

    await waitFor(() => expect(getConversation).toHaveBeenCalledWith(WEB_MESSAGING));
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    config.release(json({ detectionRules: rules, linkTtlSeconds: 300 }));
    expect(await screen.findAllByRole('option')).toHaveLength(7);
    status.release(proxyError(503, 'unavailable'));
  });

  it("lists the files from the proxy's answer while the browser's own read is still under way", async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING, statuses: mixedStatuses });
    const { platform, release } = conversationReadHeldBack();
    const getMessagesBulk = vi.spyOn(platform, 'getMessagesBulk');
    renderScreen(WEB_MESSAGING, platform);

    // The proxy found the files in the same conversation with the agent's token: its answer draws the
    // list, badges included, before the browser's read is in.
    expect(await screen.findAllByRole('option')).toHaveLength(7);
    expect(optionNames()).toEqual(WEB_MESSAGING_FILES);
    expect(getMessagesBulk).not.toHaveBeenCalled();
    expect(screen.getByRole('option', { name: /damage-photo-sideways\.jpg/ })).toHaveTextContent('Blocked');
    release();
    // The browser's read takes over with the same files, and the proxy is not asked again.
    await waitFor(() => expect(getMessagesBulk).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(optionNames()).toEqual(WEB_MESSAGING_FILES);
    expect(network.seen('GET', statusUrl(WEB_MESSAGING))).toHaveLength(1);
  });

  it('asks the proxy again, once, for a file its answer did not have yet', async () => {
    const network = installFakeNetwork();
    // The proxy answered before the newest file arrived: it lists six of the seven.
    let answers = 0;
    await sampleProxy(network, {
      conversationId: WEB_MESSAGING,
      statuses: (refs) => {
        answers++;
        return answers === 1 ? refs.slice(0, 6).map((r) => available(r)) : refs.map((r) => available(r));
      },
    });
    const { platform, release } = conversationReadHeldBack();
    renderScreen(WEB_MESSAGING, platform);
    // Until the browser's read is in, the list is the proxy's answer.
    expect(await screen.findAllByRole('option')).toHaveLength(6);
    release();

    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(7));
    await waitFor(() => expect(network.seen('GET', statusUrl(WEB_MESSAGING))).toHaveLength(2));
    // The seventh row is not called unreadable while the second answer is on its way, nor after it.
    expect(screen.queryByText('Not checked yet')).not.toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(network.seen('GET', statusUrl(WEB_MESSAGING))).toHaveLength(2);
  });

  it('says there are no attachments yet', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: NO_FILES });
    renderScreen(NO_FILES);

    expect(
      await screen.findByText(
        'No attachments in this conversation yet. New files appear here as they arrive.',
      ),
    ).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });

  it('lists every attachment oldest first, even when the API returns the newest message first', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    renderScreen(WEB_MESSAGING);

    expect(await screen.findByRole('listbox', { name: 'Attachments' })).toBeInTheDocument();
    expect(optionNames()).toEqual(WEB_MESSAGING_FILES);
  });

  it('shows the size, the sender and the time of each attachment', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    renderScreen(WEB_MESSAGING);

    const pdf = await screen.findByRole('option', { name: /policy-document\.pdf/ });
    expect(pdf).toHaveTextContent('18 KB · Customer · 12/03/2026');
    expect(screen.getByRole('option', { name: /repair-guide\.png/ })).toHaveTextContent('58 KB · Agent');
  });

  it('names the bot as the sender of files it posted', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: STORE });
    renderScreen(STORE);

    expect(await screen.findByRole('option', { name: /notes\.txt/ })).toHaveTextContent('Bot');
  });

  it('shows the scan and availability of each file as a badge', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING, statuses: mixedStatuses });
    renderScreen(WEB_MESSAGING);

    const badge = async (name: string) =>
      (await screen.findByRole('option', { name: new RegExp(name.replace('.', '\\.')) })).querySelector(
        '.status-badge',
      )?.textContent;
    await waitFor(async () => expect(await badge('policy-document.pdf')).toBe('Clean'));
    expect(await badge('damage-photo.jpg')).toBe('Scanning');
    expect(await badge('damage-photo-sideways.jpg')).toBe('Blocked');
    expect(await badge('voice-note.wav')).toBe('Gone');
    expect(await badge('walkaround.webm')).toBe('Not scanned');
    expect(await badge('dana-story-1001.jpg')).toBe('External link');
    expect(await badge('repair-guide.png')).toBe('Clean');
  });

  it('gives each row an accessible name with the file’s name, what it is, size, sender and scan status', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING, statuses: mixedStatuses });
    renderScreen(WEB_MESSAGING);

    await waitFor(() =>
      expect(
        screen.getByRole('option', { name: /^policy-document\.pdf PDF 18 KB · Customer · .+ Clean$/ }),
      ).toBeVisible(),
    );
    // The icon's tag (AUD, IMG) is hidden from screen readers; the kind is said in words instead.
    expect(screen.getByRole('option', { name: /^voice-note\.wav Audio .+ Gone$/ })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: /^damage-photo\.jpg Image .+ Scanning$/ })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /AUD|IMG/ })).not.toBeInTheDocument();
  });

  it('announces how many attachments it found in a polite live region', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    renderScreen(WEB_MESSAGING);

    expect(await screen.findByText('7 attachments')).toHaveAttribute('aria-live', 'polite');
  });

  it('reads an ended interaction from its recordings and announces a single attachment', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: ENDED });
    renderScreen(ENDED);

    expect(await screen.findByText('1 attachment')).toHaveAttribute('role', 'status');
    expect(screen.getByRole('option', { name: /receipt\.jpg/ })).toBeInTheDocument();
  });

  it('moves focus between options with the arrow keys, Home and End', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    const { user } = renderScreen(WEB_MESSAGING);
    await screen.findAllByRole('option');
    const option = (name: string) =>
      screen.getByRole('option', { name: new RegExp(`^${name.replace('.', '\\.')}`) });

    await user.tab();
    expect(option('policy-document.pdf')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(option('damage-photo.jpg')).toHaveFocus();
    await user.keyboard('{End}');
    expect(option('repair-guide.png')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(option('repair-guide.png')).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(option('dana-story-1001.jpg')).toHaveFocus();
    await user.keyboard('{Home}');
    expect(option('policy-document.pdf')).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(option('policy-document.pdf')).toHaveFocus();
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });

  it('selects the focused option with Enter and opens its preview', async () => {
    const network = installFakeNetwork();
    const refs = await sampleProxy(network, { conversationId: WEB_MESSAGING });
    // The preview fetches the photo through its link once minted (sooner or later than the test's end).
    const photo = refs.find((r) => r.fileName === 'damage-photo.jpg') as AttachmentRef;
    network.on('GET', linkFor(photo, 1).url, () => new Response(new Uint8Array(0), { status: 200 }));
    const { user } = renderScreen(WEB_MESSAGING);
    await screen.findAllByRole('option');

    await user.tab();
    await user.keyboard('{ArrowDown}{Enter}');

    expect(screen.getByRole('option', { name: /^damage-photo\.jpg/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('option', { name: /^policy-document\.pdf/ })).toHaveAttribute(
      'aria-selected',
      'false',
    );
    expect(screen.getByRole('region', { name: 'Preview of damage-photo.jpg' })).toBeInTheDocument();
    await waitFor(() => expect(network.seen('POST', LINKS)).toHaveLength(1));
    expect(network.seen('POST', LINKS)[0]?.body).toMatchObject({ disposition: 'inline' });
  });

  it('opens the preview of an option that is clicked, and keeps it reachable by Tab', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    const { user } = renderScreen(WEB_MESSAGING);

    await user.click(await screen.findByRole('option', { name: /^walkaround\.webm/ }));
    expect(screen.getByRole('region', { name: 'Preview of walkaround.webm' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: /^walkaround\.webm/ })).toHaveAttribute('tabindex', '0');
    expect(screen.getByRole('option', { name: /^policy-document\.pdf/ })).toHaveAttribute('tabindex', '-1');
  });

  it('starts loading the PDF engine when the pointer rests on a PDF row, and not for other rows', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    const { user } = renderScreen(WEB_MESSAGING);
    await screen.findAllByRole('option');

    await user.hover(screen.getByRole('option', { name: /^damage-photo\.jpg/ }));
    expect(loadPdfEngine).not.toHaveBeenCalled();
    await user.hover(screen.getByRole('option', { name: /^policy-document\.pdf/ }));
    expect(loadPdfEngine).toHaveBeenCalledOnce();
  });

  it('starts loading the PDF engine when a PDF row gets keyboard focus', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    const { user } = renderScreen(WEB_MESSAGING);
    await screen.findAllByRole('option');

    await user.tab();
    expect(screen.getByRole('option', { name: /^policy-document\.pdf/ })).toHaveFocus();
    expect(loadPdfEngine).toHaveBeenCalledOnce();
  });

  it('shows an external reference as text and never fetches it or mints a link for it', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    const { user } = renderScreen(WEB_MESSAGING);

    await user.click(await screen.findByRole('option', { name: /^dana-story-1001\.jpg/ }));

    const preview = screen.getByRole('region', { name: 'Preview of dana-story-1001.jpg' });
    const note = within(preview).getByRole('note');
    expect(note).toHaveTextContent('never opened by the viewer');
    expect(within(note).getByText('https://cdn.example.net/stories/dana-story-1001.jpg').tagName).toBe(
      'CODE',
    );
    expect(within(preview).queryByRole('link')).not.toBeInTheDocument();
    expect(within(preview).queryByRole('img')).not.toBeInTheDocument();
    expect(network.seen('POST', LINKS)).toHaveLength(0);
    expect(network.requests.some((r) => r.url.host === 'cdn.example.net')).toBe(false);
  });

  it('tells the desktop it is ready and clears the attention badge while visible', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    const { host } = renderScreen(WEB_MESSAGING);

    await screen.findAllByRole('option');
    expect(host.bootstrapped).toHaveBeenCalled();
    expect(host.setAttentionCount).toHaveBeenLastCalledWith(0);
  });

  it('keeps the list when the batch status fails, and tells the desktop', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    network.on('GET', statusUrl(WEB_MESSAGING), () => proxyError(502, 'upstream_unavailable'));
    const { host } = renderScreen(WEB_MESSAGING);

    await waitFor(() =>
      expect(host.showError).toHaveBeenCalledWith(
        'Attachments',
        'The attachments of this conversation could not be loaded.',
      ),
    );
    expect(screen.getAllByRole('option')).toHaveLength(7);
    expect(screen.getByRole('option', { name: /^policy-document\.pdf/ })).toHaveTextContent('Checking…');
  });
});

describe('the attachment list when loading fails', () => {
  it('offers Try again after a network failure, and lists the files once the proxy answers', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    let configCalls = 0;
    network.on('GET', CONFIG, () => {
      configCalls += 1;
      if (configCalls === 1) throw new TypeError('Failed to fetch');
      return json({ detectionRules: rules, linkTtlSeconds: 300 });
    });
    const { user } = renderScreen(WEB_MESSAGING);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Connection problem');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByRole('option')).toHaveLength(7);
  });

  it('asks to sign in again when the proxy says the session expired', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    network.on('GET', CONFIG, () => proxyError(401, 'unauthenticated'));
    const { onSessionExpired, host } = renderScreen(WEB_MESSAGING);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Session expired');
    expect(onSessionExpired).toHaveBeenCalled();
    expect(host.showError).not.toHaveBeenCalled();
  });

  it('asks to sign in again when the Platform API rejects the token while reading the conversation', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    const platform = samplePlatform();
    platform.getConversation = async () => {
      throw platformError(401);
    };
    const { onSessionExpired } = renderScreen(WEB_MESSAGING, platform);

    expect(await screen.findByRole('alert')).toHaveTextContent('Session expired');
    expect(onSessionExpired).toHaveBeenCalled();
  });

  it('says access is denied when the Platform API refuses the conversation', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    const platform = samplePlatform();
    platform.getConversation = async () => {
      throw platformError(403);
    };
    renderScreen(WEB_MESSAGING, platform);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Access denied');
    expect(within(alert).queryByRole('button')).not.toBeInTheDocument();
  });
});
