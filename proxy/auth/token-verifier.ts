// Checks an agent's bearer token against Genesys (`GET /api/v2/users/me`) and remembers the
// decision briefly under a keyed hash of the token (docs/security.md rule 3).
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { GenesysRegion } from '../../core/genesys-regions.ts';
import { obj, str } from '../../core/json-access.ts';
import type { SharedFlight } from '../cache/shared-flight.ts';
import type { TieredCache } from '../cache/tiered-cache.ts';
import { errors, upstreamError } from '../errors.ts';
import { type GenesysClient, GenesysError } from '../genesys/genesys-client.ts';

/** Who a verified token belongs to. */
export interface Principal {
  userId: string;
  name?: string;
  orgId: string;
  oauthClientId?: string;
  region: string;
  /** Keyed hash of the token: a cache key and an audit fingerprint, never reversible. */
  tokenHash: string;
}

/** `checkedAt`: when Genesys answered (epoch ms), so an action can demand a fresher check. */
type Decision = { ok: true; principal: Principal; checkedAt: number } | { ok: false };

export interface TokenVerifierOptions {
  cache: TieredCache;
  flights: SharedFlight;
  hashKey: Buffer;
  ttlMs: number;
  negativeTtlMs: number;
  orgId?: string;
  oauthClientId?: string;
  now?: () => number;
}

export class TokenVerifier {
  /** As a KeyObject: an HMAC with a Buffer key costs five times as much on Node 24 (link-signer.ts). */
  private readonly hashKey: KeyObject;

  constructor(private readonly options: TokenVerifierOptions) {
    this.hashKey = createSecretKey(options.hashKey);
  }

  fingerprint(token: string): string {
    return createHmac('sha256', this.hashKey).update(token).digest('hex').slice(0, 32);
  }

  /** The principal of a valid token of the pinned organization, or a ProxyError. */
  async verify(
    token: string,
    region: GenesysRegion,
    client: GenesysClient,
    tokenHash = this.fingerprint(token),
    /** Runs before a cache miss goes upstream (the per-address limit: floods of unknown tokens cost Genesys nothing). */
    beforeUpstream?: () => Promise<void>,
    /**
     * The oldest approval this action may rest on (docs/security.md, finding 1): an older one is a
     * miss and Genesys is asked again. Refusals count whatever their age.
     */
    maxAgeMs = this.options.ttlMs,
  ): Promise<Principal> {
    const key = `${region.tld}:${tokenHash}`;
    const oldest = (this.options.now?.() ?? Date.now()) - maxAgeMs;
    // The cache's read-through, with an approval too old for this action counted as a miss; a newer
    // one another replica stored in Redis is found behind this process's older copy.
    const peek = () => this.options.cache.get(key, parseDecision, (d) => !(d.ok && d.checkedAt < oldest));
    let decision = await peek();
    if (!decision) {
      await beforeUpstream?.();
      decision = await this.options.flights.run(`token:${key}`, peek, () =>
        this.lookup(token, tokenHash, key, region, client),
      );
    }
    if (!decision.ok) throw errors.sessionExpired();
    this.checkTenant(decision.principal);
    return decision.principal;
  }

  /** Forget a token at once (Genesys said 401 on a later call). */
  forget(token: string, region: GenesysRegion): Promise<void> {
    return this.options.cache.delete(`${region.tld}:${this.fingerprint(token)}`);
  }

  private async lookup(
    token: string,
    tokenHash: string,
    key: string,
    region: GenesysRegion,
    client: GenesysClient,
  ): Promise<Decision> {
    const now = this.options.now?.() ?? Date.now();
    try {
      const me = await client.getUsersMe(token);
      const tokenInfo = obj(me.token);
      const principal: Principal = {
        userId: str(me.id) ?? '',
        name: str(me.name),
        orgId: str(obj(me.organization)?.id) ?? str(obj(tokenInfo?.organization)?.id) ?? '',
        oauthClientId: str(obj(tokenInfo?.OAuthClient)?.id),
        region: region.tld,
        tokenHash,
      };
      if (!principal.userId || !principal.orgId)
        throw errors.upstreamBadResponse('users/me without id or organization');
      // Never trust the decision past the moment Genesys would idle the token out.
      const idles = Date.parse(str(tokenInfo?.dateTokenIdles) ?? '');
      const ttl = Number.isFinite(idles) ? Math.min(this.options.ttlMs, idles - now) : this.options.ttlMs;
      // When Genesys answered: the cache entry's life and the check's age start together.
      const decision: Decision = { ok: true, principal, checkedAt: this.options.now?.() ?? Date.now() };
      await this.options.cache.set(key, decision, ttl);
      return decision;
    } catch (error) {
      if (error instanceof GenesysError) {
        if (error.kind === 'unauthorized') {
          const decision: Decision = { ok: false };
          await this.options.cache.set(key, decision, this.options.negativeTtlMs);
          return decision;
        }
        if (error.kind === 'forbidden')
          throw errors.unauthenticated('This token may not read the user profile.');
        throw upstreamError(error);
      }
      throw error;
    }
  }

  private checkTenant(principal: Principal): void {
    if (this.options.orgId && principal.orgId !== this.options.orgId) throw errors.wrongOrganization();
    if (
      this.options.oauthClientId &&
      principal.oauthClientId &&
      principal.oauthClientId !== this.options.oauthClientId
    )
      throw errors.wrongOrganization();
  }
}

function parseDecision(value: unknown): Decision | undefined {
  const v = obj(value);
  if (v?.ok === false) return { ok: false };
  const p = obj(v?.principal);
  if (v?.ok !== true || !p) return undefined;
  const userId = str(p.userId);
  const orgId = str(p.orgId);
  const region = str(p.region);
  const tokenHash = str(p.tokenHash);
  const checkedAt = typeof v?.checkedAt === 'number' ? v.checkedAt : undefined;
  if (!userId || !orgId || !region || !tokenHash || checkedAt === undefined) return undefined;
  return {
    ok: true,
    checkedAt,
    principal: { userId, orgId, region, tokenHash, name: str(p.name), oauthClientId: str(p.oauthClientId) },
  };
}
