// Authorization: the attachments an agent may open are exactly those detection finds in a
// conversation re-read with the agent's own token (security.md rule 1).
import type { AttachmentRef } from '../../core/attachment-ref.ts';
import { readConversation } from '../../core/conversation-reader.ts';
import { detectAttachments } from '../../core/detect.ts';
import type { DetectionRules } from '../../core/detection-rules.ts';
import type { GenesysRegion } from '../../core/genesys-regions.ts';
import { arr, obj, str } from '../../core/json-access.ts';
import { asLocation } from '../../core/location-guard.ts';
import type { SharedFlight } from '../cache/shared-flight.ts';
import type { TieredCache } from '../cache/tiered-cache.ts';
import { errors } from '../errors.ts';
import { type GenesysClient, GenesysError } from '../genesys/genesys-client.ts';
import type { Principal } from './token-verifier.ts';

export interface ConversationAccessOptions {
  rules: DetectionRules;
  cache: TieredCache;
  flights: SharedFlight;
  ttlMs: number;
  /** Called when Genesys rejects the token mid-request, so its cached approval is dropped. */
  onTokenRejected: (token: string, region: GenesysRegion) => Promise<void>;
}

export class ConversationAccess {
  constructor(private readonly options: ConversationAccessOptions) {}

  /** The references of a conversation the principal can read; not_permitted when they cannot. */
  async attachments(
    principal: Principal,
    token: string,
    region: GenesysRegion,
    client: GenesysClient,
    conversationId: string,
  ): Promise<AttachmentRef[]> {
    const key = `${region.tld}:${principal.userId}:${conversationId}`;
    const cached = await this.options.cache.get(key, parseRefs);
    if (cached) return cached;
    return this.options.flights.run(
      `conversation:${key}`,
      () => this.options.cache.get(key, parseRefs),
      async () => {
        const refs = await this.read(token, region, client, conversationId);
        await this.options.cache.set(key, refs, this.options.ttlMs);
        return refs;
      },
    );
  }

  private async read(token: string, region: GenesysRegion, client: GenesysClient, conversationId: string) {
    try {
      const data = await readConversation(client.readsFor(token), conversationId);
      return detectAttachments(data, this.options.rules);
    } catch (error) {
      if (!(error instanceof GenesysError)) throw error;
      switch (error.kind) {
        case 'not_found':
        case 'forbidden':
          throw errors.notPermitted();
        case 'unauthorized':
          await this.options.onTokenRejected(token, region);
          throw errors.unauthenticated('Your Genesys Cloud session has expired. Sign in again.');
        case 'rate_limited':
          throw errors.upstreamRateLimited(error.retryAfterSeconds ?? 5);
        case 'bad_response':
        case 'unavailable':
          throw errors.upstreamUnavailable(error);
      }
    }
  }
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
      !Array.isArray(ref.sources)
    )
      return undefined;
  }
  return value as AttachmentRef[];
}
