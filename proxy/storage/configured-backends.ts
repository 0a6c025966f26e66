// The storage backends the configuration asks for, built in one place with the routes that serve
// their links: create-app mounts what this returns and knows no backend by name.
import { Router } from 'express';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Config } from '../config/config-schema.ts';
import { GenesysDownloadBackend } from './genesys-download/genesys-download-backend.ts';
import { relayRoutes } from './genesys-download/relay-routes.ts';
import { RelaySealer } from './genesys-download/relay-sealer.ts';
import { LinkSigner } from './link-signer.ts';
import { LocalStoreBackend } from './local-store/local-store-backend.ts';
import { localStoreRoutes } from './local-store/local-store-routes.ts';
import { S3Backend, s3BackendOptions } from './s3/s3-backend.ts';
import type { StorageBackend } from './storage-backend.ts';

export interface ConfiguredBackends {
  /** In the order a location is offered to them: the first that handles it serves it. */
  backends: StorageBackend[];
  /** Serve the proxy's own file links (`/files`, `/relay`); they set their own headers. */
  routes: Router;
}

export function configuredBackends(config: Config, deps: { audit: AuditLog }): ConfiguredBackends {
  const backends: StorageBackend[] = [];
  const routes = Router();

  if (config.store) {
    const signer = new LinkSigner(config.signingKeys, 'store');
    const store = new LocalStoreBackend({
      dir: config.store.dir,
      publicUrl: config.publicUrl,
      signer,
      servesProxyLinks: config.detection.bareKeys.kind === 'store',
    });
    backends.push(store);
    routes.use(localStoreRoutes({ backend: store, signer, audit: deps.audit }));
  }

  const s3Options = s3BackendOptions(config);
  if (s3Options) backends.push(new S3Backend(s3Options));

  const sealer = new RelaySealer(config.signingKeys);
  // The sandbox org's own host serves its downloads.
  const allowedHosts = [
    ...config.genesys.downloadHosts,
    ...(config.genesys.apiBaseOverride ? [new URL(config.genesys.apiBaseOverride).host] : []),
  ];
  backends.push(
    new GenesysDownloadBackend({
      mode: config.genesys.downloads,
      publicUrl: config.publicUrl,
      sealer,
      allowedHosts,
      timeoutMs: config.genesys.timeoutMs,
      urlTtlSeconds: config.genesys.downloadUrlTtlSeconds,
    }),
  );
  routes.use(relayRoutes({ sealer, allowedHosts, timeoutMs: config.genesys.timeoutMs, audit: deps.audit }));

  return { backends, routes };
}
