// The attachments screen in a narrow panel (< 720 px, as most agents have it): the list fills the
// panel, a file replaces it with "← All files (n)" and previous/next, and Escape leads back to the
// row the file came from. jsdom has no layout, so the panel width reaches the widget as Chromium's
// would: through the media query the widget asks about (the browser test proves the real one).
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPdfEngine } from '../../../../../app/features/preview/pdf/pdf-engine.ts';
import type { AttachmentRef } from '../../../../../core/attachment-ref.ts';
import { installFakeNetwork, json, proxyError } from '../../../../support/app/fake-network.ts';
import { renderScreen } from '../../../../support/app/render-screen.tsx';
import {
  available,
  type FakeProxyOptions,
  linkFor,
  sampleProxy,
  WEB_MESSAGING,
} from '../../../../support/app/sample-org.ts';

/**
 * Links to files with no viewer: these tests are about moving between files, and a preview that
 * fetches nothing ("No preview for this file type") keeps them to that.
 */
const noViewer: FakeProxyOptions['links'] = (request, call, ref) =>
  json(linkFor(ref, call, { previewKind: 'none', disposition: request.disposition ?? 'inline' }));

vi.mock('../../../../../app/features/preview/pdf/pdf-engine.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../../app/features/preview/pdf/pdf-engine.ts')>()),
  loadPdfEngine: vi.fn(),
  openPdf: vi.fn(),
}));

/** Answers the widget's media query as a panel `width` px wide would; `resize` drags it to another width. */
function panelWidth(initial: number) {
  let width = initial;
  const listeners = new Set<() => void>();
  vi.stubGlobal('matchMedia', (query: string) => {
    const max = /max-width:\s*([\d.]+)px/.exec(query)?.[1];
    return {
      matches: max !== undefined && width <= Number(max),
      media: query,
      addEventListener: (_: string, listener: () => void) => listeners.add(listener),
      removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
    };
  });
  return {
    resize(to: number) {
      width = to;
      act(() => {
        for (const listener of listeners) listener();
      });
    },
  };
}

beforeEach(() => {
  // Opening a PDF is the PDF viewer's test; here a PDF preview just stays loading.
  vi.mocked(loadPdfEngine).mockReturnValue(new Promise(() => undefined));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const row = (name: string) =>
  screen.getByRole('option', { name: new RegExp(`^${name.replace(/\./g, '\\.')}`), hidden: true });

async function narrowScreen() {
  panelWidth(420);
  const network = installFakeNetwork();
  await sampleProxy(network, { conversationId: WEB_MESSAGING, links: noViewer });
  const parts = renderScreen(WEB_MESSAGING);
  await screen.findAllByRole('option');
  return parts;
}

describe('the attachments screen in a narrow panel', () => {
  it('shows the whole list, says how many files there are, and no preview', async () => {
    await narrowScreen();
    expect(screen.getByRole('listbox', { name: 'Attachments' })).toBeVisible();
    expect(screen.getByText('7 attachments')).toBeVisible();
    expect(screen.getAllByRole('option')).toHaveLength(7);
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });

  it('replaces the list with the file, and leads back with "All files (7)" to the row it came from', async () => {
    const { user } = await narrowScreen();
    await user.click(row('damage-photo.jpg'));

    expect(screen.getByRole('region', { name: 'Preview of damage-photo.jpg' })).toBeVisible();
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument(); // hidden, so not in the accessibility tree
    const back = screen.getByRole('button', { name: 'All files (7)' });
    expect(back).toHaveFocus();
    expect(screen.getByRole('navigation', { name: 'Files' })).toHaveTextContent('2 of 7');

    await user.click(back);
    expect(screen.getByRole('listbox', { name: 'Attachments' })).toBeVisible();
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
    expect(row('damage-photo.jpg')).toHaveFocus();
  });

  it('steps to the previous and next file, and goes no further than the ends', async () => {
    const { user } = await narrowScreen();
    await user.click(row('policy-document.pdf'));
    const previous = screen.getByRole('button', { name: 'Previous file' });
    const next = screen.getByRole('button', { name: 'Next file' });
    expect(previous).toHaveAttribute('aria-disabled', 'true');

    await user.click(previous);
    expect(screen.getByRole('region', { name: 'Preview of policy-document.pdf' })).toBeInTheDocument();
    await user.click(next);
    expect(screen.getByRole('region', { name: 'Preview of damage-photo.jpg' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Files' })).toHaveTextContent('2 of 7');
    for (let i = 0; i < 10; i += 1) await user.click(next);
    expect(screen.getByRole('region', { name: 'Preview of repair-guide.png' })).toBeInTheDocument();
    expect(next).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('navigation', { name: 'Files' })).toHaveTextContent('7 of 7');

    // By keyboard, the focus stays on the button pressed.
    next.focus();
    await user.keyboard('{Enter}');
    expect(next).toHaveFocus();
    expect(screen.getByRole('region', { name: 'Preview of repair-guide.png' })).toBeInTheDocument();
    previous.focus();
    await user.keyboard('{Enter}');
    expect(previous).toHaveFocus();
    expect(screen.getByRole('region', { name: 'Preview of dana-story-1001.jpg' })).toBeInTheDocument();

    // Back leads to the file last shown, not the one first opened.
    await user.click(screen.getByRole('button', { name: 'All files (7)' }));
    expect(row('dana-story-1001.jpg')).toHaveFocus();
  });

  it('opens a file with Enter and closes it with Escape, the focus back on its row', async () => {
    const { user } = await narrowScreen();
    await user.tab();
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(screen.getByRole('region', { name: 'Preview of damage-photo-sideways.jpg' })).toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
    expect(row('damage-photo-sideways.jpg')).toHaveFocus();
    // Tab leaves the list from that row and comes back to it.
    expect(row('damage-photo-sideways.jpg')).toHaveAttribute('tabindex', '0');
  });

  it('leaves the preview open when Escape is for an open dialog', async () => {
    const { user } = await narrowScreen();
    await user.click(row('policy-document.pdf'));
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    document.body.append(dialog);
    try {
      await user.keyboard('{Escape}');
      expect(screen.getByRole('region', { name: 'Preview of policy-document.pdf' })).toBeInTheDocument();
    } finally {
      dialog.remove();
    }
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });
});

describe('a panel dragged across 720 px with a file open', () => {
  it('keeps the focus in the widget: on the row when it widens, on the way back when it narrows', async () => {
    const panel = panelWidth(420);
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING, links: noViewer });
    const { user } = renderScreen(WEB_MESSAGING);
    await user.click(await screen.findByRole('option', { name: /^voice-note\.wav/ }));
    expect(screen.getByRole('button', { name: 'All files (7)' })).toHaveFocus();

    panel.resize(900);
    expect(screen.getByRole('listbox', { name: 'Attachments' })).toBeVisible();
    expect(screen.getByRole('region', { name: 'Preview of voice-note.wav' })).toBeVisible();
    expect(row('voice-note.wav')).toHaveFocus();

    panel.resize(320);
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'All files (7)' })).toHaveFocus();
  });
});

describe('the attachments screen in a wide panel', () => {
  it('keeps the list beside the preview, and Escape closes the preview onto its row', async () => {
    panelWidth(1280);
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING, links: noViewer });
    const { user } = renderScreen(WEB_MESSAGING);
    await user.click(await screen.findByRole('option', { name: /^walkaround\.webm/ }));

    expect(screen.getByRole('listbox', { name: 'Attachments' })).toBeVisible();
    expect(screen.getByRole('region', { name: 'Preview of walkaround.webm' })).toBeVisible();
    expect(screen.queryByRole('navigation', { name: 'Files' })).not.toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
    expect(row('walkaround.webm')).toHaveFocus();
  });
});

describe('the Download button of a file the scan has not cleared', () => {
  function scanStatuses(refs: AttachmentRef[]) {
    return refs.map((ref) => {
      if (ref.fileName === 'damage-photo.jpg')
        return { attachment: ref, availability: 'error' as const, reason: 'scan_pending' };
      if (ref.fileName === 'damage-photo-sideways.jpg')
        return { attachment: ref, availability: 'error' as const, reason: 'scan_infected' };
      return available(ref);
    });
  }
  // As the proxy answers: no link to a file the scan has not cleared.
  const scanGate: FakeProxyOptions['links'] = (request, call, ref, network) => {
    if (ref.fileName === 'damage-photo.jpg') return proxyError(403, 'scan_pending');
    if (ref.fileName === 'damage-photo-sideways.jpg') return proxyError(403, 'scan_infected');
    return noViewer(request, call, ref, network);
  };

  it.each([
    ['damage-photo.jpg', 'Scanning', 'Download unavailable until the malware scan clears this file.'],
    [
      'damage-photo-sideways.jpg',
      'Blocked',
      'Download unavailable: the malware scan found this file unsafe.',
    ],
  ])('is disabled for %s (%s) and says why', async (name, badge, reason) => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING, statuses: scanStatuses, links: scanGate });
    const { user } = renderScreen(WEB_MESSAGING);
    await waitFor(() => expect(row(name).querySelector('.status-badge')).toHaveTextContent(badge));
    await user.click(row(name));

    const preview = screen.getByRole('region', { name: `Preview of ${name}` });
    const download = within(preview).getByRole('button', { name: 'Download' });
    expect(download).toBeDisabled();
    // The preview says so too, with no way to open the file.
    expect(await within(preview).findByRole('alert')).toHaveTextContent(
      badge === 'Blocked' ? 'Blocked by the malware scan' : 'Scan in progress',
    );
    expect(download).toHaveAccessibleDescription(reason);
  });

  it('is enabled for a clean file', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING, statuses: scanStatuses, links: scanGate });
    const { user } = renderScreen(WEB_MESSAGING);
    await waitFor(() =>
      expect(row('policy-document.pdf').querySelector('.status-badge')).toHaveTextContent('Clean'),
    );
    await user.click(row('policy-document.pdf'));
    const preview = screen.getByRole('region', { name: 'Preview of policy-document.pdf' });
    const [header] = within(preview).getAllByRole('button', { name: 'Download' });
    expect(header).toBeEnabled();
    expect(header).not.toHaveAccessibleDescription();
  });
});
