// A stable link opened outside Genesys (`/ref/<key>?conversationId=`): the file opens when the
// agent can read the named conversation and it references the key; otherwise the page says why and
// what to do, and asks the proxy for no link.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { RefScreen, type RefScreenProps } from '../../../app/screens/ref-screen.tsx';
import { createProxyClient } from '../../../app/shared/api/proxy-client.ts';
import { ServicesProvider } from '../../../app/shared/api/services.tsx';
import type { PlatformReads } from '../../../core/conversation-reader.ts';
import { installFakeNetwork } from '../../support/app/fake-network.ts';
import { EnglishIntl, fakeHost } from '../../support/app/render-screen.tsx';
import {
  LINKS,
  PROXY_BASE,
  platformError,
  STORE,
  samplePlatform,
  sampleProxy,
  TOKEN,
  WEB_MESSAGING,
} from '../../support/app/sample-org.ts';

vi.mock('../../../app/features/preview/pdf/pdf-engine.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../app/features/preview/pdf/pdf-engine.ts')>()),
  loadPdfEngine: vi.fn(() => new Promise(() => undefined)),
}));

function renderRef(
  conversationId: string | undefined,
  refKey: string | undefined,
  platform: PlatformReads = samplePlatform(),
  search: Pick<RefScreenProps, 'activeConversations' | 'analyticsQuery'> = {},
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  onTestFinished(() => queryClient.clear());
  const proxy = createProxyClient({ base: PROXY_BASE, getToken: () => TOKEN, region: 'mypurecloud.com' });
  const onSessionExpired = vi.fn<() => void>();
  render(
    <QueryClientProvider client={queryClient}>
      <ServicesProvider services={{ proxy, platform, host: fakeHost(), onSessionExpired }}>
        <EnglishIntl>
          <RefScreen
            conversationId={conversationId}
            refKey={refKey}
            locale="en-GB"
            onSessionExpired={onSessionExpired}
            {...search}
          />
        </EnglishIntl>
      </ServicesProvider>
    </QueryClientProvider>,
  );
  return { onSessionExpired };
}

describe('a stable link opened outside Genesys', () => {
  it('opens the file the link names, from the conversation it names', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: STORE });
    renderRef(STORE, 'claims/2026/notes.txt');
    expect(await screen.findByRole('region', { name: 'Preview of notes.txt' })).toBeInTheDocument();
    expect(network.seen('POST', LINKS)).toHaveLength(1);
  });

  it('matches the stable link itself (a proxy link in the conversation) as well as a bare key', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: STORE });
    renderRef(STORE, 'claims/2026/diagram.svg');
    expect(await screen.findByRole('region', { name: 'Preview of diagram.svg' })).toBeInTheDocument();
  });

  it.each([
    [
      'no conversation id',
      undefined,
      'claims/2026/notes.txt',
      /does not say which conversation the file belongs to/,
    ],
    [
      'a conversation that does not reference the key',
      WEB_MESSAGING,
      'claims/2026/notes.txt',
      /does not contain this file/,
    ],
    ['no key', STORE, undefined, /does not name a file/],
  ])(
    'refuses a link with %s, says what to do, and asks for no link',
    async (_case, conversationId, key, words) => {
      const network = installFakeNetwork();
      await sampleProxy(network, { conversationId: conversationId ?? STORE });
      renderRef(conversationId, key);
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('This file cannot be opened here');
      expect(alert).toHaveTextContent(words);
      expect(network.seen('POST', LINKS)).toEqual([]);
    },
  );

  it('refuses an agent who cannot read the conversation (403), naming what to ask for', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: STORE });
    renderRef(STORE, 'claims/2026/notes.txt', {
      ...samplePlatform(),
      getConversation: () => Promise.reject(platformError(403)),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /You cannot read the conversation this file belongs to/,
    );
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });

  it('asks to sign in again when the session expired', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: STORE });
    renderRef(STORE, 'claims/2026/notes.txt', {
      ...samplePlatform(),
      getConversation: () => Promise.reject(platformError(401)),
    });
    expect(await screen.findByRole('button', { name: 'Sign in again' })).toBeInTheDocument();
  });
});

describe('a stable link without a conversation id', () => {
  it('is looked for in the agent’s active conversations first, and opens there', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: STORE });
    const analyticsQuery = vi.fn<NonNullable<RefScreenProps['analyticsQuery']>>();
    renderRef(undefined, 'claims/2026/notes.txt', samplePlatform(), {
      activeConversations: async () => [WEB_MESSAGING, STORE],
      analyticsQuery,
    });
    expect(await screen.findByRole('region', { name: 'Preview of notes.txt' })).toBeInTheDocument();
    // Found among the active ones: the reviewer's search never ran.
    expect(analyticsQuery).not.toHaveBeenCalled();
  });

  it('is looked for next in a reviewer’s conversations of the last days', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: STORE });
    const analyticsQuery = vi.fn<NonNullable<RefScreenProps['analyticsQuery']>>(async () => ({
      conversations: [{ conversationId: STORE }],
      totalHits: 1,
    }));
    renderRef(undefined, 'claims/2026/notes.txt', samplePlatform(), {
      activeConversations: async () => [WEB_MESSAGING],
      analyticsQuery,
    });
    expect(await screen.findByRole('region', { name: 'Preview of notes.txt' })).toBeInTheDocument();
    const interval = String(analyticsQuery.mock.calls[0]?.[0].interval).split('/').map(Date.parse);
    expect((interval[1] ?? 0) - (interval[0] ?? 0)).toBe(7 * 86_400_000);
  });

  it('is refused when no conversation the agent can read references it, and mints no link', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: STORE });
    renderRef(undefined, 'claims/2026/notes.txt', samplePlatform(), {
      activeConversations: async () => [WEB_MESSAGING],
      analyticsQuery: () => Promise.reject(platformError(403)),
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/it is in none of your active conversations/);
    expect(alert).toHaveTextContent(/last 7 days/);
    expect(network.seen('POST', LINKS)).toEqual([]);
  });
});
