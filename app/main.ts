// The widget's entry: configuration, context and sign-in, and nothing of React. On an agent's first
// open the PKCE sign-in leaves the page for Genesys' login at once, so React and the list's code
// (app-root.tsx) must not run before it; on the way back they download while the code is exchanged
// for a token, and run once the list's reads are sent (docs/performance.md, "Time to the list").
import './styles.css';
import { type EarlyReads, startEarlyReads } from './shared/api/early-reads.ts';
import { createProxyClient } from './shared/api/proxy-client.ts';
import { loadWidgetConfig, type WidgetConfig } from './shared/api/widget-config.ts';
import {
  backFromSignIn,
  configurePlatformClient,
  type SessionState,
  signIn,
  storageUsable,
} from './shared/auth/genesys-session.ts';
import { returnToOpener } from './shared/auth/popup-return.ts';
import { APP_ROOT_MODULES_META } from './shared/boot/app-root-modules.ts';
import { resolveContext } from './shared/context/widget-context.ts';
import { lazyNotifications } from './shared/genesys/lazy-notifications.ts';
import { analyticsApi, conversationsApi } from './shared/genesys/platform-sdk.ts';
import { sdkReads } from './shared/genesys/sdk-reads.ts';
import { connectDesktop } from './shared/host/desktop-host.ts';
import { prepareLanguage } from './shared/i18n/prepare-language.ts';

/** The agent's language before the widget's context is known (the problems that stop it from being known). */
function urlLangTag(): string | undefined {
  const params = new URLSearchParams(window.location.search);
  return params.get('gcLangTag') ?? params.get('pcLangTag') ?? undefined;
}

/**
 * How long the page back from the sign-in may stay blank while the code is exchanged and checked
 * (two round trips, 100–250 ms measured on loopback and an office network) before it shows the
 * app's "Signing in…": about where a wait starts to be noticed.
 */
const QUIET_SIGN_IN_MS = 300;

/** Starts fetching React and the list's chunks (named by the build) ahead of their import. */
function preloadAppRoot(): void {
  const named = document.querySelector<HTMLMetaElement>(`meta[name="${APP_ROOT_MODULES_META}"]`);
  for (const href of named?.content.split(' ').filter(Boolean) ?? []) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
}

async function boot(root: HTMLElement): Promise<void> {
  // React and the list (app-root.tsx) run once needed: at once to show a problem or a sign-in
  // popup's wait, otherwise once the sign-in has sent the list's reads.
  let loaded: Promise<typeof import('./app-root.tsx')> | undefined;
  const appRoot = () => (loaded ??= import('./app-root.tsx'));
  let config: WidgetConfig;
  try {
    config = await loadWidgetConfig();
  } catch (error) {
    const { notConfigured, showProblem } = await appRoot();
    showProblem(root, urlLangTag(), notConfigured((error as Error).message));
    return;
  }
  const storageOk = storageUsable(() => window.sessionStorage);
  const resolved = resolveContext(
    window.location,
    storageOk ? window.sessionStorage : undefined,
    !!config.sandboxApiBase,
  );
  if (!resolved.ok) {
    (await appRoot()).showProblem(root, urlLangTag(), resolved.problem);
    return;
  }
  const { context } = resolved;
  const client = configurePlatformClient(config, context);
  const redirectUri = new URL('./', window.location.href).href.split('?')[0] ?? window.location.origin;
  const popup = context.usePopupAuth || !storageOk;
  if (popup) void appRoot();
  // Back from the sign-in page, React downloads while the code is exchanged; a first open leaves.
  else if (backFromSignIn()) preloadAppRoot();
  const platform = sdkReads();
  // The list's reads start the moment there is a token, before React has run (early-reads.ts): the
  // login service's, as its answer arrives (the SDK's own check of it goes alongside), or a stored
  // one once the SDK has checked it.
  let early: EarlyReads | undefined;
  const startReads = (accessToken: string): EarlyReads | undefined => {
    client.setAccessToken(accessToken);
    if (early || context.mode !== 'interaction' || !context.conversationId) return early;
    const proxy = createProxyClient({
      base: config.proxyBase,
      getToken: () => accessToken,
      region: context.tld,
    });
    early = startEarlyReads(platform, proxy, context.conversationId);
    // Once they have left, the agent's language is made ready while they are out.
    setTimeout(() => prepareLanguage(context.langTag), 0);
    return early;
  };
  // Started before React has run: a first open redirects from here, and a return with ?code=
  // exchanges it while app-root.tsx downloads. The app's own first sign-in is this one.
  const signInNow = (interactive: boolean, onTokenIssued?: (accessToken: string) => void) =>
    signIn({ client, config, context, redirectUri, interactive, popup, onTokenIssued });
  let started: Promise<SessionState> | undefined = signInNow(false, startReads);
  let firstSession: SessionState | undefined;
  const earlyReads = started.then((session) => {
    firstSession = session;
    return session.status === 'signed-in' ? startReads(session.accessToken) : undefined;
  });
  const host = connectDesktop(context, earlyReads);
  // A first open leaves for the sign-in page from here; a return with ?code= exchanges it and
  // starts the reads, and only then does the main thread evaluate React (its evaluation overlaps the
  // reads' round trips), unless the exchange is slow enough to be noticed: then the app shows
  // "Signing in…" meanwhile, as it does at once for a popup's sign-in (which may take minutes).
  if (!popup) await Promise.race([started, new Promise((wait) => setTimeout(wait, QUIET_SIGN_IN_MS))]);
  const { showApp } = await appRoot();
  // Settled already: the app starts in its state, and its own next sign-in is a new one.
  const firstSignIn = firstSession && { session: firstSession, reads: early };
  if (firstSignIn) started = undefined;
  showApp(root, {
    context,
    proxyBase: config.proxyBase,
    pdfPrint: config.pdfPrint,
    downloads: config.downloads,
    platform,
    earlyReads,
    firstSignIn,
    host,
    setToken: (token) => client.setAccessToken(token),
    notifications: lazyNotifications(),
    sandboxNotice: config.sandboxNotice,
    activeConversations: async () =>
      ((await conversationsApi().getConversations()).entities ?? []).flatMap((c) => (c.id ? [c.id] : [])),
    analyticsQuery: async (body) => (await analyticsApi()).postAnalyticsConversationsDetailsQuery(body),
    signIn: (interactive) => {
      const first = started;
      started = undefined;
      return first && !interactive ? first : signInNow(interactive);
    },
  });
}

const root = document.getElementById('root');
// A sign-in popup back from the login service hands its answer to the widget and is closed by it.
if (root && !returnToOpener()) void boot(root);
