// Deployment settings the proxy serves next to the widget: nothing here is a secret, and nothing
// deployment-specific is compiled into the widget. The proxy writes them into the page itself
// (a `<meta name="widget-config">`, proxy/http/widget-assets.ts), which saves a round trip on each of
// the two page loads of a PKCE sign-in; widget-config.json serves the same (Vite's dev server).

export interface WidgetConfig {
  /** The PKCE OAuth client (Admin > Integrations > OAuth, grant type Code Authorization). */
  oauthClientId: string;
  /** The proxy's API base (same origin by default). */
  proxyBase: string;
  /** Set only when the proxy runs against the sandbox org: the widget talks to it instead of Genesys. */
  sandboxApiBase?: string;
  /** `npm start` without Swift: the sample S3 buckets are not served, and the widget says so. */
  sandboxNotice?: 'no-s3';
  /** The admin allows printing PDFs (PDF_PRINT on the proxy); off unless the proxy says true. */
  pdfPrint?: boolean;
  /** The admin allows downloads (DOWNLOADS on the proxy); on unless the proxy says false. */
  downloads?: boolean;
}

export const WIDGET_CONFIG_META = 'widget-config';

function validated(body: Partial<WidgetConfig>): WidgetConfig {
  if (typeof body.oauthClientId !== 'string' || body.oauthClientId === '')
    throw new Error('widget-config.json has no oauthClientId: set GENESYS_OAUTH_CLIENT_ID on the proxy');
  return {
    oauthClientId: body.oauthClientId,
    proxyBase: typeof body.proxyBase === 'string' ? body.proxyBase : '',
    sandboxApiBase: typeof body.sandboxApiBase === 'string' ? body.sandboxApiBase : undefined,
    ...(body.sandboxNotice === 'no-s3' && typeof body.sandboxApiBase === 'string'
      ? { sandboxNotice: 'no-s3' as const }
      : {}),
    pdfPrint: body.pdfPrint === true,
    downloads: body.downloads !== false,
  };
}

function fromPage(doc: Document | undefined): Partial<WidgetConfig> | undefined {
  const content = doc?.querySelector(`meta[name="${WIDGET_CONFIG_META}"]`)?.getAttribute('content');
  if (!content) return undefined;
  try {
    return JSON.parse(content) as Partial<WidgetConfig>;
  } catch {
    return undefined;
  }
}

export async function loadWidgetConfig(
  fetchImpl: typeof fetch = fetch,
  doc: Document | undefined = globalThis.document,
): Promise<WidgetConfig> {
  const inPage = fromPage(doc);
  if (inPage) return validated(inPage);
  const response = await fetchImpl('widget-config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`widget-config.json: ${response.status}`);
  return validated((await response.json()) as Partial<WidgetConfig>);
}
