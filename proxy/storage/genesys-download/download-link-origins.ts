import type { GenesysConfig } from '../../config/sections/genesys-config.ts';

/**
 * The origins Genesys's signed download URLs point at, for the widget's CSP, when the widget is given
 * them directly (`GENESYS_DOWNLOADS=direct`): each of `GENESYS_DOWNLOAD_HOSTS` over https, and the
 * sandbox org's own origin, which serves its signed URLs. With a sandbox org (development only) a
 * download host is admitted over http too: the sandbox serves plain http on loopback. Relayed files
 * are on our own origin: none.
 */
export function genesysDownloadLinkOrigins(genesys: GenesysConfig): string[] {
  if (genesys.downloads !== 'direct') return [];
  const sandbox = genesys.apiBaseOverride;
  return [
    ...genesys.downloadHosts.flatMap((host) => [`https://${host}`, ...(sandbox ? [`http://${host}`] : [])]),
    ...(sandbox ? [new URL(sandbox).origin] : []),
  ];
}
