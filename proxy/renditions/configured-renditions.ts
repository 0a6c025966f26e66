// Renditions as the configuration asks for them, built in one place: create-app mounts what this
// returns. Which converters exist is found once at startup (detectConverters), and what is missing
// is said then, once, with how to fix it.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Router } from 'express';
import type { Redis } from 'ioredis';
import type { ConverterName, RenditionName } from '../../core/renditions.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { SharedFlight } from '../cache/shared-flight.ts';
import { SingleFlight } from '../cache/single-flight.ts';
import type { Config } from '../config/config-schema.ts';
import type { RenditionConfig } from '../config/sections/rendition-config.ts';
import type { LinkService } from '../links/link-service.ts';
import { LinkSigner } from '../storage/link-signer.ts';
import { ConverterPool } from './converter-pool.ts';
import { canIsolateNetwork, probeConverters } from './converters.ts';
import { RenditionCache } from './rendition-cache.ts';
import { renditionRoutes } from './rendition-routes.ts';
import { availableRendition, RenditionService } from './rendition-service.ts';

export interface DetectedConverters {
  /** Usable converters with their versions (empty when none may run). */
  versions: ReadonlyMap<ConverterName, string>;
  isolateNetwork: boolean;
  /** What is missing, for the startup log and `npm run doctor`. */
  notes: string[];
}

const PACKAGES: Record<ConverterName, string> = {
  office: 'LibreOffice (Debian: libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui)',
  heif: 'libheif (Debian: libheif-examples)',
  tiff: 'libtiff tools (Debian: libtiff-tools)',
  document: 'Node.js for the document worker',
};
const FILES: Record<ConverterName, string> = {
  office: 'Word, Excel, PowerPoint and OpenDocument files',
  heif: 'HEIC photos',
  tiff: 'TIFF scans and faxes',
  document: 'emails (.eml, .msg) and archives (.zip)',
};

export async function detectConverters(config: RenditionConfig): Promise<DetectedConverters> {
  const [found, isolated] = await Promise.all([probeConverters(), canIsolateNetwork()]);
  const notes: string[] = [];
  for (const name of Object.keys(PACKAGES) as ConverterName[])
    if (!found.has(name))
      notes.push(
        `${PACKAGES[name]} is not installed: ${FILES[name]} are not previewed (install it and restart).`,
      );
  if (!isolated && config.networkIsolation === 'required') {
    notes.push(
      'converters cannot be given a network namespace of their own (unshare -rn failed: unprivileged user namespaces are off), so no file is converted. Allow user namespaces (sysctl kernel.unprivileged_userns_clone=1, or the container runtime’s setting), or set CONVERTER_NETWORK_ISOLATION=off where the host has no network route.',
    );
    return { versions: new Map(), isolateNetwork: false, notes };
  }
  return { versions: found, isolateNetwork: isolated, notes };
}

export interface Renditions {
  renditionOf(
    sniffedType: string,
    declaredType: string | undefined,
    fileName: string,
  ): RenditionName | undefined;
  /** Builds the service once the link service (whose gates it uses) exists. */
  service(links: LinkService): RenditionService;
  routes: Router;
  pool: ConverterPool;
  init(): Promise<void>;
  close(): void;
}

export function configuredRenditions(
  config: Config,
  detected: DetectedConverters,
  deps: { audit: AuditLog; redis?: Redis },
): Renditions | undefined {
  const settings = config.renditions;
  if (!settings) return undefined;
  const cache = new RenditionCache(join(settings.dir, 'cache'), settings.ttlHours * 3_600_000);
  const workDir = join(settings.dir, 'jobs');
  const pool = new ConverterPool({
    workDir,
    concurrency: settings.concurrency,
    maxWaiting: settings.maxWaiting,
    limits: {
      timeoutMs: settings.timeoutSeconds * 1000,
      memoryBytes: settings.memoryMb * 1024 * 1024,
      maxFileBytes: settings.maxOutputMb * 1024 * 1024,
    },
    isolateNetwork: detected.isolateNetwork,
    maxSourceBytes: settings.maxSourceMb * 1024 * 1024,
    converters: detected.versions,
  });
  const signer = new LinkSigner(config.signingKeys, 'rendition');
  // A replica waiting for another's conversion waits as long as a conversion may take.
  const conversionMs = settings.timeoutSeconds * 1000 + 5_000;
  const flights = new SharedFlight(deps.redis, new SingleFlight(), {
    leaseMs: 5_000,
    maxWaitMs: conversionMs,
    pollMs: 200,
  });
  return {
    renditionOf: (sniffedType, declaredType, fileName) =>
      availableRendition(pool, sniffedType, declaredType, fileName),
    service: (links) =>
      new RenditionService({
        links,
        pool,
        cache,
        flights,
        signer,
        publicUrl: config.publicUrl,
        audit: deps.audit,
        linkTtlSeconds: config.linkTtlSeconds,
      }),
    routes: renditionRoutes({ cache, signer, audit: deps.audit }),
    pool,
    async init() {
      await mkdir(workDir, { recursive: true, mode: 0o700 });
      await cache.init();
    },
    close: () => cache.close(),
  };
}
