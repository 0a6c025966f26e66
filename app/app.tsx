import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { PlatformReads } from '../core/conversation-reader.ts';
import type { AnalyticsQuery } from './features/review/use-recent-interactions.ts';
import { AttachmentsScreen } from './screens/attachments-screen.tsx';
import { clientConfigKey } from './shared/api/client-config-query.ts';
import type { EarlyReads } from './shared/api/early-reads.ts';
import { createProxyClient } from './shared/api/proxy-client.ts';
import { ServicesProvider } from './shared/api/services.tsx';
import { attachmentStatusKey } from './shared/attachments/attachment-status-query.ts';
import { conversationReadKey } from './shared/attachments/conversation-read-query.ts';
import { renewDelay, type SessionState } from './shared/auth/genesys-session.ts';
import type { WidgetContext } from './shared/context/widget-context.ts';
import type { ConversationNotifications } from './shared/genesys/conversation-notifications.ts';
import { statusOf } from './shared/genesys/sdk-reads.ts';
import type { DesktopHost } from './shared/host/desktop-host.ts';
import { I18nProvider } from './shared/i18n/i18n-provider.tsx';
import { defineMessages, FormattedMessage } from './shared/i18n/messages.ts';
import { Say } from './shared/i18n/phrase.tsx';
import { phrase } from './shared/i18n/phrase-value.ts';
import type { SandboxNotice } from './shared/sandbox/sandbox-notice.tsx';

// Review mode and stable links are other entries than the interaction panel an agent opens all day:
// their code loads only when the widget is opened as one of them, so the list's first download
// does not carry it.
const ReviewScreen = lazy(async () => ({
  default: (await import('./screens/review-screen.tsx')).ReviewScreen,
}));
const RefScreen = lazy(async () => ({ default: (await import('./screens/ref-screen.tsx')).RefScreen }));
// The demo's notice shows only under `npm start`, never in Genesys.
const SandboxNoticeBanner = lazy(async () => ({
  default: (await import('./shared/sandbox/sandbox-notice.tsx')).SandboxNoticeBanner,
}));

export interface AppProps {
  context: WidgetContext;
  proxyBase: string;
  platform: PlatformReads;
  host: DesktopHost;
  /** Signs in; `interactive` when the agent clicked "Sign in again". */
  signIn: (interactive: boolean) => Promise<SessionState>;
  /** Gives the Platform SDK the token (the widget reads the conversation with it). */
  setToken: (token: string) => void;
  /** Review mode's list of interactions (the analytics conversation details query). */
  analyticsQuery?: AnalyticsQuery;
  /** Pushed conversation changes (the Notifications API). */
  notifications?: ConversationNotifications;
  /** The agent's active conversation ids (a stable link without a conversation id is looked for there). */
  activeConversations?: () => Promise<string[]>;
  /** The reads the entry started once signed in (early-reads.ts): the first queries take them over. */
  earlyReads?: Promise<EarlyReads | undefined>;
  /**
   * The entry's first sign-in, when it had settled before the app started, with the reads it started:
   * the app starts in that state (its first render can be the list) and does not ask `signIn` for it.
   */
  firstSignIn?: { session: SessionState; reads: EarlyReads | undefined };
  /** `npm start` only: what of the demo cannot work on this machine. */
  sandboxNotice?: SandboxNotice;
  /** The admin allows printing PDFs (widget-config's pdfPrint). */
  pdfPrint?: boolean;
  /** The admin allows downloads (widget-config's downloads). */
  downloads?: boolean;
}

/** Retries a failure once, unless it is a 4xx (expired session, denied, blocked, gone): that answer will not change. */
function retryOnce(failureCount: number, error: unknown): boolean {
  const status = statusOf(error) ?? 0;
  return failureCount < 1 && !(status >= 400 && status < 500);
}

/** Puts the entry's reads into the query cache under the keys the list's queries use. */
function adoptEarlyReads(client: QueryClient, reads: EarlyReads): void {
  const { conversationId, arrived } = reads;
  adopt(client, conversationReadKey(conversationId), reads.read, arrived.read);
  adopt(client, clientConfigKey, reads.config, arrived.config);
  adopt(client, attachmentStatusKey(conversationId), reads.status, arrived.status);
}

/** An answer already in is the query's data at once; one still awaited is the query's fetch. */
function adopt<T>(
  client: QueryClient,
  queryKey: readonly unknown[],
  answer: Promise<T>,
  arrived: T | undefined,
): void {
  if (arrived !== undefined) client.setQueryData(queryKey, arrived);
  else void client.prefetchQuery({ queryKey, queryFn: () => answer });
}

/** Sign-in states, then the attachments of the conversation. */
const noAnalytics: AnalyticsQuery = () => Promise.reject(new Error('analytics is not available'));

/** The widget in the agent's language (`gcLangTag`). */
export function App(props: AppProps) {
  return (
    <I18nProvider langTag={props.context.langTag}>
      {props.sandboxNotice ? (
        <Suspense fallback={null}>
          <SandboxNoticeBanner notice={props.sandboxNotice} />
        </Suspense>
      ) : null}
      <SignedInApp {...props} />
    </I18nProvider>
  );
}

const messages = defineMessages({
  signingIn: { id: 'app.signingIn', defaultMessage: 'Signing in to Genesys Cloud…' },
  signInAgain: { id: 'app.signInAgain', defaultMessage: 'Sign in again' },
  openAnInteraction: {
    id: 'app.openAnInteraction',
    defaultMessage: 'Open an interaction to see its attachments.',
  },
  sessionExpired: {
    id: 'app.sessionExpired',
    defaultMessage: 'Your session expired. Sign in again to continue.',
  },
});

function SignedInApp({
  context,
  proxyBase,
  platform,
  host,
  signIn,
  setToken,
  analyticsQuery = noAnalytics,
  notifications,
  activeConversations,
  earlyReads,
  firstSignIn,
  pdfPrint = false,
  downloads = true,
}: AppProps) {
  const [session, setSession] = useState<SessionState>(() => {
    if (firstSignIn?.session.status === 'signed-in') setToken(firstSignIn.session.accessToken);
    return firstSignIn?.session ?? { status: 'signing-in' };
  });
  const [queryClient] = useState(() => {
    const client = new QueryClient({
      defaultOptions: { queries: { retry: retryOnce, refetchOnWindowFocus: false } },
    });
    if (firstSignIn?.session.status === 'signed-in' && firstSignIn.reads)
      adoptEarlyReads(client, firstSignIn.reads);
    return client;
  });

  const [early] = useState(() => ({ reads: firstSignIn ? undefined : earlyReads }));
  const start = useCallback(
    (interactive: boolean, renewing = false) => {
      // A silent renewal keeps the screen (and the open preview) up until it has an answer.
      if (!renewing) setSession({ status: 'signing-in' });
      void signIn(interactive).then(async (s) => {
        if (s.status === 'signed-in') {
          setToken(s.accessToken);
          // Only the first sign-in's: taken over before the list mounts, so it asks nothing again.
          const reads = await early.reads;
          early.reads = undefined;
          if (reads) adoptEarlyReads(queryClient, reads);
        }
        setSession(s);
      });
    },
    [signIn, setToken, early, queryClient],
  );

  // Signed in already when the entry's first sign-in had settled: nothing to start.
  const [startedSignedIn] = useState(firstSignIn !== undefined);
  useEffect(() => {
    if (!startedSignedIn) start(false);
  }, [start, startedSignedIn]);

  useEffect(
    function renewBeforeExpiry() {
      const delay = renewDelay(session);
      if (delay === undefined) return;
      const timer = setTimeout(() => start(false, true), delay);
      return () => clearTimeout(timer);
    },
    [session, start],
  );

  const token = session.status === 'signed-in' ? session.accessToken : undefined;
  const services = useMemo(
    () => ({
      proxy: createProxyClient({ base: proxyBase, getToken: () => token, region: context.tld }),
      platform,
      host,
      notifications,
      viewerSettings: { pdfPrint, downloads },
      onSessionExpired: () => setSession({ status: 'signed-out', reason: phrase(messages.sessionExpired) }),
    }),
    [proxyBase, token, context.tld, platform, host, notifications, pdfPrint, downloads],
  );

  if (session.status === 'signing-in')
    return (
      <p className="centered" role="status">
        <FormattedMessage {...messages.signingIn} />
      </p>
    );
  if (session.status === 'signed-out')
    return (
      <div className="centered sign-in" role="alert">
        <p>
          <Say phrase={session.reason} />
        </p>
        <button type="button" onClick={() => start(true)}>
          <FormattedMessage {...messages.signInAgain} />
        </button>
      </div>
    );
  if (context.mode === 'review')
    return (
      <QueryClientProvider client={queryClient}>
        <ServicesProvider services={services}>
          <Suspense fallback={null}>
            <ReviewScreen
              locale={context.langTag}
              initialConversationId={context.conversationId}
              analyticsQuery={analyticsQuery}
            />
          </Suspense>
        </ServicesProvider>
      </QueryClientProvider>
    );
  if (context.mode === 'ref')
    return (
      <QueryClientProvider client={queryClient}>
        <ServicesProvider services={services}>
          <Suspense fallback={null}>
            <RefScreen
              conversationId={context.conversationId}
              refKey={context.refKey}
              locale={context.langTag}
              onSessionExpired={services.onSessionExpired}
              activeConversations={activeConversations}
              analyticsQuery={analyticsQuery}
            />
          </Suspense>
        </ServicesProvider>
      </QueryClientProvider>
    );
  if (!context.conversationId)
    return (
      <p className="centered" role="status">
        <FormattedMessage {...messages.openAnInteraction} />
      </p>
    );
  return (
    <QueryClientProvider client={queryClient}>
      <ServicesProvider services={services}>
        <AttachmentsScreen conversationId={context.conversationId} locale={context.langTag} />
      </ServicesProvider>
    </QueryClientProvider>
  );
}
