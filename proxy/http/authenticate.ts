import type { Request, RequestHandler, Response } from 'express';
import type { GenesysRegion } from '../../core/genesys-regions.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { bearerToken } from '../auth/bearer-token.ts';
import type { Caller } from '../auth/caller.ts';
import type { TokenVerifier } from '../auth/token-verifier.ts';
import { errors, ProxyError } from '../errors.ts';
import type { GenesysClient } from '../genesys/genesys-client.ts';

export interface AuthenticateOptions {
  regions: GenesysRegion[];
  clients: Map<string, GenesysClient>;
  verifier: TokenVerifier;
  audit: AuditLog;
  /** A per-address rate limit, applied only when a token must be checked with Genesys. */
  upstreamLimit: RequestHandler;
  /**
   * The oldest token check each request may rest on (docs/security.md, finding 1); undefined: the
   * cache's whole TTL.
   */
  maxCheckAgeMs?: (req: Request) => number | undefined;
}

/**
 * Resolves the region (exact match against configuration, before any outbound call), then the
 * bearer token, then the principal. Routes behind it read the caller with callerOf(res).
 */
export function authenticate(options: AuthenticateOptions): RequestHandler {
  return async (req, res, next) => {
    let fingerprint: string | undefined;
    try {
      const region = resolveRegion(req.get('x-genesys-region'), options.regions);
      const client = options.clients.get(region.tld);
      if (!client) throw errors.unknownRegion();
      // Node keeps only the first of repeated Authorization headers; two credentials are ambiguous,
      // whichever comes first, so they are refused rather than resolved (docs/security.md rule 6).
      if ((req.headersDistinct.authorization?.length ?? 0) > 1)
        throw errors.invalidRequest('Send one Authorization header, not several.');
      const token = bearerToken(req.get('authorization'));
      fingerprint = options.verifier.fingerprint(token);
      const principal = await options.verifier.verify(
        token,
        region,
        client,
        fingerprint,
        () => runMiddleware(options.upstreamLimit, req, res),
        options.maxCheckAgeMs?.(req),
      );
      const caller: Caller = { principal, token, region, client, requestId: String(res.locals.requestId) };
      res.locals.caller = caller;
      res.locals.userId = principal.userId;
      next();
    } catch (error) {
      if (error instanceof ProxyError && (error.status === 401 || error.code === 'wrong_organization')) {
        await options.audit
          .record({
            event: 'auth.failed',
            requestId: String(res.locals.requestId),
            decision: error.code,
            tokenFingerprint: fingerprint,
          })
          .catch(() => undefined);
      }
      next(error);
    }
  };
}

/** The caller authenticate() established for this request. */
export function callerOf(res: Response): Caller {
  return res.locals.caller as Caller;
}

/** One configured region needs no header; with several, the widget names its `gcHostOrigin` TLD. */
export function resolveRegion(header: string | undefined, regions: GenesysRegion[]): GenesysRegion {
  if (header === undefined) {
    if (regions.length === 1 && regions[0]) return regions[0];
    throw errors.invalidRequest(
      'Name the Genesys Cloud region in the X-Genesys-Region header, e.g. mypurecloud.ie.',
    );
  }
  const region = regions.find((r) => r.tld === header);
  if (!region) throw errors.unknownRegion();
  return region;
}

/** Runs one middleware as a step: resolves when it calls next(), rejects when it passes an error. */
function runMiddleware(
  middleware: RequestHandler,
  req: Parameters<RequestHandler>[0],
  res: Parameters<RequestHandler>[1],
) {
  return new Promise<void>((resolve, reject) => {
    void middleware(req, res, (error?: unknown) => (error ? reject(error) : resolve()));
  });
}
