// Everything the route handlers of one sandbox instance share.
import type { EndpointGuardState } from './control/endpoint-guard.ts';
import type { ShapeSwitches } from './control/shapes.ts';
import type { SandboxUser } from './data/org-data-schema.ts';
import type { OrgDirectory } from './data/org-directory.ts';
import type { AuthorizationCodes } from './oauth/authorization-codes.ts';
import type { SandboxSettings } from './sandbox-options.ts';
import type { TokenRecord, TokenStore } from './token-store.ts';

export interface SandboxState {
  directory: OrgDirectory;
  tokens: TokenStore;
  codes: AuthorizationCodes;
  settings: SandboxSettings;
  guard: EndpointGuardState;
  /** Shape switches in force (control/shapes.ts). */
  shapes: ShapeSwitches;
}

/**
 * Issues a token for the user as /oauth/token does; a home-org user's idles out after the org's idle
 * timeout, unless the caller (a sandbox control) names another idle timeout for this token.
 */
export function issueUserToken(
  { directory, tokens }: Pick<SandboxState, 'directory' | 'tokens'>,
  user: SandboxUser,
  options: { clientId: string | undefined; ttlSeconds: number; idleTimeoutSeconds?: number },
): TokenRecord {
  // TokenStore.issue leaves undefined fields out of the record.
  return tokens.issue({
    userId: user.id,
    clientId: options.clientId,
    ttlSeconds: options.ttlSeconds,
    idleTimeoutSeconds:
      options.idleTimeoutSeconds ??
      (directory.isHomeOrgUser(user) ? directory.data.org.idleTimeoutSeconds : undefined),
  });
}
