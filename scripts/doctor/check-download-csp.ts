// With GENESYS_DOWNLOADS=direct the widget loads Genesys's signed download URLs itself: the running
// widget page's CSP must allow each download host for fetch (pdf.js), images and media, or the
// browser blocks every Genesys-hosted file.
import { genesysDownloadLinkOrigins } from '../../proxy/storage/genesys-download/download-link-origins.ts';
import { allows } from './check-storage-csp.ts';
import type { DoctorContext } from './doctor-context.ts';
import { type Finding, skip } from './finding.ts';

const DIRECTIVES = ['connect-src', 'img-src', 'media-src'];

export async function checkDownloadCsp(context: DoctorContext): Promise<Finding | undefined> {
  const { genesys } = context.config;
  if (genesys.downloads !== 'direct') return undefined;
  const id = 'proxy.download-csp';
  const title = 'Widget CSP for Genesys downloads';
  const csp = context.widgetCsp;
  if (!csp) return skip(id, title, 'skipped: the widget page could not be read');
  // https only: what Genesys's signed URLs use (the http twins exist for a sandbox org).
  const origins = genesysDownloadLinkOrigins(genesys).filter((o) => o.startsWith('https:'));
  if (origins.length === 0)
    return {
      id,
      title,
      status: 'fail',
      detail:
        'GENESYS_DOWNLOADS=direct but GENESYS_DOWNLOAD_HOSTS is empty: no Genesys-hosted file can open.',
      fix: 'List the hosts Genesys’s signed download URLs point at in GENESYS_DOWNLOAD_HOSTS (docs/install.md), or use GENESYS_DOWNLOADS=relay.',
    };
  const blocked = origins.flatMap((origin) => {
    const refused = DIRECTIVES.filter((d) => !allows(csp.get(d) ?? csp.get('default-src') ?? [], origin));
    return refused.length > 0 ? [`${origin} (${refused.join(', ')})`] : [];
  });
  if (blocked.length === 0)
    return { id, title, status: 'pass', detail: `${DIRECTIVES.join(', ')} allow ${origins.join(', ')}` };
  return {
    id,
    title,
    status: 'fail',
    detail: `the running widget page does not allow ${blocked.join('; ')}: the browser blocks Genesys-hosted files there.`,
    fix: 'Restart every replica with these GENESYS_DOWNLOADS and GENESYS_DOWNLOAD_HOSTS settings: the page’s CSP is built from them at startup.',
  };
}
