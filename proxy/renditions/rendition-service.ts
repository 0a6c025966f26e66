// attachment → rendition link: the original passes every gate a link passes (link-service.ts),
// then its bytes are read, hashed and converted once (or found converted), and the agent gets a
// short-lived signed link to the rendition. Every request is audited like a link.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { LRUCache } from 'lru-cache';
import type { LinkResponse, PreviewKind } from '../../core/proxy-api.ts';
import { canonicalLocation } from '../../core/reference-id.ts';
import { type RenditionName, type RenditionPlan, renditionPlan } from '../../core/renditions.ts';
import type { AuditLog, AuditRecord } from '../audit/audit-log.ts';
import type { Caller } from '../auth/caller.ts';
import type { SharedFlight } from '../cache/shared-flight.ts';
import { errors } from '../errors.ts';
import type { LinkService } from '../links/link-service.ts';
import type { LinkSigner } from '../storage/link-signer.ts';
import { ConversionError, type ConverterPool } from './converter-pool.ts';
import type { RenditionCache } from './rendition-cache.ts';

/** Raise when a converter's options change, so renditions made the old way are not served. */
const RECIPE = 1;

const OUTPUT: Record<
  RenditionName,
  { extension: 'pdf' | 'jpg' | 'json'; contentType: string; kind: PreviewKind }
> = {
  pdf: { extension: 'pdf', contentType: 'application/pdf', kind: 'pdf' },
  jpeg: { extension: 'jpg', contentType: 'image/jpeg', kind: 'image' },
  email: { extension: 'json', contentType: 'application/json', kind: 'email' },
  archive: { extension: 'json', contentType: 'application/json', kind: 'archive' },
};

export interface RenditionServiceOptions {
  links: LinkService;
  pool: ConverterPool;
  cache: RenditionCache;
  /** Converts each original once across replicas (a Redis lock when Redis is configured). */
  flights: SharedFlight;
  signer: LinkSigner;
  publicUrl: string;
  audit: AuditLog;
  linkTtlSeconds: number;
}

export class RenditionService {
  // An original's content hash by its storage version (docs/renditions.md): a rendition made before
  // is found without reading the original again. Hashes only: no customer data is kept in memory.
  private readonly hashes = new LRUCache<string, string>({ max: 20_000 });

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
    try {
      const { ref, backend, object, content } = await this.options.links.clear(
        caller,
        conversationId,
        attachmentId,
        'inline',
        audit,
      );
      const plan = renditionPlan(content.sniffedType, ref.declaredType, ref.fileName);
      const converterVersion = plan && this.options.pool.version(plan.converter);
      if (!plan || !converterVersion || plan.name !== rendition) throw errors.renditionUnavailable();
      const location = object.servedFrom ?? ref.location;
      const stored = object.version && `${canonicalLocation(location)}#${object.version}`;
      const knownHash = stored ? this.hashes.get(stored) : undefined;
      const known = knownHash && cacheKey(knownHash, plan, converterVersion);
      let converted = false;
      const key =
        known && (await this.options.cache.find(known))
          ? known
          : await this.convert(
              plan,
              converterVersion,
              backend.open(location, caller),
              (hash) => {
                if (stored) this.hashes.set(stored, hash);
              },
              () => {
                converted = true;
              },
            );
      const output = OUTPUT[plan.name];
      const fileName = `${stem(ref.fileName)}.${output.extension}`;
      const link = this.link(key, output.contentType, fileName);
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
      const size = await this.options.cache.size(key);
      return {
        url: link.url,
        expiresAt: link.expiresAt.toISOString(),
        fileName,
        contentType: output.contentType,
        ...(size === undefined ? {} : { size }),
        disposition: 'inline',
        scan: object.scan,
        previewKind: output.kind,
        sniffedType: output.contentType,
        typeMismatch: content.typeMismatch,
        renditionOf: { source: plan.source, sniffedType: content.sniffedType, fileName: ref.fileName },
      };
    } catch (error) {
      await this.options.links.recordDenial('rendition.denied', error, audit);
      throw error;
    }
  }

  /** Reads the original, hashes it, and converts it unless a rendition of the same bytes exists. */
  private async convert(
    plan: RenditionPlan,
    converterVersion: string,
    opening: Promise<Readable>,
    hashed: (hash: string) => void,
    converting: () => void,
  ): Promise<string> {
    const source = await opening;
    return this.options.pool
      .withOriginal(plan, source, async (hash, convert) => {
        hashed(hash);
        const key = cacheKey(hash, plan, converterVersion);
        const peek = () => this.options.cache.find(key);
        if (await peek()) return key;
        await this.options.flights.run(`rendition:${key}`, peek, async () => {
          converting();
          return this.options.cache.put(key, (await convert()).path);
        });
        return key;
      })
      .catch((error: unknown) => {
        if (error instanceof ConversionError) {
          if (error.failure === 'busy') throw errors.converterBusy();
          throw errors.notConvertible(error);
        }
        throw error;
      });
  }

  private link(key: string, contentType: string, fileName: string): { url: string; expiresAt: Date } {
    const expires = Math.floor(Date.now() / 1000) + this.options.linkTtlSeconds;
    const { keyId, signature } = this.options.signer.sign({
      key,
      expires,
      disposition: 'inline',
      contentType,
      fileName,
    });
    const query = new URLSearchParams({
      exp: String(expires),
      type: contentType,
      name: fileName,
      kid: keyId,
      sig: signature,
    });
    return {
      url: `${this.options.publicUrl}/renditions/${key}?${query}`,
      expiresAt: new Date(expires * 1000),
    };
  }
}

/** The rendition `pool` can make of a file, given what its bytes are (undefined: none, or its converter is missing). */
export function availableRendition(
  pool: Pick<ConverterPool, 'version'>,
  sniffedType: string,
  declaredType: string | undefined,
  fileName: string,
): RenditionName | undefined {
  const plan = renditionPlan(sniffedType, declaredType, fileName);
  return plan && pool.version(plan.converter) ? plan.name : undefined;
}

/** The original's content hash, and what made the rendition: the same bytes converted the same way share it. */
function cacheKey(hash: string, plan: RenditionPlan, version: string): string {
  const recipe = createHash('sha256')
    .update(`${RECIPE}\n${plan.converter}\n${plan.name}\n${version}`)
    .digest('hex');
  return `${hash}-${recipe.slice(0, 16)}.${OUTPUT[plan.name].extension}`;
}

function stem(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}
