// The Genesys permissions and OAuth scopes behind each Platform API call the product makes, as the
// Platform SDK's documentation states them ("Requires ANY permissions", build/docs/*Api.md of
// MyPureCloud/platform-client-sdk-javascript). One table for the sandbox org (which enforces it),
// `npm run doctor` (which checks a real user and client against it) and docs/install.md.

/** A Platform API call of the product, by the sandbox's endpoint name. */
export type PlatformCall =
  | 'users.me'
  | 'tokens.me'
  | 'conversations.list'
  | 'conversations.get'
  | 'conversations.messages.get'
  | 'messages.bulk'
  | 'emails.list'
  | 'emails.get'
  | 'recordings'
  | 'downloads'
  | 'analytics.query'
  | 'notifications.channels'
  | 'notifications.subscriptions';

export interface CallRequirement {
  /** Any one of these permissions is enough; empty: Genesys requires none ("Requires NO permissions"). */
  anyPermission: readonly string[];
  /** Any one of these OAuth scopes is enough (read-write scope first, read-only second). */
  anyScope: readonly string[];
}

export const platformCallRequirements: Readonly<Record<PlatformCall, CallRequirement>> = {
  'users.me': { anyPermission: [], anyScope: ['users', 'users:readonly'] },
  // tokens/me answers any valid token whatever its scopes.
  'tokens.me': { anyPermission: [], anyScope: [] },
  // The caller's own active conversations ("Requires NO permissions").
  'conversations.list': { anyPermission: [], anyScope: ['conversations', 'conversations:readonly'] },
  'conversations.get': {
    anyPermission: ['conversation:communication:view'],
    anyScope: ['conversations', 'conversations:readonly'],
  },
  'conversations.messages.get': { anyPermission: [], anyScope: ['conversations', 'conversations:readonly'] },
  'messages.bulk': {
    anyPermission: ['conversation:message:view', 'conversation:webmessaging:view'],
    anyScope: ['conversations', 'conversations:readonly'],
  },
  'emails.list': { anyPermission: [], anyScope: ['conversations', 'conversations:readonly'] },
  'emails.get': { anyPermission: [], anyScope: ['conversations', 'conversations:readonly'] },
  recordings: {
    anyPermission: [
      'recording:recording:view',
      'recording:recordingSegment:view',
      'recording:snippetRecording:view',
      'recording:screenRecording:view',
    ],
    anyScope: ['recordings', 'recordings:readonly'],
  },
  // The SDK documents no permission; its scope is unverified (docs/install.md, "What is unverified").
  downloads: { anyPermission: [], anyScope: [] },
  'analytics.query': {
    anyPermission: ['analytics:conversationDetail:view', 'analytics:agentConversationDetail:view'],
    anyScope: ['analytics', 'analytics:readonly'],
  },
  'notifications.channels': { anyPermission: [], anyScope: ['notifications'] },
  'notifications.subscriptions': { anyPermission: [], anyScope: ['notifications'] },
};

/**
 * True when `granted` (a user's `authorization.permissions`) covers `needed`. Genesys writes
 * permissions as `domain:entity:action`; a role may grant a whole domain or entity with `*`
 * (`conversation:*:view`, `recording:recording:*`, `*` for everything).
 */
export function hasPermission(granted: readonly string[], needed: string): boolean {
  const want = needed.split(':');
  return granted.some((g) => {
    if (g === '*') return true;
    const have = g.split(':');
    return have.length === want.length && have.every((part, i) => part === '*' || part === want[i]);
  });
}

/** True when no permission is needed or any one of them is granted. */
export function allowsCall(granted: readonly string[], call: PlatformCall): boolean {
  const { anyPermission } = platformCallRequirements[call];
  return anyPermission.length === 0 || anyPermission.some((p) => hasPermission(granted, p));
}
