// Renders the signed-in widget (AttachmentsScreen) the way App does, with a fresh QueryClient that
// never retries, the real proxy client over the fake network, the sample org's Platform reads and a
// desktop host that records what it was told.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { onTestFinished, vi } from 'vitest';
import { AttachmentsScreen } from '../../../app/screens/attachments-screen.tsx';
import { createProxyClient } from '../../../app/shared/api/proxy-client.ts';
import { type Services, ServicesProvider } from '../../../app/shared/api/services.tsx';
import type { DesktopHost } from '../../../app/shared/host/desktop-host.ts';
import { I18nProvider } from '../../../app/shared/i18n/i18n-provider.tsx';
import type { PlatformReads } from '../../../core/conversation-reader.ts';
import { installFakeNetwork, json, type SeenRequest } from './fake-network.ts';
import {
  type FakeProxyOptions,
  linkFor,
  PROXY_BASE,
  samplePlatform,
  sampleProxy,
  TOKEN,
} from './sample-org.ts';

/** The widget's strings in English (British formats), as `render(ui, { wrapper: EnglishIntl })`. */
export function EnglishIntl({ children }: { children: ReactNode }) {
  return (
    <I18nProvider langTag="en-GB" catalogue={{}}>
      {children}
    </I18nProvider>
  );
}

export function fakeHost() {
  return {
    bootstrapped: vi.fn<DesktopHost['bootstrapped']>(),
    showError: vi.fn<DesktopHost['showError']>(),
    setAttentionCount: vi.fn<DesktopHost['setAttentionCount']>(),
    onStop: vi.fn<DesktopHost['onStop']>(),
  } satisfies DesktopHost;
}

export function renderScreen(
  conversationId: string,
  platform: PlatformReads = samplePlatform(),
  extra: Pick<Services, 'notifications' | 'viewerSettings'> = {},
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  onTestFinished(() => queryClient.clear());
  const host = fakeHost();
  const onSessionExpired = vi.fn<() => void>();
  const proxy = createProxyClient({ base: PROXY_BASE, getToken: () => TOKEN, region: 'mypurecloud.com' });
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <ServicesProvider services={{ proxy, platform, host, onSessionExpired, ...extra }}>
        <EnglishIntl>
          <AttachmentsScreen conversationId={conversationId} locale="en-GB" />
        </EnglishIntl>
      </ServicesProvider>
    </QueryClientProvider>,
  );
  return { ...view, user, host, onSessionExpired, queryClient };
}

export interface PreviewOptions extends FakeProxyOptions {
  /**
   * Answers storage's GET of the `call`-th minted link (`linkFor(ref, call)`); with it, `links` is
   * not used.
   */
  storage?: (call: number, request: SeenRequest) => Response | Promise<Response>;
  /** What the admin allows the viewers (printing PDFs). */
  viewerSettings?: Services['viewerSettings'];
}

/**
 * Installs the fake network with the sample proxy for `options.conversationId`, renders the screen,
 * opens `fileName` from the list and returns its preview region with the network and screen parts.
 */
export async function openPreview(fileName: string, options: PreviewOptions) {
  const network = installFakeNetwork();
  const { storage, viewerSettings, ...proxy } = options;
  if (storage)
    proxy.links = (_, call, ref) => {
      const link = linkFor(ref, call);
      network.on('GET', link.url, (request) => storage(call, request));
      return json(link);
    };
  await sampleProxy(network, proxy);
  const parts = renderScreen(options.conversationId, undefined, viewerSettings ? { viewerSettings } : {});
  const name = new RegExp(`^${fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  await parts.user.click(await screen.findByRole('option', { name }));
  return { network, preview: screen.getByRole('region', { name: `Preview of ${fileName}` }), ...parts };
}
