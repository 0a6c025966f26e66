// The list's thumbnails on the fake network: asked for only for rows on screen whose status offers
// one, two at a time, shown once the picture has loaded, decorative, and replaced by the file-type
// icon without a word when the proxy refuses one or the picture does not load.
import { fireEvent, waitFor as rawWaitFor, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import type { AttachmentRef } from '../../../../../core/attachment-ref.ts';
import type { LinkRequest } from '../../../../../core/proxy-api.ts';
import { installFakeNetwork, json, proxyError } from '../../../../support/app/fake-network.ts';
import { renderScreen } from '../../../../support/app/render-screen.tsx';
import { available, linkFor, sampleProxy, WEB_MESSAGING } from '../../../../support/app/sample-org.ts';

const PICTURES = ['policy-document.pdf', 'damage-photo.jpg', 'damage-photo-sideways.jpg', 'repair-guide.png'];

/** Every file available; the pictures and the PDF with a thumbnail, as the proxy lists them. */
function withThumbnails(refs: AttachmentRef[]) {
  return refs
    .filter((r) => r.location.kind !== 'external')
    .map((r) => available(r, PICTURES.includes(r.fileName) ? { thumbnail: true } : {}));
}

/** An IntersectionObserver that sees every row at once (jsdom does no layout). */
function everyRowOnScreen() {
  class SeeingObserver {
    constructor(private readonly report: IntersectionObserverCallback) {}
    observe(target: Element) {
      queueMicrotask(() =>
        this.report(
          [{ isIntersecting: true, target } as IntersectionObserverEntry],
          this as unknown as IntersectionObserver,
        ),
      );
    }
    unobserve() {}
    disconnect() {}
  }
  vi.stubGlobal('IntersectionObserver', SeeingObserver);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

// The thumbnails' code is its own chunk, loaded once the list is up: on a loaded CI machine that takes
// longer than waitFor's default second (a clean-clone run failed so).
function waitFor<T>(check: () => T | Promise<T>): Promise<T> {
  return rawWaitFor(check, { timeout: 10_000 });
}

const row = (name: string) => screen.getByRole('option', { name: new RegExp(name.replace('.', '\\.')) });

it('asks for the thumbnails of rows on screen two at a time, and shows each once it has loaded', async () => {
  everyRowOnScreen();
  const network = installFakeNetwork();
  const waiting: { name: string; answer: () => void }[] = [];
  let asking = 0;
  let most = 0;
  await sampleProxy(network, {
    conversationId: WEB_MESSAGING,
    statuses: withThumbnails,
    links: (request: LinkRequest, call, ref) => {
      expect(request.rendition).toBe('thumbnail');
      asking += 1;
      most = Math.max(most, asking);
      return new Promise((resolve) =>
        waiting.push({
          name: ref.fileName,
          answer: () => {
            asking -= 1;
            resolve(json(linkFor(ref, call, { contentType: 'image/jpeg', previewKind: 'image' })));
          },
        }),
      );
    },
  });
  renderScreen(WEB_MESSAGING);

  await waitFor(() => expect(waiting).toHaveLength(2));
  // Each answer lets the next row ask, never more than two at once.
  for (let answered = 0; answered < PICTURES.length; answered += 1) {
    await waitFor(() => expect(waiting.length).toBeGreaterThan(answered));
    waiting[answered]?.answer();
  }
  await waitFor(() => expect(waiting).toHaveLength(PICTURES.length));
  expect(most).toBe(2);
  expect(waiting.map((w) => w.name).sort()).toEqual([...PICTURES].sort());

  for (const name of PICTURES) {
    const image = await waitFor(() => {
      const found = row(name).querySelector('img');
      expect(found).not.toBeNull();
      return found as HTMLImageElement;
    });
    // Decorative, and hidden behind the icon until its pixels are there.
    expect(image).toHaveAttribute('alt', '');
    expect(image).not.toBeVisible();
    expect(row(name).querySelector('.type-icon')).not.toBeNull();
    fireEvent.load(image);
    await waitFor(() => expect(row(name).querySelector('.type-icon')).toBeNull());
    expect(image).toBeVisible();
  }
  // Rows without a thumbnail keep their icon and asked for nothing.
  expect(row('voice-note.wav').querySelector('img')).toBeNull();
  expect(row('voice-note.wav').querySelector('.type-icon')).not.toBeNull();
});

it('keeps the icon, without a word, when a thumbnail is refused or its picture does not load', async () => {
  everyRowOnScreen();
  const network = installFakeNetwork();
  const refused: string[] = [];
  await sampleProxy(network, {
    conversationId: WEB_MESSAGING,
    statuses: withThumbnails,
    links: (_request, call, ref) => {
      if (!ref.fileName.endsWith('.pdf'))
        return json(linkFor(ref, call, { contentType: 'image/jpeg', previewKind: 'image' }));
      refused.push(ref.fileName);
      return proxyError(422, 'not_convertible');
    },
  });
  renderScreen(WEB_MESSAGING);

  const photo = await waitFor(() => {
    const found = row('damage-photo.jpg').querySelector('img');
    expect(found).not.toBeNull();
    return found as HTMLImageElement;
  });
  fireEvent.error(photo);
  await waitFor(() => expect(row('damage-photo.jpg').querySelector('img')).toBeNull());
  expect(row('damage-photo.jpg').querySelector('.type-icon')).not.toBeNull();
  await waitFor(() => expect(refused).toEqual(['policy-document.pdf']));
  expect(row('policy-document.pdf').querySelector('img')).toBeNull();
  expect(row('policy-document.pdf').querySelector('.type-icon')).not.toBeNull();
  expect(screen.queryByRole('alert')).toBeNull();
});

it('asks for nothing while no row is on screen', async () => {
  const network = installFakeNetwork();
  let asked = 0;
  await sampleProxy(network, {
    conversationId: WEB_MESSAGING,
    statuses: withThumbnails,
    links: () => {
      asked += 1;
      return proxyError(500, 'unexpected');
    },
  });
  renderScreen(WEB_MESSAGING);
  await screen.findAllByRole('option');
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(asked).toBe(0);
});
