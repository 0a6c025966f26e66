// attachment → rendition link: the original passes every gate a link passes (link-service.ts),
// then its bytes are read, hashed and converted once (or found converted), and the agent gets a
// short-lived link to the rendition in the rendition store. Every request is audited like a link.
// A thumbnail is a rendition too: of the original (a photo, a PDF), or of the original's own
// rendition (a Word file's PDF, a HEIC photo's JPEG), which is made or found first and kept as well.
import type { Readable } from 'node:stream';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { LinkResponse, PreviewKind } from '../../core/proxy-api.ts';
import { canonicalLocation } from '../../core/reference-id.ts';
import { entryNameFlags, FLAG_REFUSAL, type PartFacts } from '../../core/rendition-documents.ts';
import {
  type JobPlan,
  type PartSelector,
  partLabel,
  partPlan,
  type RenditionName,
  type RenditionPlan,
  renditionPlan,
  thumbnailPlan,
} from '../../core/renditions.ts';
import type { AuditLog, AuditRecord } from '../audit/audit-log.ts';
import type { Caller } from '../auth/caller.ts';
import { errors, ProxyError } from '../errors.ts';
import { decideContent, servedFileName, sniff } from '../links/content-policy.ts';
import { auditedCaller, type Cleared, type LinkService } from '../links/link-service.ts';
import { ConversionError, type ConversionLane, type ConverterPool } from './converter-pool.ts';
import type { Conversion, RenditionConverter } from './rendition-converter.ts';
import { partFactsKey, RENDITION_OUTPUT, type RenditionStore, renditionKey } from './rendition-store.ts';

/** What the sandboxed worker wrote about a part: checked before use, like anything it answers. */
const partFacts = z.object({
  name: z.string().max(4_096),
  declaredType: z
    .string()
    .regex(/^[\w.+-]+\/[\w.+-]+$/)
    .max(200)
    .optional()
    .catch(undefined),
  size: z.number().int().min(0),
});

/** The first bytes of a part, sniffed as a link sniffs an original's (link-service.ts). */
const HEAD_BYTES = 4_100;

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
    const audit = auditFields(caller, conversationId, attachmentId, { rendition });
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
      await this.recordIssued(backend.name, audit, converted, started);
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

  /** The audit trail's record of a rendition's link, written before the link is given out. */
  private recordIssued(
    backend: string,
    audit: AuditFields,
    converted: boolean,
    started: number,
  ): Promise<void> {
    return this.options.audit
      .record({
        event: 'rendition.issued',
        decision: 'allow',
        backend,
        disposition: 'inline',
        ...audit,
        converted,
        ms: Date.now() - started,
      })
      .catch((error: unknown) => {
        throw errors.auditUnavailable(error);
      });
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

  /**
   * A link to one file inside an email or archive (docs/renditions.md, "Files inside"). The container
   * passes every gate a link passes; the part is extracted by the document worker in a converter
   * sandbox (bounded, refusing unsafe names, programs, nested archives, encrypted entries) and kept
   * in the rendition store under the container's content hash and the part; its bytes then decide:
   * a type the browser shows is linked as it is, one a converter turns into a PDF or a JPEG is
   * converted like any original, anything else is refused. Audited as `rendition.issued` or
   * `rendition.denied` with the part named.
   */
  async mintPart(
    caller: Caller,
    conversationId: string,
    attachmentId: string,
    part: PartSelector,
  ): Promise<LinkResponse> {
    const audit = auditFields(caller, conversationId, attachmentId, {
      rendition: 'part',
      part: partLabel(part),
    });
    const started = Date.now();
    try {
      const cleared = await this.options.links.clear(caller, conversationId, attachmentId, 'inline', audit);
      const { ref, object, content } = cleared;
      const container = renditionPlan(content.sniffedType, ref.declaredType, ref.fileName);
      const plan = partPlan(container, part);
      const version = plan && this.options.converter.version(plan.converter);
      if (!plan || !version) throw errors.renditionUnavailable();
      // Refused before anything is extracted when the name alone says so (the worker checks again).
      if (part.kind === 'zip-entry') {
        const flag = entryNameFlags(part.path)[0];
        if (flag) throw partRefusal(FLAG_REFUSAL[flag]);
      }
      const extracted = await this.stored(cleared, plan, version, caller);
      const facts = await this.partFacts(extracted.key);
      const head = await this.head(extracted.key);
      const sniffedType = await sniff(head, facts.declaredType, facts.name);
      const decided = decideContent(sniffedType, facts.declaredType, 'inline', facts.name);
      let served: { key: string; contentType: string; fileName: string; previewKind: PreviewKind };
      let renditionOf: LinkResponse['renditionOf'];
      let converted = extracted.converted;
      if (decided.disposition === 'inline' && decided.previewKind !== 'none') {
        served = {
          key: extracted.key,
          contentType: decided.contentType,
          fileName: servedFileName(facts.name, decided.contentType),
          previewKind: decided.previewKind,
        };
      } else {
        // A document or photo the browser cannot show: its PDF or JPEG, made as an original's would be.
        // An email or an archive inside is not opened (one level of containers).
        const further = renditionPlan(sniffedType, facts.declaredType, facts.name);
        const furtherVersion = further && this.options.converter.version(further.converter);
        if (!further || !furtherVersion || (further.name !== 'pdf' && further.name !== 'jpeg'))
          throw errors.partNotPreviewable();
        const { store } = this.options;
        // The part's own content hash, remembered by its key: its rendition is found without reading it.
        const partHash = this.hashes.get(extracted.key);
        const known = partHash && renditionKey(partHash, further, furtherVersion);
        const again =
          known && (await this.isStored(known, further))
            ? { key: known, converted: false }
            : await this.convert(
                further,
                furtherVersion,
                store.open(extracted.key).then((stream) => stream ?? Promise.reject(errors.fileGone())),
                caller.requestId,
                (hash) => this.hashes.set(extracted.key, hash),
                'view',
              );
        converted ||= again.converted;
        const output = RENDITION_OUTPUT[further.name];
        served = {
          key: again.key,
          contentType: output.contentType,
          fileName: `${stem(facts.name)}.${output.extension}`,
          previewKind: KIND[further.name],
        };
        renditionOf = { source: further.source, sniffedType, fileName: facts.name };
      }
      const link = await this.options.store.link(served.key, {
        contentType: served.contentType,
        fileName: served.fileName,
        ttlSeconds: this.options.linkTtlSeconds,
      });
      await this.recordIssued(cleared.backend.name, audit, converted, started);
      const size = (await this.options.store.find(served.key))?.size;
      return {
        url: link.url,
        expiresAt: link.expiresAt.toISOString(),
        fileName: served.fileName,
        contentType: served.contentType,
        ...(size === undefined ? {} : { size }),
        disposition: 'inline',
        scan: object.scan,
        previewKind: served.previewKind,
        sniffedType: renditionOf ? served.contentType : sniffedType,
        ...(facts.declaredType ? { declaredType: facts.declaredType } : {}),
        typeMismatch: decided.typeMismatch,
        ...(decided.claimedType ? { claimedType: decided.claimedType, claimedBy: decided.claimedBy } : {}),
        ...(renditionOf ? { renditionOf } : {}),
        partOf: { fileName: ref.fileName, part, name: facts.name },
      };
    } catch (error) {
      await this.options.links.recordDenial('rendition.denied', error, audit);
      throw error;
    }
  }

  /** The part extracted from a cleared container: found in the store, or extracted now. */
  private async stored(
    { ref, backend, object }: Cleared,
    plan: JobPlan,
    version: string,
    caller: Caller,
  ): Promise<Conversion> {
    const location = object.servedFrom ?? ref.location;
    const stored = object.version && `${canonicalLocation(location)}#${object.version}`;
    const knownHash = stored ? this.hashes.get(stored) : undefined;
    const known = knownHash && renditionKey(knownHash, plan, version);
    if (known && (await this.isStored(known, plan))) return { key: known, converted: false };
    return this.convert(
      plan,
      version,
      backend.open(location, caller),
      caller.requestId,
      (hash) => {
        if (stored) this.hashes.set(stored, hash);
      },
      'view',
    );
  }

  /** Whether `key` is in the store, with its facts beside it for a part (the sweep may take one first). */
  private async isStored(key: string, plan: JobPlan): Promise<boolean> {
    const { store } = this.options;
    if (!(await store.find(key))) return false;
    return plan.name !== 'part' || (await store.find(partFactsKey(key))) !== undefined;
  }

  private async partFacts(key: string): Promise<PartFacts> {
    const stream = await this.options.store.open(partFactsKey(key));
    if (!stream) throw errors.fileGone();
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > 16_384) break;
      chunks.push(chunk);
    }
    stream.destroy();
    const parsed = partFacts.safeParse(safeJson(Buffer.concat(chunks).toString('utf8')));
    if (!parsed.success) throw errors.notConvertible(new Error('the worker wrote no facts of the part'));
    // Controls and bidirectional overrides out of the name, as detection cleans attachment names.
    const name = [...parsed.data.name.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')]
      .slice(0, 255)
      .join('');
    return { ...parsed.data, name: name || 'file' };
  }

  private async head(key: string): Promise<Uint8Array> {
    const stream = await this.options.store.open(key);
    if (!stream) throw errors.fileGone();
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= HEAD_BYTES) break;
    }
    stream.destroy();
    return new Uint8Array(Buffer.concat(chunks).subarray(0, HEAD_BYTES));
  }

  /** Reads the original, hashes it, and converts it unless a rendition of the same bytes is stored. */
  private async convert(
    plan: JobPlan,
    converterVersion: string,
    opening: Promise<Readable>,
    requestId: string,
    hashed: (hash: string) => void,
    lane: ConversionLane,
  ): Promise<Conversion> {
    const source = await opening;
    const { pool, converter } = this.options;
    return pool
      .withOriginal(
        plan,
        source,
        async (original) => {
          hashed(original.hash);
          const key = renditionKey(original.hash, plan, converterVersion);
          if (await this.isStored(key, plan)) return { key, converted: false };
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
          case 'refused':
            throw partRefusal(error.message);
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

/** The answer to a part the document worker (or the proxy, from its name) would not extract. */
function partRefusal(reason: string) {
  if (reason === 'not-found') return errors.partNotFound();
  if (reason === 'too-large') return errors.partTooLarge();
  return errors.partRefused(reason);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function stem(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

type AuditFields = Omit<AuditRecord, 'event' | 'decision'>;

/** What every record of a rendition request carries: who asked, for which file, and for what. */
function auditFields(
  caller: Caller,
  conversationId: string,
  attachmentId: string,
  what: Pick<AuditRecord, 'rendition' | 'part'>,
): AuditFields {
  return { ...auditedCaller(caller, conversationId), attachment: attachmentId, ...what };
}
