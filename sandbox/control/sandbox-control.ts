// The programmatic controls of a running sandbox; the /__sandbox/ routes expose the same over HTTP.
import type { NotificationHub } from '../notifications/notification-hub.ts';
import { issueUserToken, type SandboxState } from '../sandbox-state.ts';
import type { CallCounts } from './call-counter.ts';
import type { EndpointName } from './endpoint-names.ts';
import type { Fault, FaultTableEntries, FaultTarget } from './faults.ts';
import { defaultShapes, type ShapeSwitches, shapeSwitchesSchema } from './shapes.ts';

export interface SandboxTokenSummary {
  token: string;
  username: string;
  name: string;
  organizationId: string;
  /** ISO-8601, or null for never. */
  expiresAt: string | null;
  state: 'valid' | 'expired' | 'idle';
}

export interface SandboxControl {
  /** Makes every later call to the endpoint ("*" = every endpoint without its own fault) fail this way. */
  setFault(endpoint: FaultTarget, fault: Fault): void;
  clearFault(endpoint: FaultTarget): void;
  clearFaults(): void;
  faults(): FaultTableEntries;
  /** Requests per endpoint name since the start or the last resetCalls(), faulted ones included. */
  calls(): CallCounts;
  resetCalls(): void;
  /** The query string of the endpoint's last request (without "?"), e.g. the recordings read's formatId. */
  lastQuery(endpoint: EndpointName): string | undefined;
  /** Who /oauth/authorize signs in when no login_hint is given; undefined restores the configured default. */
  setDefaultUser(username: string | undefined): void;
  /** Accepts one more redirect URI for every OAuth client (e.g. one on a port chosen at run time). */
  addRedirectUri(uri: string): void;
  /**
   * Issues a token for a user as /oauth/token would, without the browser round trip; idleTimeoutSeconds
   * replaces the org's idle timeout for this token (a short one, for tests of caches that must end then).
   */
  issueToken(username: string, options?: { ttlSeconds?: number; idleTimeoutSeconds?: number }): string;
  /** Forgets a token: later calls with it get 401, as after a revocation. */
  revokeToken(token: string): boolean;
  /**
   * Forgets every token /oauth/token issued (users.json's static ones stay): each browser session
   * must sign in again, as whoever /oauth/authorize signs in now. Answers how many were revoked.
   */
  revokeIssuedTokens(): number;
  /** The static tokens of users.json, for demos and docs. */
  staticTokens(): SandboxTokenSummary[];
  /** Switches payload shapes on or off (those not named keep their setting); answers all of them. */
  setShapes(shapes: Partial<ShapeSwitches>): ShapeSwitches;
  shapes(): ShapeSwitches;
  /** Every shape switch back to the sample org's own shapes. */
  resetShapes(): void;
  /** Tells notification subscribers the conversation changed; answers how many sockets were told. */
  touchConversation(conversationId: string): number;
}

export function createSandboxControl(
  state: SandboxState,
  initialDefaultUser: string | undefined,
  notifications: NotificationHub,
): SandboxControl {
  const { guard, directory, tokens, settings } = state;
  const userNamed = (username: string) => {
    const user = directory.userByLoginHint(username);
    if (user === undefined) throw new Error(`no sandbox user "${username}"`);
    return user;
  };
  return {
    touchConversation: (conversationId) => notifications.touchConversation(conversationId),
    setShapes: (shapes) => Object.assign(state.shapes, shapeSwitchesSchema.parse(shapes)),
    shapes: () => ({ ...state.shapes }),
    resetShapes: () => Object.assign(state.shapes, defaultShapes()),
    setFault: (endpoint, fault) => guard.faults.set(endpoint, fault),
    clearFault: (endpoint) => guard.faults.clear(endpoint),
    clearFaults: () => guard.faults.clear(),
    faults: () => guard.faults.snapshot(),
    calls: () => guard.calls.snapshot(),
    resetCalls: () => guard.calls.reset(),
    lastQuery: (endpoint) => guard.calls.lastQuery(endpoint),
    setDefaultUser: (username) => {
      settings.defaultUser = username === undefined ? initialDefaultUser : userNamed(username).username;
    },
    addRedirectUri: (uri) => {
      if (!URL.canParse(uri)) throw new Error(`"${uri}" is not an absolute URL`);
      settings.extraRedirectUris.add(uri);
    },
    issueToken: (username, options = {}) => {
      const user = userNamed(username);
      return issueUserToken(state, user, {
        clientId: directory.defaultClientFor(user)?.id,
        ttlSeconds: options.ttlSeconds ?? settings.tokenTtlSeconds,
        ...(options.idleTimeoutSeconds === undefined
          ? {}
          : { idleTimeoutSeconds: options.idleTimeoutSeconds }),
      }).token;
    },
    revokeToken: (token) => tokens.revoke(token),
    revokeIssuedTokens: () =>
      tokens
        .all()
        .filter((record) => record.issued)
        .filter((record) => tokens.revoke(record.token)).length,
    staticTokens: () =>
      tokens
        .all()
        .filter((record) => !record.issued)
        .flatMap((record) => {
          const user = directory.user(record.userId);
          if (user === undefined) return [];
          const lookup = tokens.lookup(record.token);
          return [
            {
              token: record.token,
              username: user.username,
              name: user.name,
              organizationId: user.organizationId,
              expiresAt: record.expiresAt === null ? null : new Date(record.expiresAt).toISOString(),
              state: lookup.state === 'unknown' ? 'expired' : lookup.state,
            },
          ];
        }),
  };
}
