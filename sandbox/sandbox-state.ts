// Everything the route handlers of one sandbox instance share.
import type { EndpointGuardState } from './control/endpoint-guard.ts';
import type { OrgDirectory } from './data/org-directory.ts';
import type { AuthorizationCodes } from './oauth/authorization-codes.ts';
import type { SandboxSettings } from './sandbox-options.ts';
import type { TokenStore } from './token-store.ts';

export interface SandboxState {
  directory: OrgDirectory;
  tokens: TokenStore;
  codes: AuthorizationCodes;
  settings: SandboxSettings;
  guard: EndpointGuardState;
}
