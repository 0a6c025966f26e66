// Renditions as the configuration asks for them, built in one place: which store keeps them (the
// local folder or S3) and where conversions run (this proxy's pool or the workers' queue) are both
// chosen here; create-app mounts what this returns. Which converters exist is found once at startup
// (detectConverters), and what is missing is said then, once, with how to fix it.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Router } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ConverterName, RenditionName } from '../../core/renditions.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { SharedFlight } from '../cache/shared-flight.ts';
import { SingleFlight } from '../cache/single-flight.ts';
import type { Config } from '../config/config-schema.ts';
import type { RenditionConfig } from '../config/sections/rendition-config.ts';
import type { LinkService } from '../links/link-service.ts';
import { LinkSigner } from '../storage/link-signer.ts';
import { s3LinkOrigins } from '../storage/s3/s3-link-origins.ts';
import { ConverterPool } from './converter-pool.ts';
import { canIsolateNetwork, probeConverters } from './converters.ts';
import { LocalConverter } from './local-converter.ts';
import { type LocalRenditionLinks, LocalRenditionStore } from './local-rendition-store.ts';
import { QueuedConverter } from './queued-converter.ts';
import type { RenditionConverter } from './rendition-converter.ts';
import { availableRendition, RenditionService, thumbnailAvailable } from './rendition-service.ts';
import type { RenditionStore } from './rendition-store.ts';
import { S3RenditionStore } from './s3-rendition-store.ts';

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
  pdfpage: 'poppler (Debian: poppler-utils)',
  image: 'ImageMagick (Debian: imagemagick)',
};
const FILES: Record<ConverterName, string> = {
  office: 'Word, Excel, PowerPoint and OpenDocument files',
  heif: 'HEIC photos',
  tiff: 'TIFF scans and faxes',
  document: 'emails (.eml, .msg) and archives (.zip)',
  pdfpage: 'thumbnails of PDFs and documents in the attachment list',
  image: 'thumbnails of photos and pictures in the attachment list',
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
  /** Whether a thumbnail can be made of a file of this sniffed type (its converters are here). */
  thumbnailOf(sniffedType: string, declaredType: string | undefined, fileName: string): boolean;
  /** Builds the service once the link service (whose gates it uses) exists. */
  service(links: LinkService): RenditionService;
  /** The routes that serve the local folder's renditions (none when they are in S3). */
  routes?: Router;
  /** Origins rendition links point at besides the proxy's own (the S3 bucket), for the widget's CSP. */
  linkOrigins: string[];
  init(): Promise<void>;
  close(): Promise<void>;
}

/** The converter pool with the configured limits: `converters` empty, it only receives and hashes originals. */
export function converterPool(
  settings: RenditionConfig,
  converters: ReadonlyMap<ConverterName, string>,
  isolateNetwork: boolean,
): ConverterPool {
  return new ConverterPool({
    workDir: join(settings.dir, 'jobs'),
    concurrency: settings.concurrency,
    maxWaiting: settings.maxWaiting,
    limits: {
      timeoutMs: settings.timeoutSeconds * 1000,
      memoryBytes: settings.memoryMb * 1024 * 1024,
      maxFileBytes: settings.maxOutputMb * 1024 * 1024,
    },
    isolateNetwork,
    maxSourceBytes: settings.maxSourceMb * 1024 * 1024,
    converters,
  });
}

/** The configured rendition store: the local folder (links signed by `links`, when it mints them) or S3. */
export function renditionStore(
  settings: RenditionConfig,
  linkTtlSeconds: number,
  links?: LocalRenditionLinks,
): RenditionStore {
  const ttlMs = settings.ttlHours * 3_600_000;
  const storage = settings.storage;
  if (storage.kind === 's3')
    return new S3RenditionStore({
      s3: storage.s3,
      bucket: storage.bucket,
      prefix: storage.prefix,
      ttlMs,
      linkTtlSeconds,
    });
  return new LocalRenditionStore(settings.dir, ttlMs, links);
}

export function configuredRenditions(
  config: Config,
  detected: DetectedConverters,
  deps: { audit: AuditLog; redis?: Redis; log: Logger },
): Renditions | undefined {
  const settings = config.renditions;
  if (!settings) return undefined;
  const store = renditionStore(settings, config.linkTtlSeconds, {
    signer: new LinkSigner(config.signingKeys, 'rendition'),
    publicUrl: config.publicUrl,
    audit: deps.audit,
  });
  const mode = settings.converters;
  // The one place that chooses where conversions run. Queued, this proxy converts nothing: its pool
  // only receives and hashes originals, and the workers say which converters they have.
  const queued = mode.kind === 'queue';
  const pool = converterPool(settings, queued ? new Map() : detected.versions, detected.isolateNetwork);
  const converter: RenditionConverter =
    mode.kind === 'queue'
      ? new QueuedConverter({
          redisUrl: mode.redisUrl,
          store,
          waitMs: mode.waitSeconds * 1000,
          log: deps.log,
        })
      : new LocalConverter(
          pool,
          store,
          // A replica waiting for another's conversion waits as long as a conversion may take.
          new SharedFlight(deps.redis, new SingleFlight(), {
            leaseMs: 5_000,
            maxWaitMs: settings.timeoutSeconds * 1000 + 5_000,
            pollMs: 200,
          }),
        );
  const storage = settings.storage;
  return {
    renditionOf: (sniffedType, declaredType, fileName) =>
      availableRendition(converter, sniffedType, declaredType, fileName),
    thumbnailOf: (sniffedType, declaredType, fileName) =>
      thumbnailAvailable(converter, sniffedType, declaredType, fileName),
    service: (links) =>
      new RenditionService({
        links,
        pool,
        converter,
        store,
        audit: deps.audit,
        linkTtlSeconds: config.linkTtlSeconds,
        ...(mode.kind === 'queue' ? { queueWaitSeconds: mode.waitSeconds } : {}),
      }),
    routes: store.routes,
    linkOrigins: storage.kind === 's3' ? s3LinkOrigins({ ...storage.s3, buckets: [storage.bucket] }) : [],
    async init() {
      await mkdir(join(settings.dir, 'jobs'), { recursive: true, mode: 0o700 });
      await store.init();
      await converter.init();
    },
    async close() {
      store.close();
      pool.close();
      await converter.close();
    },
  };
}
