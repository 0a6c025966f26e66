// Mints just-in-time links: authorize against the re-read conversation, inspect the stored bytes,
// gate on the scan verdict, decide type and disposition from the bytes, record the decision, sign.
import { LRUCache } from 'lru-cache';
import type { AttachmentLocation, AttachmentRef } from '../../core/attachment-ref.ts';
import type { AttachmentStatus, LinkResponse } from '../../core/proxy-api.ts';
import type { UnreadSource } from '../../core/read-failure.ts';
import { canonicalLocation } from '../../core/reference-id.ts';
import type { RenditionName } from '../../core/renditions.ts';
import type { AuditEvent, AuditLog, AuditRecord } from '../audit/audit-log.ts';
import type { Caller } from '../auth/caller.ts';
import type { AccessRole, ConversationAccess, ConversationGrant } from '../auth/conversation-access.ts';
import { SingleFlight } from '../cache/single-flight.ts';
import { errors, ProxyError } from '../errors.ts';
import type { ScanStatus, StorageBackend, StoredObject } from '../storage/storage-backend.ts';
import { type ContentDecision, decideContent, servedFileName, sniff } from './content-policy.ts';

/** A file that passed every gate: what it is, where it is, how it may be served. */
export interface Cleared {
  ref: AttachmentRef;
  backend: StorageBackend;
  /** With the governing scan verdict. */
  object: StoredObject;
  content: ContentDecision;
  /** The rendition the proxy can derive of it, when the browser cannot show it as it is. */
  rendition?: RenditionName;
}

interface Inspected {
  object: StoredObject;
  sniffedType: string;
}

export interface LinkServiceOptions {
  access: ConversationAccess;
  backends: StorageBackend[];
  audit: AuditLog;
  linkTtlSeconds: number;
  scanRequired: boolean;
  /** DOWNLOADS: whether `disposition: attachment` links are issued at all. */
  downloads: boolean;
  /** The rendition that can be derived of a file of this sniffed type (absent: renditions are off). */
  renditionOf?: (
    sniffedType: string,
    declaredType: string | undefined,
    fileName: string,
  ) => RenditionName | undefined;
  /** Whether a thumbnail can be made of a file of this sniffed type (absent: renditions are off). */
  thumbnailOf?: (sniffedType: string, declaredType: string | undefined, fileName: string) => boolean;
}

const STATUS_CONCURRENCY = 4;

export class LinkService {
  // Storage facts are the same for every agent (authorization happens before): cache them briefly.
  private readonly inspected = new LRUCache<string, Inspected>({ max: 2_000 });
  private readonly inspecting = new SingleFlight();

  constructor(private readonly options: LinkServiceOptions) {}

  async mint(
    caller: Caller,
    conversationId: string,
    attachmentId: string,
    requested: 'inline' | 'attachment',
  ): Promise<LinkResponse> {
    const audit = { ...auditedCaller(caller, conversationId), attachment: attachmentId };
    try {
      // Refused before anything is read: the admin has ruled out copies on agents' machines.
      if (requested === 'attachment' && !this.options.downloads) throw errors.downloadsDisabled();
      const cleared = await this.clear(caller, conversationId, attachmentId, requested, audit);
      const { ref, backend, object, content } = cleared;
      const fileName = servedFileName(ref.fileName, content.contentType);
      const link = await backend.mint(
        object.servedFrom ?? ref.location,
        object,
        {
          disposition: content.disposition,
          contentType: content.contentType,
          fileName,
          ttlSeconds: this.options.linkTtlSeconds,
        },
        caller,
      );
      // No audit record, no link.
      await this.options.audit
        .record({
          event: 'link.issued',
          decision: 'allow',
          backend: backend.name,
          disposition: content.disposition,
          ...audit,
        })
        .catch((error: unknown) => {
          throw errors.auditUnavailable(error);
        });
      return {
        ...toResponse(ref, object, content, fileName, link.url, link.expiresAt),
        ...(cleared.rendition ? { rendition: cleared.rendition } : {}),
      };
    } catch (error) {
      await this.recordDenial('link.denied', error, audit);
      throw error;
    }
  }

  /**
   * Every gate a link passes, for a link or a rendition: the reference re-read from the conversation
   * with the agent's token, its storage inspected, the scan verdict, the type decided from the bytes.
   * `audit` gains the agent's role.
   */
  async clear(
    caller: Caller,
    conversationId: string,
    attachmentId: string,
    requested: 'inline' | 'attachment',
    audit: Omit<AuditRecord, 'event' | 'decision'>,
  ): Promise<Cleared> {
    const { ref, role } = await this.findRef(caller, conversationId, attachmentId);
    Object.assign(audit, { role });
    const backend = this.findBackend(ref.location);
    if (!backend) throw errors.unsupportedLocation();
    const { object, sniffedType } = await this.inspect(backend, ref, caller);
    const verdict = await this.governingVerdict(ref, backend, object, caller);
    gateOnScan(verdict.scan, verdict.customerStorage, this.options.scanRequired);
    const content = decideContent(sniffedType, ref.declaredType, requested, ref.fileName);
    return {
      ref,
      backend,
      object: { ...object, scan: verdict.scan },
      content,
      rendition: this.options.renditionOf?.(sniffedType, ref.declaredType, ref.fileName),
    };
  }

  /** Records a refusal the agent will see (not a failure to record, which has no record to write). */
  async recordDenial(
    event: AuditEvent,
    error: unknown,
    audit: Omit<AuditRecord, 'event' | 'decision'>,
  ): Promise<void> {
    if (error instanceof ProxyError && error.code !== 'audit_unavailable')
      await this.options.audit.record({ event, decision: error.code, ...audit }).catch(() => undefined);
  }

  /**
   * Availability, size, sniffed type and scan verdict of every attachment of a conversation. A listing
   * discloses customer data (names, sizes, verdicts), so it is audited like a link: no record, no
   * listing (docs/security.md, finding 6).
   */
  async status(
    caller: Caller,
    conversationId: string,
  ): Promise<{ attachments: AttachmentStatus[]; unread: UnreadSource[] }> {
    const audit = auditedCaller(caller, conversationId);
    let granted: ConversationGrant;
    try {
      granted = await this.options.access.grant(caller, conversationId);
    } catch (error) {
      if (error instanceof ProxyError)
        await this.options.audit
          .record({ event: 'status.read', decision: error.code, ...audit })
          .catch(() => undefined);
      throw error;
    }
    const results = await this.statusOfAll(granted.refs, caller);
    await this.options.audit
      .record({
        event: 'status.read',
        decision: 'allow',
        role: granted.role,
        attachments: results.length,
        ...(granted.unread.length === 0 ? {} : { unread: granted.unread.map((u) => u.source) }),
        ...audit,
      })
      .catch((error: unknown) => {
        throw errors.auditUnavailable(error, 'the attachments were not listed');
      });
    return { attachments: results, unread: granted.unread };
  }

  private async statusOfAll(refs: AttachmentRef[], caller: Caller): Promise<AttachmentStatus[]> {
    const results: AttachmentStatus[] = new Array(refs.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < refs.length; i = next++) {
        const ref = refs[i] as AttachmentRef;
        results[i] = await this.statusOf(ref, caller);
      }
    };
    await Promise.all(Array.from({ length: Math.min(STATUS_CONCURRENCY, refs.length) }, worker));
    return results;
  }

  private async statusOf(ref: AttachmentRef, caller: Caller): Promise<AttachmentStatus> {
    if (ref.location.kind === 'external') return { attachment: ref, availability: 'external' };
    // Named by the data without any location (an email attachment without contentUri): listed only.
    if (ref.location.kind === 'unretrievable')
      return { attachment: ref, availability: 'unsupported', reason: 'not_retrievable' };
    const backend = this.findBackend(ref.location);
    if (!backend) return { attachment: ref, availability: 'unsupported', reason: 'unsupported_location' };
    try {
      const { object, sniffedType } = await this.inspect(backend, ref, caller);
      const { scan, customerStorage } = await this.governingVerdict(ref, backend, object, caller);
      const content = decideContent(sniffedType, ref.declaredType, 'inline', ref.fileName);
      const rendition = this.options.renditionOf?.(sniffedType, ref.declaredType, ref.fileName);
      // Offered only for a file its link would be given for: the thumbnail's request passes the same
      // gates again, and refuses what the scan verdict refuses.
      const thumbnail =
        scanAllows(scan, customerStorage, this.options.scanRequired) &&
        this.options.thumbnailOf?.(sniffedType, ref.declaredType, ref.fileName) === true;
      return {
        attachment: ref,
        availability: 'available',
        size: object.size,
        scan,
        sniffedType,
        previewKind: content.previewKind,
        typeMismatch: content.typeMismatch,
        ...(rendition ? { rendition } : {}),
        ...(thumbnail ? { thumbnail: true } : {}),
      };
    } catch (error) {
      if (!(error instanceof ProxyError)) throw error;
      // Rate limits and an expired session concern the whole request, not one file.
      if (error.status === 401 || error.status === 429) throw error;
      return {
        attachment: ref,
        availability: error.code === 'file_gone' ? 'gone' : 'error',
        reason: error.code,
      };
    }
  }

  private async findRef(
    caller: Caller,
    conversationId: string,
    attachmentId: string,
  ): Promise<{ ref: AttachmentRef; role: AccessRole }> {
    const { refs, role, unread } = await this.options.access.grant(caller, conversationId);
    const ref = refs.find((r) => r.id === attachmentId);
    if (!ref) {
      // The file may be in a source that could not be read: never granted from it, but unless that
      // source was refused (a permission, gone), the answer is Genesys's failure, as for a failed
      // conversation read (docs/security.md rule 2), not "not permitted".
      const limited = unread.find((u) => u.reason === 'rate-limited');
      if (limited) throw errors.upstreamRateLimited(limited.retryAfterSeconds ?? 5);
      if (unread.some((u) => u.reason === 'unavailable' || u.reason === 'bad-response'))
        throw errors.upstreamUnavailable();
      throw errors.notPermitted();
    }
    return { ref, role };
  }

  /**
   * The scan verdict that decides whether a file may be served, and the backend it comes from. A
   * Genesys download that detection paired with an object of the customer's scanned storage
   * (`scannedAs`: Genesys re-hosted an Open Messaging file) is governed by that object's verdict; an
   * object that is gone, or storage this proxy does not serve, gives no verdict ("unscanned", which
   * SCAN_REQUIRED refuses as pending).
   */
  private async governingVerdict(
    ref: AttachmentRef,
    backend: StorageBackend,
    object: StoredObject,
    caller: Caller,
  ): Promise<{ scan: ScanStatus; customerStorage: boolean }> {
    if (!ref.scannedAs || ref.location.kind !== 'genesys')
      return { scan: object.scan, customerStorage: backend.name !== 'genesys' };
    const scanned = this.findBackend(ref.scannedAs);
    if (!scanned) return { scan: 'unscanned', customerStorage: true };
    try {
      const { object: stored } = await this.inspect(scanned, { ...ref, location: ref.scannedAs }, caller);
      return { scan: stored.scan, customerStorage: true };
    } catch (error) {
      if (error instanceof ProxyError && error.code === 'file_gone')
        return { scan: 'unscanned', customerStorage: true };
      throw error;
    }
  }

  private findBackend(location: AttachmentLocation): StorageBackend | undefined {
    return this.options.backends.find((b) => b.handles(location));
  }

  private async inspect(backend: StorageBackend, ref: AttachmentRef, caller: Caller): Promise<Inspected> {
    // Genesys-hosted files are inspected with the agent's token: never shared between agents.
    const key = `${backend.name === 'genesys' ? `${caller.principal.userId}:` : ''}${canonicalLocation(ref.location)}`;
    const hit = this.inspected.get(key);
    if (hit) return hit;
    // Concurrent status calls and link requests for one file make one storage (or Genesys) call.
    return this.inspecting.run(key, async () => {
      const object = await backend.inspect(ref.location, caller);
      const inspected = { object, sniffedType: await sniff(object.head, ref.declaredType, ref.fileName) };
      // A verdict can change (pending becomes clean) and objects can be deleted: settled answers are
      // remembered briefly, unsettled ones more briefly still.
      this.inspected.set(key, inspected, {
        ttl: object.scan === 'clean' || object.scan === 'unscanned' ? 10_000 : 3_000,
      });
      return inspected;
    });
  }
}

function scanAllows(scan: ScanStatus, customerStorage: boolean, required: boolean): boolean {
  try {
    gateOnScan(scan, customerStorage, required);
    return true;
  } catch {
    return false;
  }
}

function gateOnScan(scan: ScanStatus, customerStorage: boolean, required: boolean): void {
  if (scan === 'infected') throw errors.scanInfected();
  if (scan === 'pending') throw errors.scanPending();
  // Genesys does not scan; its content profiles are the admin's control. Customer storage must have a verdict.
  if (scan === 'unscanned' && required && customerStorage) throw errors.scanPending();
}

function toResponse(
  ref: AttachmentRef,
  object: StoredObject,
  content: ContentDecision,
  fileName: string,
  url: string,
  expiresAt: Date,
): LinkResponse {
  return {
    url,
    expiresAt: expiresAt.toISOString(),
    fileName,
    contentType: content.contentType,
    size: object.size,
    disposition: content.disposition,
    scan: object.scan,
    previewKind: content.previewKind,
    sniffedType: content.sniffedType,
    declaredType: ref.declaredType,
    typeMismatch: content.typeMismatch,
    ...(content.claimedType ? { claimedType: content.claimedType, claimedBy: content.claimedBy } : {}),
  };
}

/** Who asked about which conversation, as every audit record of a link (or rendition) names it. */
export function auditedCaller(
  caller: Caller,
  conversationId: string,
): Omit<AuditRecord, 'event' | 'decision'> {
  return {
    requestId: caller.requestId,
    user: caller.principal.userId,
    org: caller.principal.orgId,
    region: caller.region.tld,
    conversation: conversationId,
  };
}
