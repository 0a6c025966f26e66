// Signs the agent in with PKCE through the Platform SDK (docs/genesys-platform.md §4) and keeps the
// session: popup sign-in when the host asks for it or the iframe's storage is unusable, silent
// re-login before the token expires, and a guard so a failing sign-in never loops inside the iframe.
import type { WidgetConfig } from '../api/widget-config.ts';
import type { WidgetContext } from '../context/widget-context.ts';
import { type PlatformApiClient, platformApiClient } from '../genesys/platform-sdk.ts';
import { defineMessages } from '../i18n/messages.ts';
import { type Phrase, phrase } from '../i18n/phrase-value.ts';
import { SIGN_IN_STATE } from './popup-return.ts';

const messages = defineMessages({
  incomplete: {
    id: 'session.signInIncomplete',
    defaultMessage: 'Signing in did not complete. Sign in again to continue.',
  },
  popupBlocked: {
    id: 'session.popupBlocked',
    defaultMessage: 'The sign-in window was blocked or closed. Allow pop-ups and sign in again.',
  },
  popupNeeded: {
    id: 'session.popupNeeded',
    defaultMessage: 'Genesys Cloud sign-in opens in a new window. Select Sign in again to open it.',
  },
  unconfirmed: {
    id: 'session.unconfirmed',
    defaultMessage: 'Your Genesys Cloud session could not be confirmed. Sign in again.',
  },
});

export type SessionState =
  | { status: 'signing-in' }
  | { status: 'signed-in'; accessToken: string; expiresAt: number }
  | { status: 'signed-out'; reason: Phrase };

const LOOP_GUARD_KEY = 'attachment-viewer.sign-in-attempts';
const MAX_REDIRECTS_PER_MINUTE = 2;
/** Re-login this long before the token expires. */
const RENEW_MARGIN_MS = 60_000;

export type { PlatformApiClient };

/** The Platform SDK keeps the session in localStorage under `<prefix>_auth_data`. */
const SETTINGS_PREFIX = 'attachment_viewer';

export function configurePlatformClient(config: WidgetConfig, context: WidgetContext): PlatformApiClient {
  const client = platformApiClient();
  if (config.sandboxApiBase) {
    const u = new URL(config.sandboxApiBase);
    client.setGateway({
      host: u.hostname,
      protocol: u.protocol.replace(':', ''),
      port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)),
      path_params_login: '',
      path_params_api: '',
    });
  } else {
    client.setEnvironment(context.tld);
  }
  client.setPersistSettings(true, SETTINGS_PREFIX);
  return client;
}

/** A token the SDK kept from an earlier sign-in here (it checks it before using it), if any. */
function keptToken(): boolean {
  try {
    const kept = JSON.parse(localStorage.getItem(`${SETTINGS_PREFIX}_auth_data`) ?? '{}') as {
      accessToken?: unknown;
    };
    return typeof kept.accessToken === 'string' && kept.accessToken !== '';
  } catch {
    return false;
  }
}

/** True when sessionStorage works here (it can be partitioned or blocked inside the desktop's iframe). */
export function storageUsable(storage: () => Storage): boolean {
  try {
    const s = storage();
    s.setItem('attachment-viewer.probe', '1');
    s.removeItem('attachment-viewer.probe');
    return true;
  } catch {
    return false;
  }
}

export interface SignInOptions {
  client: PlatformApiClient;
  config: WidgetConfig;
  context: WidgetContext;
  redirectUri: string;
  /** Use a popup (the host asked for it, or storage is partitioned). */
  popup: boolean;
  /** An explicit click: allowed even when the loop guard tripped. */
  interactive?: boolean;
  /**
   * Called with the token the login service issues for a code as its answer arrives, before the SDK
   * has checked it (GET /api/v2/tokens/me), so work that needs the token need not wait that round
   * trip. Not called for a stored token; the session is still the resolved value.
   */
  onTokenIssued?: (accessToken: string) => void;
  now?: () => number;
}

/** This page is the way back from the sign-in page, with the code to exchange (`?code=`). */
export function backFromSignIn(search: string = window.location.search): boolean {
  return new URLSearchParams(search).has('code');
}

/**
 * Completes a sign-in that came back with `?code=`, reuses a stored token that still works, or
 * starts a new sign-in. Resolves with the session; a redirect never resolves (the page unloads).
 */
export async function signIn(options: SignInOptions): Promise<SessionState> {
  const { client, config, popup } = options;
  const now = options.now ?? Date.now;
  const returning = backFromSignIn();
  if (!returning && !popup && !options.interactive && !recordRedirectAttempt(now())) {
    return { status: 'signed-out', reason: phrase(messages.incomplete) };
  }
  // Browsers open a window only on a click: without a kept token to reuse, a popup's sign-in waits
  // for one. (The SDK does not see a blocked window: it would wait out its two-minute timeout.)
  if (popup && !options.interactive && !returning && !keptToken()) {
    return { status: 'signed-out', reason: phrase(messages.popupNeeded) };
  }
  const stopWatching = options.onTokenIssued ? watchTokenIssued(client, options.onTokenIssued) : noop;
  try {
    const auth = await client.loginPKCEGrant(
      config.oauthClientId,
      options.redirectUri,
      {
        state: SIGN_IN_STATE,
        ...(popup
          ? { authPopupConfiguration: { usePopup: true, autoClosePopup: true, popupTimeout: 120_000 } }
          : {}),
      },
      // A popup's sign-in comes back to this page, which stays, so its PKCE code verifier can stay in
      // memory. The SDK would keep one it makes in sessionStorage, and refuses to start without
      // storage; storage is what a browser that blocks third-party storage denies the widget's frame,
      // which is why the sign-in is a popup then.
      popup ? client.generatePKCECodeVerifier(128) : undefined,
    );
    if (returning) {
      // Strip ?code= so a reload does not replay it (and the code never lingers in history).
      const url = new URL(window.location.href);
      url.search = '';
      window.history.replaceState(null, '', url.toString());
    }
    clearRedirectAttempts();
    return {
      status: 'signed-in',
      accessToken: auth.accessToken,
      expiresAt: auth.tokenExpiryTime || now() + 3_600_000,
    };
  } catch (error) {
    return { status: 'signed-out', reason: describe(error) };
  } finally {
    stopWatching();
  }
}

const noop = () => undefined;

/**
 * Calls `listener` once with the access token of the login service's answer to the code exchange
 * (OAuth 2.0's token response, RFC 6749 §5.1: the one answer that has `access_token`). Seen through
 * the SDK's HTTP client post-hook (AbstractHttpClient.setPostHook, its extension point), because
 * loginPKCEGrant resolves only after a check of the token. Returns a function that stops watching.
 */
function watchTokenIssued(client: PlatformApiClient, listener: (accessToken: string) => void): () => void {
  let watching = true;
  client.getHttpClient().setPostHook(async (response: unknown) => {
    const token = watching ? issuedToken(response) : undefined;
    if (token === undefined) return undefined;
    watching = false;
    try {
      listener(token);
    } catch {
      // The listener's failure is its own; the sign-in goes on.
    }
    return undefined;
  });
  return () => {
    watching = false;
  };
}

function issuedToken(response: unknown): string | undefined {
  const { status, data } = (response ?? {}) as { status?: number; data?: { access_token?: unknown } };
  const token = status === 200 && typeof data === 'object' && data ? data.access_token : undefined;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/** Milliseconds until the session should be renewed silently. */
export function renewDelay(session: SessionState, now = Date.now()): number | undefined {
  if (session.status !== 'signed-in') return undefined;
  return Math.max(session.expiresAt - now - RENEW_MARGIN_MS, 5_000);
}

function recordRedirectAttempt(now: number): boolean {
  try {
    const recent = (JSON.parse(sessionStorage.getItem(LOOP_GUARD_KEY) ?? '[]') as number[]).filter(
      (t) => now - t < 60_000,
    );
    if (recent.length >= MAX_REDIRECTS_PER_MINUTE) return false;
    sessionStorage.setItem(LOOP_GUARD_KEY, JSON.stringify([...recent, now]));
    return true;
  } catch {
    return true;
  }
}

function clearRedirectAttempts(): void {
  try {
    sessionStorage.removeItem(LOOP_GUARD_KEY);
  } catch {
    // nothing to clear
  }
}

function describe(error: unknown): Phrase {
  const message = error instanceof Error ? error.message : String(error);
  return phrase(/popup/i.test(message) ? messages.popupBlocked : messages.unconfirmed);
}
