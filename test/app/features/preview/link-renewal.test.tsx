import { fireEvent, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPdfEngine } from '../../../../app/features/preview/pdf/pdf-engine.ts';
import { type FakeNetwork, json } from '../../../support/app/fake-network.ts';
import { openPreview } from '../../../support/app/render-screen.tsx';
import { LINKS, linkFor, STORAGE, WEB_MESSAGING } from '../../../support/app/sample-org.ts';

vi.mock('../../../../app/features/preview/pdf/pdf-engine.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../app/features/preview/pdf/pdf-engine.ts')>()),
  loadPdfEngine: vi.fn(),
  openPdf: vi.fn(),
}));

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

beforeEach(() => {
  vi.mocked(loadPdfEngine).mockReturnValue(new Promise(() => undefined));
  // jsdom cannot make object URLs for its Blobs; the viewer only needs a URL to put in <img>.
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:https://widget.test/${++n}`);
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
});

/**
 * The web-messaging sample, where storage answers each minted link with `storage(n)`: the n-th
 * link's bytes, or 403 once it has expired.
 */
const openFile = (fileName: string, storage: (n: number) => Response) =>
  openPreview(fileName, { conversationId: WEB_MESSAGING, storage });

const expired = () => new Response('<Error><Code>AccessDenied</Code></Error>', { status: 403 });
const image = () => new Response(PNG, { status: 200, headers: { 'content-type': 'image/png' } });

function storageGets(network: FakeNetwork): string[] {
  return network.requests.filter((r) => r.url.origin === STORAGE).map((r) => r.url.pathname);
}

describe('renewing an expired link', () => {
  it('mints a new link when the image link has expired, and shows the image from it', async () => {
    const { network, preview } = await openFile('repair-guide.png', (n) => (n === 1 ? expired() : image()));

    const img = await within(preview).findByRole('img', { name: 'repair-guide.png' });
    expect(img).toHaveAttribute('src', expect.stringMatching(/^blob:/));
    expect(network.seen('POST', LINKS)).toHaveLength(2);
    expect(storageGets(network)).toEqual([expect.stringMatching(/\/1$/), expect.stringMatching(/\/2$/)]);
    // The renewal was announced in the live region, and the announcement is gone once the image shows.
    expect(within(preview).queryByText('The link expired; getting a new one…')).toBeNull();
  });

  it('stops after three renewals with an error and a Try again, instead of looping', async () => {
    const { network, preview, user } = await openFile('repair-guide.png', () => expired());

    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('Connection problem');
    // The first link and three renewals, each tried once by the viewer.
    expect(network.seen('POST', LINKS)).toHaveLength(4);
    expect(storageGets(network)).toHaveLength(4);

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(network.seen('POST', LINKS)).toHaveLength(8));
    expect(await within(preview).findByRole('alert')).toHaveTextContent('Connection problem');
  });

  it('plays the voice note from the new link at the position it had reached', async () => {
    const { network, preview } = await openFile('voice-note.wav', () => expired());

    const first = (await within(preview).findByLabelText('voice-note.wav')) as HTMLAudioElement;
    expect(first.tagName).toBe('AUDIO');
    expect(first.src).toMatch(/\/1$/);
    first.currentTime = 42.5;
    // A seek after the link expired: the browser's Range request is refused.
    fireEvent.error(first);

    // The viewer asks the link why playback failed (403: expired), then renews.
    await waitFor(() =>
      expect((within(preview).getByLabelText('voice-note.wav') as HTMLAudioElement).src).toMatch(/\/2$/),
    );
    const second = within(preview).getByLabelText('voice-note.wav') as HTMLAudioElement;
    // A browser starts a new source at 0 (jsdom does not): the viewer must put the position back.
    second.currentTime = 0;
    fireEvent.loadedMetadata(second);
    expect(second.currentTime).toBe(42.5);
    expect(network.seen('POST', LINKS)).toHaveLength(2);
  });

  it('calls media that the browser cannot play damaged, instead of renewing a link that still works', async () => {
    const { preview } = await openFile(
      'walkaround.webm',
      () => new Response(new Uint8Array([1]), { status: 206 }),
    );
    fireEvent.error(await within(preview).findByLabelText('walkaround.webm'));
    expect(await within(preview).findByRole('alert')).toHaveTextContent('File is damaged');
  });

  it('renews a media link past its expiry without asking storage, whose 403 may not be readable cross-origin', async () => {
    const { network, preview } = await openPreview('walkaround.webm', {
      conversationId: WEB_MESSAGING,
      links: (_, call, ref) =>
        json(linkFor(ref, call, call === 1 ? { expiresAt: '2000-01-01T00:00:00.000Z' } : {})),
    });
    fireEvent.error(await within(preview).findByLabelText('walkaround.webm'));
    await waitFor(() => expect(network.seen('POST', LINKS)).toHaveLength(2));
    expect(storageGets(network)).toEqual([]);
  });

  it('resumes a video at its position after the link was renewed', async () => {
    const { preview } = await openFile('walkaround.webm', () => expired());

    const first = (await within(preview).findByLabelText('walkaround.webm')) as HTMLVideoElement;
    first.currentTime = 7;
    fireEvent.error(first);

    await waitFor(() =>
      expect((within(preview).getByLabelText('walkaround.webm') as HTMLVideoElement).src).toMatch(/\/2$/),
    );
    const second = within(preview).getByLabelText('walkaround.webm') as HTMLVideoElement;
    fireEvent.loadedMetadata(second);
    expect(second.currentTime).toBe(7);
  });

  it('stops renewing media links after three renewals', async () => {
    const { network, preview } = await openFile('voice-note.wav', () => expired());

    for (let n = 1; n <= 4; n++) {
      const media = await within(preview).findByLabelText('voice-note.wav');
      await waitFor(() => expect((media as HTMLAudioElement).src).toMatch(new RegExp(`/${n}$`)));
      fireEvent.error(media);
    }

    expect(await within(preview).findByRole('alert')).toHaveTextContent('Connection problem');
    expect(network.seen('POST', LINKS)).toHaveLength(4);
  });
});

describe('the media viewer', () => {
  it('shows native controls, loads only metadata and never autoplays', async () => {
    const { preview } = await openFile('voice-note.wav', () => expired());

    const audio = (await within(preview).findByLabelText('voice-note.wav')) as HTMLAudioElement;
    expect(audio).toHaveAttribute('controls');
    expect(audio).toHaveAttribute('preload', 'metadata');
    expect(audio).not.toHaveAttribute('autoplay');
    fireEvent.loadedMetadata(audio);
    expect(audio.currentTime).toBe(0);
  });

  it('plays video inline in the panel', async () => {
    const { preview } = await openFile('walkaround.webm', () => expired());

    const video = await within(preview).findByLabelText('walkaround.webm');
    expect(video.tagName).toBe('VIDEO');
    expect(video).toHaveAttribute('playsinline');
  });
});

describe('the image viewer', () => {
  it('zooms and rotates the image from its toolbar', async () => {
    const { preview, user } = await openFile('repair-guide.png', () => image());

    const img = await within(preview).findByRole('img', { name: 'repair-guide.png' });
    const toolbar = within(preview).getByRole('toolbar', { name: 'Image controls' });
    expect(toolbar).toHaveTextContent('100%');

    await user.click(within(toolbar).getByRole('button', { name: 'Zoom in' }));
    expect(toolbar).toHaveTextContent('125%');

    await user.click(within(toolbar).getByRole('button', { name: 'Rotate clockwise' }));
    expect(img.style.transform).toBe('rotate(90deg)');

    await user.click(within(toolbar).getByRole('button', { name: 'Fit to panel' }));
    expect(toolbar).toHaveTextContent('100%');
  });

  it('offers the image area to the keyboard, named, with how to pan it; plus and minus zoom there', async () => {
    const { preview, user } = await openFile('repair-guide.png', () => image());

    const stage = await within(preview).findByRole('region', { name: 'Image repair-guide.png' });
    expect(stage).toHaveAttribute('tabindex', '0');
    expect(stage).toHaveAccessibleDescription(/arrow keys to move around the image/);
    const toolbar = within(preview).getByRole('toolbar', { name: 'Image controls' });
    stage.focus();
    await user.keyboard('+');
    expect(toolbar).toHaveTextContent('125%');
    await user.keyboard('--');
    expect(toolbar).toHaveTextContent('80%');
  });

  it('says an image is damaged when the browser cannot decode it', async () => {
    const { preview } = await openFile('repair-guide.png', () => image());

    fireEvent.error(await within(preview).findByRole('img', { name: 'repair-guide.png' }));
    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('File is damaged');
    expect(within(alert).getByRole('button', { name: 'Download' })).toBeInTheDocument();
  });
});
