import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App, type AppProps } from '../../app/app.tsx';
import { startEarlyReads } from '../../app/shared/api/early-reads.ts';
import { createProxyClient } from '../../app/shared/api/proxy-client.ts';
import type { SessionState } from '../../app/shared/auth/genesys-session.ts';
import type { WidgetContext } from '../../app/shared/context/widget-context.ts';
import { installFakeNetwork, inTurn, json, proxyError } from '../support/app/fake-network.ts';
import { fakeHost } from '../support/app/render-screen.tsx';
import {
  CONFIG,
  PROXY_BASE,
  rules,
  samplePlatform,
  sampleProxy,
  statusUrl,
  TOKEN,
  WEB_MESSAGING,
} from '../support/app/sample-org.ts';

vi.mock('../../app/features/preview/pdf/pdf-engine.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../app/features/preview/pdf/pdf-engine.ts')>()),
  loadPdfEngine: vi.fn(async () => undefined),
  openPdf: vi.fn(() => new Promise(() => undefined)),
}));

const context: WidgetContext = {
  conversationId: WEB_MESSAGING,
  hostOrigin: 'https://apps.mypurecloud.com',
  targetEnv: 'prod',
  tld: 'mypurecloud.com',
  langTag: 'en-GB',
  usePopupAuth: false,
  mode: 'interaction',
};

const signedIn = (accessToken = TOKEN, expiresAt = Date.now() + 3_600_000): SessionState => ({
  status: 'signed-in',
  accessToken,
  expiresAt,
});

function renderApp(
  signIn: (interactive: boolean) => Promise<SessionState>,
  ctx: WidgetContext = context,
  more: Pick<AppProps, 'platform' | 'earlyReads' | 'firstSignIn'> = { platform: samplePlatform() },
) {
  const signInMock = vi.fn(signIn);
  const setToken = vi.fn<(token: string) => void>();
  // With fake timers (the renewal test), user-event's own pauses must move the fake clock.
  const user = userEvent.setup({
    advanceTimers: (ms) => (vi.isFakeTimers() ? vi.advanceTimersByTime(ms) : undefined),
  });
  render(
    <App
      context={ctx}
      proxyBase={PROXY_BASE}
      platform={more.platform}
      earlyReads={more.earlyReads}
      firstSignIn={more.firstSignIn}
      host={fakeHost()}
      signIn={signInMock}
      setToken={setToken}
    />,
  );
  return { signIn: signInMock, setToken, user };
}

/** The sample org, and the reads app/main.ts starts before the app renders. */
async function entryReads() {
  const network = installFakeNetwork();
  await sampleProxy(network, { conversationId: WEB_MESSAGING });
  const platform = samplePlatform();
  const getConversation = vi.spyOn(platform, 'getConversation');
  const proxy = createProxyClient({ base: PROXY_BASE, getToken: () => TOKEN, region: 'mypurecloud.com' });
  const reads = startEarlyReads(platform, proxy, WEB_MESSAGING);
  /** The entry's reads were the only ones: the app asked for nothing again. */
  const expectEachReadOnce = async () => {
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(getConversation).toHaveBeenCalledTimes(1);
    expect(network.seen('GET', CONFIG)).toHaveLength(1);
    expect(network.seen('GET', statusUrl(WEB_MESSAGING))).toHaveLength(1);
  };
  return { platform, reads, expectEachReadOnce };
}

describe('App sign-in states', () => {
  it('takes over the reads the entry started once signed in, and reads nothing again for the list', async () => {
    const { platform, reads, expectEachReadOnce } = await entryReads();
    renderApp(async () => signedIn(), context, { platform, earlyReads: Promise.resolve(reads) });

    expect(await screen.findAllByRole('option')).toHaveLength(7);
    await expectEachReadOnce();
  });

  it('starts signed in with the answers the entry already has: its first render is the list', async () => {
    const { platform, reads, expectEachReadOnce } = await entryReads();
    // The sign-in and the reads were in before React ran.
    await Promise.all([reads.read, reads.config, reads.status]);
    const { signIn, setToken } = renderApp(async () => signedIn(), context, {
      platform,
      firstSignIn: { session: signedIn(), reads },
    });

    // No "Signing in…" and no loading state first: the list is in the first render.
    expect(screen.getAllByRole('option')).toHaveLength(7);
    await expectEachReadOnce();
    expect(signIn).not.toHaveBeenCalled();
    expect(setToken).toHaveBeenCalledWith(TOKEN);
  });

  it("starts with the entry's failed sign-in, and Sign in again signs in interactively", async () => {
    installFakeNetwork();
    const failed: SessionState = {
      status: 'signed-out',
      reason: { message: { id: 'x', defaultMessage: 'Your session could not be confirmed.' } },
    };
    const { signIn, user } = renderApp(
      async () => signedIn(),
      { ...context, conversationId: undefined },
      {
        platform: samplePlatform(),
        firstSignIn: { session: failed, reads: undefined },
      },
    );

    expect(screen.getByRole('alert')).toHaveTextContent('Your session could not be confirmed.');
    expect(signIn).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(await screen.findByText('Open an interaction to see its attachments.')).toBeInTheDocument();
    expect(signIn.mock.calls).toEqual([[true]]);
  });

  it('says it is signing in while the sign-in is under way', () => {
    installFakeNetwork();
    const { signIn } = renderApp(() => new Promise(() => undefined));
    expect(screen.getByRole('status')).toHaveTextContent('Signing in to Genesys Cloud…');
    expect(signIn).toHaveBeenCalledWith(false);
  });

  it('offers Sign in again after a failed sign-in, and that click signs in interactively', async () => {
    installFakeNetwork();
    const { signIn, setToken, user } = renderApp(
      vi
        .fn<(interactive: boolean) => Promise<SessionState>>()
        .mockResolvedValueOnce({
          status: 'signed-out',
          reason: { message: { id: 'x', defaultMessage: 'The sign-in window was blocked or closed.' } },
        })
        .mockResolvedValueOnce(signedIn()),
      { ...context, conversationId: undefined },
    );

    expect(await screen.findByRole('alert')).toHaveTextContent('The sign-in window was blocked or closed.');
    await user.click(screen.getByRole('button', { name: 'Sign in again' }));

    expect(await screen.findByText('Open an interaction to see its attachments.')).toBeInTheDocument();
    expect(signIn.mock.calls).toEqual([[false], [true]]);
    expect(setToken).toHaveBeenCalledWith(TOKEN);
  });

  it('asks for an interaction when signed in without a conversation, and calls nothing', async () => {
    installFakeNetwork();
    renderApp(async () => signedIn(), { ...context, conversationId: undefined });
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Open an interaction to see its attachments.',
    );
  });

  it('shows the sign-in-again state when the proxy answers 401, without signing in on its own', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    network.on(
      'GET',
      CONFIG,
      inTurn(
        () => proxyError(401, 'unauthenticated', 'Your Genesys Cloud session has expired. Sign in again.'),
        () => json({ detectionRules: rules, linkTtlSeconds: 300 }),
      ),
    );
    const { signIn, user } = renderApp(async () => signedIn());

    const message = await screen.findByText('Your session expired. Sign in again to continue.');
    expect(screen.getByRole('alert')).toContainElement(message);
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(signIn).toHaveBeenCalledTimes(1);
    expect(network.seen('GET', CONFIG)).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(await screen.findByRole('option', { name: /policy-document\.pdf/ })).toBeInTheDocument();
    expect(signIn.mock.calls).toEqual([[false], [true]]);
  });

  it('keeps the list and the open preview while the session renews in the background', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const network = installFakeNetwork();
      await sampleProxy(network, { conversationId: WEB_MESSAGING });
      let finishRenewal: (session: SessionState) => void = () => undefined;
      const renewal = new Promise<SessionState>((resolve) => {
        finishRenewal = resolve;
      });
      const { signIn, setToken, user } = renderApp(
        vi
          .fn<(interactive: boolean) => Promise<SessionState>>()
          .mockResolvedValueOnce(signedIn(TOKEN, Date.now() + 120_000))
          .mockReturnValueOnce(renewal),
      );
      await user.click(await screen.findByRole('option', { name: /dana-story-1001\.jpg/ }));
      expect(screen.getByRole('region', { name: 'Preview of dana-story-1001.jpg' })).toBeInTheDocument();

      // A minute before expiry the session renews silently.
      await act(() => vi.advanceTimersByTimeAsync(60_000));
      expect(signIn.mock.calls).toEqual([[false], [false]]);
      expect(screen.queryByText('Signing in to Genesys Cloud…')).not.toBeInTheDocument();
      expect(screen.getByRole('region', { name: 'Preview of dana-story-1001.jpg' })).toBeInTheDocument();

      await act(async () => finishRenewal(signedIn('agent-token-2')));
      expect(setToken).toHaveBeenLastCalledWith('agent-token-2');
      expect(screen.getByRole('option', { name: /dana-story-1001\.jpg/ })).toHaveAttribute(
        'aria-selected',
        'true',
      );
    } finally {
      vi.useRealTimers();
    }
  });
});
