import ApiClient from 'purecloud-platform-client-v2/src/purecloud-platform-client-v2/ApiClient.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WidgetConfig } from '../../../../app/shared/api/widget-config.ts';
import {
  backFromSignIn,
  type PlatformApiClient,
  renewDelay,
  type SignInOptions,
  signIn,
  storageUsable,
} from '../../../../app/shared/auth/genesys-session.ts';
import { FetchHttpClient } from '../../../../app/shared/genesys/fetch-http-client.ts';
import { inEnglish } from '../../../support/app/english.ts';
import { deferred, installFakeNetwork, json } from '../../../support/app/fake-network.ts';
import { irelandContext } from '../../../support/app/widget-context.ts';

const config: WidgetConfig = { oauthClientId: 'pkce-client-1', proxyBase: '' };
const context = irelandContext;

type Login = PlatformApiClient['loginPKCEGrant'];

/** The Platform SDK's client, reduced to the one call sign-in makes. */
function fakeClient(login: Login) {
  const loginPKCEGrant = vi.fn(login);
  const generatePKCECodeVerifier = (n: number) => 'v'.repeat(n);
  return {
    client: { loginPKCEGrant, generatePKCECodeVerifier } as unknown as PlatformApiClient,
    loginPKCEGrant,
  };
}

/** A redirect to the login page: the page unloads, so the promise never settles. */
const redirects: Login = () => new Promise(() => undefined);
const succeeds: Login = async () =>
  ({ accessToken: 'token-2', tokenExpiryTime: 1_700_003_600_000 }) as Awaited<ReturnType<Login>>;

function options(client: PlatformApiClient, extra: Partial<SignInOptions> = {}): SignInOptions {
  return {
    client,
    config,
    context,
    redirectUri: 'https://viewer.example.com/',
    popup: false,
    now: () => 1_700_000_000_000,
    ...extra,
  };
}

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('signIn', () => {
  it('stops redirecting after two sign-in attempts within a minute and asks for a click', async () => {
    const { client, loginPKCEGrant } = fakeClient(redirects);
    // Each call stands for a page load in the iframe: the redirect never comes back with a code.
    void signIn(options(client));
    void signIn(options(client));
    const third = await signIn(options(client));

    expect(inEnglish(third)).toEqual({
      status: 'signed-out',
      reason: 'Signing in did not complete. Sign in again to continue.',
    });
    expect(loginPKCEGrant).toHaveBeenCalledTimes(2);
  });

  it('lets an explicit click sign in after the guard stopped the redirects', async () => {
    const { client: stuck } = fakeClient(redirects);
    void signIn(options(stuck));
    void signIn(options(stuck));

    const { client, loginPKCEGrant } = fakeClient(succeeds);
    const session = await signIn(options(client, { interactive: true }));

    expect(session).toEqual({ status: 'signed-in', accessToken: 'token-2', expiresAt: 1_700_003_600_000 });
    expect(loginPKCEGrant).toHaveBeenCalledOnce();
  });

  it('forgets failed attempts once a sign-in succeeds', async () => {
    const { client: stuck } = fakeClient(redirects);
    void signIn(options(stuck));
    await signIn(options(fakeClient(succeeds).client, { interactive: true }));
    void signIn(options(stuck));

    const { client, loginPKCEGrant } = fakeClient(succeeds);
    expect((await signIn(options(client))).status).toBe('signed-in');
    expect(loginPKCEGrant).toHaveBeenCalledOnce();
  });

  it('redirects again once the attempts are more than a minute old', async () => {
    const { client: stuck } = fakeClient(redirects);
    void signIn(options(stuck, { now: () => 1_700_000_000_000 }));
    void signIn(options(stuck, { now: () => 1_700_000_001_000 }));

    const { client, loginPKCEGrant } = fakeClient(succeeds);
    await signIn(options(client, { now: () => 1_700_000_061_000 }));
    expect(loginPKCEGrant).toHaveBeenCalledOnce();
  });

  it('completes a sign-in that returns with a code and removes the code from the address', async () => {
    const { client: stuck } = fakeClient(redirects);
    void signIn(options(stuck));
    void signIn(options(stuck));
    window.history.replaceState(null, '', '/?code=one-time-code&state=attachment-viewer');

    const { client, loginPKCEGrant } = fakeClient(succeeds);
    const session = await signIn(options(client));

    expect(session.status).toBe('signed-in');
    // No verifier of ours: the SDK kept the one it made in sessionStorage before the redirect.
    expect(loginPKCEGrant).toHaveBeenCalledWith(
      'pkce-client-1',
      'https://viewer.example.com/',
      { state: 'attachment-viewer' },
      undefined,
    );
    expect(window.location.search).toBe('');
  });

  it('signs in through a popup without counting redirects', async () => {
    const { client: stuck } = fakeClient(redirects);
    void signIn(options(stuck));
    void signIn(options(stuck));

    const { client, loginPKCEGrant } = fakeClient(succeeds);
    expect((await signIn(options(client, { popup: true, interactive: true }))).status).toBe('signed-in');
    // The verifier is handed to the SDK, which keeps it in memory: the frame may have no storage.
    expect(loginPKCEGrant).toHaveBeenCalledWith(
      'pkce-client-1',
      'https://viewer.example.com/',
      {
        state: 'attachment-viewer',
        authPopupConfiguration: { usePopup: true, autoClosePopup: true, popupTimeout: 120_000 },
      },
      'v'.repeat(128),
    );
  });

  it('waits for a click before a popup sign-in, since browsers block a window nobody asked for', async () => {
    const { client, loginPKCEGrant } = fakeClient(succeeds);
    expect(inEnglish(await signIn(options(client, { popup: true })))).toEqual({
      status: 'signed-out',
      reason: 'Genesys Cloud sign-in opens in a new window. Select Sign in again to open it.',
    });
    expect(loginPKCEGrant).not.toHaveBeenCalled();
  });

  it('lets the SDK reuse a token it kept, without a click, in popup mode', async () => {
    localStorage.setItem('attachment_viewer_auth_data', JSON.stringify({ accessToken: 'kept-token' }));
    try {
      const { client, loginPKCEGrant } = fakeClient(succeeds);
      expect((await signIn(options(client, { popup: true }))).status).toBe('signed-in');
      expect(loginPKCEGrant).toHaveBeenCalledOnce();
    } finally {
      localStorage.removeItem('attachment_viewer_auth_data');
    }
  });

  it('explains a blocked popup', async () => {
    const { client } = fakeClient(async () => {
      throw new Error('Popup window was closed');
    });
    expect(inEnglish(await signIn(options(client, { popup: true, interactive: true })))).toEqual({
      status: 'signed-out',
      reason: 'The sign-in window was blocked or closed. Allow pop-ups and sign in again.',
    });
  });

  it('signs out with a general reason when the SDK rejects', async () => {
    const { client } = fakeClient(async () => {
      throw { status: 400, message: 'invalid_grant' };
    });
    expect(inEnglish(await signIn(options(client)))).toEqual({
      status: 'signed-out',
      reason: 'Your Genesys Cloud session could not be confirmed. Sign in again.',
    });
  });
});

describe('signIn back from the sign-in page, with the Platform SDK', () => {
  const api = 'https://api.sign-in.test';

  /** The SDK's own client on the widget's HTTP client, pointed at the fake network. */
  function sdkClient(): PlatformApiClient {
    const client = new ApiClient() as PlatformApiClient;
    client.setHttpClient(
      new FetchHttpClient() as unknown as Parameters<PlatformApiClient['setHttpClient']>[0],
    );
    client.setGateway({
      host: 'api.sign-in.test',
      protocol: 'https',
      port: 443,
      path_params_login: '',
      path_params_api: '',
    });
    return client;
  }

  it('hands over the issued token before the SDK has checked it, and resolves once it has', async () => {
    const network = installFakeNetwork();
    network.on('POST', `${api}/oauth/token`, () =>
      json({ access_token: 'issued-token', token_type: 'bearer', expires_in: 86_399 }),
    );
    const check = deferred();
    network.on('GET', `${api}/api/v2/tokens/me`, check.handler);
    sessionStorage.setItem('purecloud_pkce_code_verifier', 'the-code-verifier');
    window.history.replaceState(null, '', '/?code=one-time-code&state=attachment-viewer');

    const issued = vi.fn<(token: string) => void>();
    let settled = false;
    const session = signIn(options(sdkClient(), { onTokenIssued: issued })).finally(() => {
      settled = true;
    });

    await vi.waitFor(() => expect(issued).toHaveBeenCalledWith('issued-token'));
    // The SDK's check of the token is still under way: the sign-in has not settled.
    expect(network.seen('GET', `${api}/api/v2/tokens/me`)).toHaveLength(1);
    expect(settled).toBe(false);
    check.release(json({ token: { organization: { id: 'org' } } }));
    expect(await session).toMatchObject({ status: 'signed-in', accessToken: 'issued-token' });
    expect(issued).toHaveBeenCalledOnce();
    expect(String(network.seen('POST', `${api}/oauth/token`)[0]?.body)).toContain(
      'code_verifier=the-code-verifier',
    );
  });

  it('hands over nothing when the login service refuses the code', async () => {
    const network = installFakeNetwork();
    network.on('POST', `${api}/oauth/token`, () => json({ error: 'invalid_grant' }, 400));
    sessionStorage.setItem('purecloud_pkce_code_verifier', 'the-code-verifier');
    window.history.replaceState(null, '', '/?code=used-code&state=attachment-viewer');

    const issued = vi.fn<(token: string) => void>();
    expect((await signIn(options(sdkClient(), { onTokenIssued: issued }))).status).toBe('signed-out');
    expect(issued).not.toHaveBeenCalled();
  });
});

describe('renewDelay', () => {
  it('renews a minute before the token expires', () => {
    const session = { status: 'signed-in', accessToken: 't', expiresAt: 1_000_000 } as const;
    expect(renewDelay(session, 1_000_000 - 600_000)).toBe(540_000);
  });

  it('waits a few seconds rather than renewing in a tight loop when the token is about to expire', () => {
    const session = { status: 'signed-in', accessToken: 't', expiresAt: 1_000_000 } as const;
    expect(renewDelay(session, 1_000_000)).toBe(5_000);
  });

  it('does not renew a session that is not signed in', () => {
    expect(renewDelay({ status: 'signed-out', reason: { message: { id: 'x' } } })).toBeUndefined();
  });
});

describe('backFromSignIn', () => {
  it('is true only for a page whose query carries the code to exchange', () => {
    expect(backFromSignIn('?code=abc&state=attachment-viewer')).toBe(true);
    expect(backFromSignIn('?gcConversationId=c-1')).toBe(false);
    expect(backFromSignIn('?error=access_denied')).toBe(false);
    expect(backFromSignIn('')).toBe(false);
  });
});

describe('storageUsable', () => {
  it('is true for working storage and false for storage that throws', () => {
    expect(storageUsable(() => sessionStorage)).toBe(true);
    expect(
      storageUsable(() => {
        throw new DOMException('blocked', 'SecurityError');
      }),
    ).toBe(false);
  });
});
