// attachment → rendition link: the original passes every gate a link passes (link-service.ts),
// then its bytes are read, hashed and converted once (or found converted), and the agent gets a
// short-lived link to the rendition in the rendition store. Every request is audited like a link.
// A thumbnail is a rendition too: of the original (a photo, a PDF), or of the original's own
// rendition (a Word file's PDF, a HEIC photo's JPEG), which is made or found first and kept as well.
import type { Readable } from 'node:stream';
import { LRUCache } from 'lru-cache';
import type { LinkResponse, PreviewKind } from '../../core/proxy-api.ts';
import { canonicalLocation } from '../../core/reference-id.ts';
import {
  type RenditionName,
  type RenditionPlan,
  renditionPlan,
  thumbnailPlan,
} from '../../core/renditions.ts';
import type { AuditLog, AuditRecord } from '../audit/audit-log.ts';
import type { Caller } from '../auth/caller.ts';
import { errors, ProxyError } from '../errors.ts';
import type { LinkService } from '../links/link-service.ts';
import { ConversionError, type ConversionLane, type ConverterPool } from './converter-pool.ts';
import type { Conversion, RenditionConverter } from './rendition-converter.ts';
import { RENDITION_OUTPUT, type RenditionStore, renditionKey } from './rendition-store.ts';

const KIND: Record<RenditionName, PreviewKind> = {
  pdf: 'pdf',
  jpeg: 'image',
  email: 'email',
  archive: 'archive',
  thumbnail: 'image',
};

export interface RenditionServiceOptions {
  links: LinkService;
  /** Receives and hashes originals into job folders (and converts them, when conversions are local). */
  pool: ConverterPool;
  /** Where conversions run (local-converter.ts or queued-converter.ts). */
  converter: RenditionConverter;
  store: RenditionStore;
  audit: AuditLog;
  linkTtlSeconds: number;
  /** CONVERTER_QUEUE_WAIT_SECONDS, for the answer when a queued job did not finish in time. */
  queueWaitSeconds?: number;
}

export class RenditionService {
  // An original's content hash by its storage version (docs/renditions.md): a rendition made before
  // is found without reading the original again. Hashes only: no customer data is kept in memory.
  private readonly hashes = new LRUCache<string, string>({ max: 20_000 });
  // A thumbnail's key by the key of the rendition it was made from (a document's PDF), likewise.
  private readonly derived = new LRUCache<string, string>({ max: 20_000 });
  // Originals (by storage version) whose thumbnail could not be made: the list asks for a thumbnail
  // each time it shows the file, and a damaged document or a zip bomb would hold a converter for its
  // whole time limit every time. Refused at once for a while; opening the file still tries.
  private readonly unthumbnailable = new LRUCache<string, true>({ max: 20_000, ttl: 3_600_000 });

  constructor(private readonly options: RenditionServiceOptions) {}

  async mint(
    caller: Caller,
    conversationId: string,
    attachmentId: string,
    rendition: RenditionName,
  ): Promise<LinkResponse> {
    const audit: Omit<AuditRecord, 'event' | 'decision'> = {
      requestId: caller.requestId,
      user: caller.principal.userId,
      org: caller.principal.orgId,
      region: caller.region.tld,
      conversation: conversationId,
      attachment: attachmentId,
      rendition,
    };
    const started = Date.now();
    let stored: string | undefined;
    try {
      const { ref, backend, object, content } = await this.options.links.clear(
        caller,
        conversationId,
        attachmentId,
        'inline',
        audit,
      );
      const location = object.servedFrom ?? ref.location;
      stored = object.version ? `${canonicalLocation(location)}#${object.version}` : undefined;
      if (rendition === 'thumbnail' && stored && this.unthumbnailable.has(stored))
        throw errors.notConvertible();
      const fromOriginal = (plan: RenditionPlan, converterVersion: string) =>
        this.fromOriginal(
          plan,
          converterVersion,
          stored,
          () => backend.open(location, caller),
          caller.requestId,
          // A thumbnail's conversions (a document's PDF included) wait for the thumbnails' converter.
          rendition === 'thumbnail' ? 'thumbnail' : 'view',
        );
      const steps = this.steps(rendition, content.sniffedType, ref.declaredType, ref.fileName);
      if (!steps) throw errors.renditionUnavailable();
      const { plan, via } = steps;
      let key: string;
      let converted: boolean;
      if (via) {
        // A document's thumbnail: its PDF first (kept for the viewer too), then the PDF's first page.
        const first = await fromOriginal(via.plan, via.version);
        const second = await this.fromRendition(first.key, plan, steps.version, caller.requestId);
        key = second.key;
        converted = first.converted || second.converted;
      } else ({ key, converted } = await fromOriginal(plan, steps.version));
      const output = RENDITION_OUTPUT[plan.name];
      const fileName = `${stem(ref.fileName)}.${output.extension}`;
      const link = await this.options.store.link(key, {
        contentType: output.contentType,
        fileName,
        ttlSeconds: this.options.linkTtlSeconds,
      });
      await this.options.audit
        .record({
          event: 'rendition.issued',
          decision: 'allow',
          backend: backend.name,
          disposition: 'inline',
          ...audit,
          converted,
          ms: Date.now() - started,
        })
        .catch((error: unknown) => {
          throw errors.auditUnavailable(error);
        });
      const size = (await this.options.store.find(key))?.size;
      return {
        url: link.url,
        expiresAt: link.expiresAt.toISOString(),
        fileName,
        contentType: output.contentType,
        ...(size === undefined ? {} : { size }),
        disposition: 'inline',
        scan: object.scan,
        previewKind: KIND[plan.name],
        sniffedType: output.contentType,
        typeMismatch: content.typeMismatch,
        renditionOf: {
          source: via?.plan.source ?? plan.source,
          sniffedType: content.sniffedType,
          fileName: ref.fileName,
        },
      };
    } catch (error) {
      if (
        rendition === 'thumbnail' &&
        stored &&
        error instanceof ProxyError &&
        error.code === 'not_convertible'
      )
        this.unthumbnailable.set(stored, true);
      await this.options.links.recordDenial('rendition.denied', error, audit);
      throw error;
    }
  }

  /** How `rendition` is made of a file of this type here, with the converters' versions; undefined: it cannot be. */
  private steps(
    rendition: RenditionName,
    sniffedType: string,
    declaredType: string | undefined,
    fileName: string,
  ): { plan: RenditionPlan; version: string; via?: { plan: RenditionPlan; version: string } } | undefined {
    const { converter } = this.options;
    if (rendition !== 'thumbnail') {
      const plan = renditionPlan(sniffedType, declaredType, fileName);
      const version = plan && converter.version(plan.converter);
      return plan && version && plan.name === rendition ? { plan, version } : undefined;
    }
    const thumbnail = thumbnailPlan(sniffedType, declaredType, fileName);
    const version = thumbnail && converter.version(thumbnail.plan.converter);
    if (!thumbnail || !version) return undefined;
    if (!thumbnail.via) return { plan: thumbnail.plan, version };
    const viaVersion = converter.version(thumbnail.via.converter);
    return viaVersion
      ? { plan: thumbnail.plan, version, via: { plan: thumbnail.via, version: viaVersion } }
      : undefined;
  }

  /** The rendition `plan` of the original: found by its last known hash, or read, hashed and converted. */
  private async fromOriginal(
    plan: RenditionPlan,
    converterVersion: string,
    stored: string | undefined,
    open: () => Promise<Readable>,
    requestId: string,
    lane: ConversionLane,
  ): Promise<Conversion> {
    const knownHash = stored ? this.hashes.get(stored) : undefined;
    const known = knownHash && renditionKey(knownHash, plan, converterVersion);
    if (known && (await this.options.store.find(known))) return { key: known, converted: false };
    return this.convert(
      plan,
      converterVersion,
      open(),
      requestId,
      (hash) => {
        if (stored) this.hashes.set(stored, hash);
      },
      lane,
    );
  }

  /**
   * The rendition `plan` made from stored rendition `sourceKey` (a thumbnail of a document's PDF),
   * keyed by that rendition's own content hash: found by what it was made from last time, or read
   * from the store into a job folder and converted like an original.
   */
  private async fromRendition(
    sourceKey: string,
    plan: RenditionPlan,
    converterVersion: string,
    requestId: string,
  ): Promise<Conversion> {
    const { store } = this.options;
    const remembered = `${sourceKey}\n${plan.converter}\n${converterVersion}`;
    const known = this.derived.get(remembered);
    if (known && (await store.find(known))) return { key: known, converted: false };
    const source = await store.open(sourceKey);
    // Expired between being found and read (a TTL's last second): the next ask converts again.
    if (!source) throw errors.renditionUnavailable();
    const made = await this.convert(
      plan,
      converterVersion,
      Promise.resolve(source),
      requestId,
      () => {},
      'thumbnail',
    );
    this.derived.set(remembered, made.key);
    return made;
  }

  /** Reads the original, hashes it, and converts it unless a rendition of the same bytes is stored. */
  private async convert(
    plan: RenditionPlan,
    converterVersion: string,
    opening: Promise<Readable>,
    requestId: string,
    hashed: (hash: string) => void,
    lane: ConversionLane,
  ): Promise<Conversion> {
    const source = await opening;
    const { pool, store, converter } = this.options;
    return pool
      .withOriginal(
        plan,
        source,
        async (original) => {
          hashed(original.hash);
          const key = renditionKey(original.hash, plan, converterVersion);
          if (await store.find(key)) return { key, converted: false };
          return converter.convert({ key, plan, original, requestId });
        },
        lane,
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConversionError)) throw error;
        switch (error.failure) {
          case 'busy':
            throw errors.converterBusy();
          case 'not-finished':
            throw errors.conversionNotFinished(this.options.queueWaitSeconds ?? 0);
          case 'unreachable':
            throw errors.conversionQueueUnavailable(error);
          case 'unavailable':
            throw errors.renditionUnavailable();
          default:
            throw errors.notConvertible(error);
        }
      });
  }
}

/** The rendition `converter` can make of a file, given what its bytes are (undefined: none, or its converter is missing). */
export function availableRendition(
  converter: Pick<RenditionConverter, 'version'>,
  sniffedType: string,
  declaredType: string | undefined,
  fileName: string,
): RenditionName | undefined {
  const plan = renditionPlan(sniffedType, declaredType, fileName);
  return plan && converter.version(plan.converter) ? plan.name : undefined;
}

/** Whether `converter` can make a thumbnail of a file whose bytes are `sniffedType` (its converters installed). */
export function thumbnailAvailable(
  converter: Pick<RenditionConverter, 'version'>,
  sniffedType: string,
  declaredType: string | undefined,
  fileName: string,
): boolean {
  const thumbnail = thumbnailPlan(sniffedType, declaredType, fileName);
  if (!thumbnail || !converter.version(thumbnail.plan.converter)) return false;
  return !thumbnail.via || converter.version(thumbnail.via.converter) !== undefined;
}

function stem(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}
