// Authorization: the attachments an agent may open are exactly those detection finds in a
// conversation re-read with the agent's own token (docs/security.md rule 1).
import type { AttachmentRef } from '../../core/attachment-ref.ts';
import { readConversation } from '../../core/conversation-reader.ts';
import { type ConversationData, detectAttachments } from '../../core/detect.ts';
import type { DetectionRules } from '../../core/detection-rules.ts';
import { arr, obj, str } from '../../core/json-access.ts';
import { asLocation } from '../../core/location-guard.ts';
import { listOf, objectOf, textOf } from '../../core/model-access.ts';
import type { UnreadSource } from '../../core/read-failure.ts';
import type { SharedFlight } from '../cache/shared-flight.ts';
import type { TieredCache } from '../cache/tiered-cache.ts';
import { errors, upstreamError } from '../errors.ts';
import { GenesysError } from '../genesys/genesys-client.ts';
import type { Caller } from './caller.ts';
import type { Principal } from './token-verifier.ts';

export interface ConversationAccessOptions {
  rules: DetectionRules;
  cache: TieredCache;
  flights: SharedFlight;
  ttlMs: number;
}

export class ConversationAccess {
  constructor(private readonly options: ConversationAccessOptions) {}

  /**
   * The references of a conversation the caller can read (not_permitted when they cannot), and how
   * the caller reached it (recorded in the audit trail).
   */
  async grant(caller: Caller, conversationId: string): Promise<ConversationGrant> {
    const key = `${caller.region.tld}:${caller.principal.userId}:${conversationId}`;
    return this.options.flights.readThrough({
      cache: this.options.cache,
      key,
      parse: parseGrant,
      flight: `conversation:${key}`,
      work: async () => {
        const grant = await this.read(caller, conversationId);
        // A partial read is not remembered: the next request reads again, and may read it all.
        if (grant.unread.length === 0) await this.options.cache.set(key, grant, this.options.ttlMs);
        return grant;
      },
    });
  }

  private async read(caller: Caller, conversationId: string): Promise<ConversationGrant> {
    try {
      // Detection sees only what was read with the agent's token: a source that failed adds nothing.
      const data = await readConversation(caller.client.readsFor(caller.token), conversationId);
      return {
        refs: detectAttachments(data, this.options.rules),
        role: roleOf(caller.principal, data),
        unread: [...(data.unread ?? [])],
      };
    } catch (error) {
      if (!(error instanceof GenesysError)) throw error;
      switch (error.kind) {
        case 'not_found':
        case 'forbidden':
          throw errors.notPermitted();
        case 'unauthorized':
          throw errors.sessionExpired();
        default:
          throw upstreamError(error);
      }
    }
  }
}

/**
 * How the reader reached the conversation: `participant` (an agent of it), `reviewer` (allowed to
 * read it without taking part: a supervisor or QA), `recordings` (an ended interaction read through
 * its recordings, which needs recording permissions).
 */
export type AccessRole = 'participant' | 'reviewer' | 'recordings';

export interface ConversationGrant {
  refs: AttachmentRef[];
  role: AccessRole;
  /** Sources of the conversation that could not be read: their files are not in `refs`. */
  unread: UnreadSource[];
}

function roleOf(principal: Principal, data: ConversationData): AccessRole {
  if (!data.conversation) return 'recordings';
  const took = listOf(data.conversation, 'participants').some(
    (participant) =>
      textOf(participant, 'userId') === principal.userId ||
      textOf(objectOf(participant, 'user'), 'id') === principal.userId,
  );
  return took ? 'participant' : 'reviewer';
}

function parseGrant(value: unknown): ConversationGrant | undefined {
  const v = obj(value);
  const refs = parseRefs(v?.refs);
  const role = v?.role;
  if (!refs || (role !== 'participant' && role !== 'reviewer' && role !== 'recordings')) return undefined;
  // Only complete reads are cached (see grant()).
  return { refs, role, unread: [] };
}

/** Cached references are trusted only in the shape detection produces. */
function parseRefs(value: unknown): AttachmentRef[] | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const item of arr(value)) {
    const ref = obj(item);
    if (
      !ref ||
      !str(ref.id) ||
      !str(ref.fileName) ||
      !asLocation(ref.location) ||
      (ref.scannedAs !== undefined && !asLocation(ref.scannedAs)) ||
      !Array.isArray(ref.sources)
    )
      return undefined;
  }
  return value as AttachmentRef[];
}
