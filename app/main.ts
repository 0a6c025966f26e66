import './styles.css';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { loadWidgetConfig } from './shared/api/widget-config.ts';
import { configurePlatformClient, signIn, storageUsable } from './shared/auth/genesys-session.ts';
import { resolveContext } from './shared/context/widget-context.ts';
import { lazyNotifications } from './shared/genesys/lazy-notifications.ts';
import { analyticsApi, conversationsApi } from './shared/genesys/platform-sdk.ts';
import { sdkReads } from './shared/genesys/sdk-reads.ts';
import { connectDesktop } from './shared/host/desktop-host.ts';
import { I18nProvider } from './shared/i18n/i18n-provider.tsx';
import { defineMessages, FormattedMessage } from './shared/i18n/messages.ts';
import { Say } from './shared/i18n/phrase.tsx';

const messages = defineMessages<{ notConfigured: { detail: string } }>({
  notConfigured: { id: 'boot.notConfigured', defaultMessage: 'The viewer is not configured: {detail}' },
});

/** The agent's language before the widget's context is known (the problems that stop it from being known). */
function urlLangTag(): string | undefined {
  const params = new URLSearchParams(window.location.search);
  return params.get('gcLangTag') ?? params.get('pcLangTag') ?? undefined;
}

async function boot(root: HTMLElement): Promise<void> {
  const reactRoot = createRoot(root);
  let config: Awaited<ReturnType<typeof loadWidgetConfig>>;
  try {
    config = await loadWidgetConfig();
  } catch (error) {
    reactRoot.render(
      <I18nProvider langTag={urlLangTag()}>
        <p role="alert">
          <FormattedMessage {...messages.notConfigured} values={{ detail: (error as Error).message }} />
        </p>
      </I18nProvider>,
    );
    return;
  }
  const storageOk = storageUsable(() => window.sessionStorage);
  const resolved = resolveContext(
    window.location,
    storageOk ? window.sessionStorage : undefined,
    !!config.sandboxApiBase,
  );
  if (!resolved.ok) {
    reactRoot.render(
      <I18nProvider langTag={urlLangTag()}>
        <p role="alert">
          <Say phrase={resolved.problem} />
        </p>
      </I18nProvider>,
    );
    return;
  }
  const { context } = resolved;
  const host = connectDesktop(context);
  const client = configurePlatformClient(config, context);
  const redirectUri = new URL('./', window.location.href).href.split('?')[0] ?? window.location.origin;
  reactRoot.render(
    <App
      context={context}
      proxyBase={config.proxyBase}
      pdfPrint={config.pdfPrint}
      downloads={config.downloads}
      platform={sdkReads()}
      host={host}
      setToken={(token) => client.setAccessToken(token)}
      notifications={lazyNotifications()}
      sandboxNotice={config.sandboxNotice}
      activeConversations={async () =>
        ((await conversationsApi().getConversations()).entities ?? []).flatMap((c) => (c.id ? [c.id] : []))
      }
      analyticsQuery={async (body) => (await analyticsApi()).postAnalyticsConversationsDetailsQuery(body)}
      signIn={(interactive) =>
        signIn({
          client,
          config,
          context,
          redirectUri,
          interactive,
          popup: context.usePopupAuth || !storageOk,
        })
      }
    />,
  );
  host.onStop(() => reactRoot.unmount());
}

const root = document.getElementById('root');
if (root) void boot(root);
