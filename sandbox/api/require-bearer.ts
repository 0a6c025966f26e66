// Authorization for every API route: a known, unexpired, not idled-out bearer token, else 401.
import type { Request, RequestHandler } from 'express';
import type { SandboxUser } from '../data/org-data-schema.ts';
import { sendGenesysError } from '../genesys-errors.ts';
import { setCaller } from '../request-context.ts';
import type { TokenStore } from '../token-store.ts';

export interface BearerCheckDeps {
  tokens: TokenStore;
  userById: (id: string) => SandboxUser | undefined;
}

export interface BearerCheckOptions {
  /** True when this call must not reset the token's idle timer (tokens/me?preserveIdleTTL=true). */
  preservesIdleTimer?: (req: Request) => boolean;
}

const bearerPattern = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

export function requireBearer(deps: BearerCheckDeps, options: BearerCheckOptions = {}): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization');
    if (header === undefined || header.trim() === '') {
      return sendGenesysError(res, 401, {
        message: 'No authentication bearer token specified in authorization header.',
      });
    }
    const token = bearerPattern.exec(header)?.[1];
    const lookup = token === undefined ? undefined : deps.tokens.lookup(token);
    const user = lookup?.state === 'valid' ? deps.userById(lookup.record.userId) : undefined;
    if (lookup?.state !== 'valid' || user === undefined) return sendGenesysError(res, 401);
    if (!options.preservesIdleTimer?.(req)) deps.tokens.resetIdleTimer(lookup.record);
    setCaller(res, { user, token: lookup.record });
    next();
  };
}
