// Deployment settings the proxy serves next to the widget: nothing here is a secret, and nothing
// deployment-specific is compiled into the widget.

export interface WidgetConfig {
  /** The PKCE OAuth client (Admin > Integrations > OAuth, grant type Code Authorization). */
  oauthClientId: string;
  /** The proxy's API base (same origin by default). */
  proxyBase: string;
  /** Set only when the proxy runs against the sandbox org: the widget talks to it instead of Genesys. */
  sandboxApiBase?: string;
}

export async function loadWidgetConfig(fetchImpl: typeof fetch = fetch): Promise<WidgetConfig> {
  const response = await fetchImpl('widget-config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`widget-config.json: ${response.status}`);
  const body = (await response.json()) as Partial<WidgetConfig>;
  if (typeof body.oauthClientId !== 'string' || body.oauthClientId === '')
    throw new Error('widget-config.json has no oauthClientId: set GENESYS_OAUTH_CLIENT_ID on the proxy');
  return {
    oauthClientId: body.oauthClientId,
    proxyBase: typeof body.proxyBase === 'string' ? body.proxyBase : '',
    sandboxApiBase: typeof body.sandboxApiBase === 'string' ? body.sandboxApiBase : undefined,
  };
}
