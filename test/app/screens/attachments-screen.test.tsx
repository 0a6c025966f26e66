// The signed-in screen composes the list and the preview: the preview's code (its own chunk) starts
// loading once the list is on screen, not while the list waits for its reads (its download and
// evaluation would compete with them), and before any file is picked.
import { screen, waitFor } from '@testing-library/react';
import { expect, it, vi } from 'vitest';
import { deferred, installFakeNetwork, proxyError } from '../../support/app/fake-network.ts';
import { renderScreen } from '../../support/app/render-screen.tsx';
import {
  conversationReadHeldBack,
  sampleProxy,
  statusUrl,
  WEB_MESSAGING,
} from '../../support/app/sample-org.ts';

const { loadPreviewPane } = vi.hoisted(() => ({ loadPreviewPane: vi.fn(async () => undefined) }));
vi.mock('../../../app/features/preview/lazy-preview-pane.tsx', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../app/features/preview/lazy-preview-pane.tsx')>()),
  loadPreviewPane,
}));

it('starts loading the preview once the list shows, not while the conversation is read', async () => {
  const network = installFakeNetwork();
  await sampleProxy(network, { conversationId: WEB_MESSAGING });
  // Both reads that could draw the list held back: the browser's and the proxy's.
  const { platform, release } = conversationReadHeldBack();
  const status = deferred();
  network.on('GET', statusUrl(WEB_MESSAGING), status.handler);
  renderScreen(WEB_MESSAGING, platform);

  await waitFor(() => expect(platform.getConversation).toHaveBeenCalled());
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(loadPreviewPane).not.toHaveBeenCalled();

  release();
  status.release(proxyError(503, 'unavailable'));
  await screen.findAllByRole('option');
  await waitFor(() => expect(loadPreviewPane).toHaveBeenCalledTimes(1));
});
