import { describe, expect, it, vi } from 'vitest';
import { loadWidgetConfig } from '../../../../app/shared/api/widget-config.ts';

function pageWith(content: string | undefined): Document {
  const doc = document.implementation.createHTMLDocument('widget');
  if (content !== undefined) {
    const meta = doc.createElement('meta');
    meta.name = 'widget-config';
    meta.content = content;
    doc.head.append(meta);
  }
  return doc;
}

describe('the widget settings', () => {
  it('come from the page when the proxy wrote them into it, with no request', async () => {
    const fetchImpl = vi.fn<typeof fetch>();
    const config = await loadWidgetConfig(fetchImpl, pageWith('{"oauthClientId":"client-1","proxyBase":""}'));
    expect(config).toEqual({
      oauthClientId: 'client-1',
      proxyBase: '',
      sandboxApiBase: undefined,
      pdfPrint: false,
      downloads: true,
    });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('come from widget-config.json when the page has none (the dev server)', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => Response.json({ oauthClientId: 'client-2' }));
    const config = await loadWidgetConfig(fetchImpl, pageWith(undefined));
    expect(config.oauthClientId).toBe('client-2');
    expect(fetchImpl).toHaveBeenCalledWith('widget-config.json', { cache: 'no-store' });
  });

  it('allow printing PDFs only when the proxy says so in as many words', async () => {
    const allowed = await loadWidgetConfig(
      vi.fn<typeof fetch>(),
      pageWith('{"oauthClientId":"c","pdfPrint":true}'),
    );
    const fuzzy = await loadWidgetConfig(
      vi.fn<typeof fetch>(),
      pageWith('{"oauthClientId":"c","pdfPrint":"yes"}'),
    );
    expect(allowed.pdfPrint).toBe(true);
    expect(fuzzy.pdfPrint).toBe(false);
  });

  it('say how to fix a proxy that has no OAuth client', async () => {
    await expect(loadWidgetConfig(vi.fn<typeof fetch>(), pageWith('{"oauthClientId":""}'))).rejects.toThrow(
      /set GENESYS_OAUTH_CLIENT_ID/,
    );
  });
});
