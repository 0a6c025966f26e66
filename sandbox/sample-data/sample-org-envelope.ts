// org.json, orgs-other.json, users.json and oauth-clients.json of the sample org.
import type { OAuthClient, OrgFile, OtherOrg, SandboxUserInput } from '../data/org-data-schema.ts';
import { conversationIds, orgId, otherOrgId, userIds } from './sample-ids.ts';

export const sampleOrg: OrgFile = {
  id: orgId,
  name: 'Sandbox Insurance',
  thirdPartyOrgName: 'sandbox-insurance',
  defaultUser: 'alice',
};

export const sampleOtherOrgs: OtherOrg[] = [
  { id: otherOrgId, name: 'Other Tenant Ltd', thirdPartyOrgName: 'other-tenant' },
];

export const sandboxTokens = {
  alice: 'sandbox-token-alice',
  aliceExpired: 'sandbox-token-alice-expired',
  aliceIdle: 'sandbox-token-alice-idle',
  bob: 'sandbox-token-bob',
  quinn: 'sandbox-token-quinn',
  carol: 'sandbox-token-carol',
  devon: 'sandbox-token-devon',
  mallory: 'sandbox-token-mallory',
} as const;

// Realistic permission sets (core/platform-permissions.ts says which call needs which): agents who
// read messaging and email, one agent whose role lacks messaging view, a QA reviewer with analytics
// and recordings, a user of the org whose role grants nothing, and a user of another tenant.
// The one list of sample users: the demo desktop's user chooser lists it.
export const sampleUsers: SandboxUserInput[] = [
  {
    id: userIds.alice,
    name: 'Alice Agent',
    email: 'alice@sandbox-insurance.example',
    username: 'alice',
    title: 'Claims agent',
    organizationId: orgId,
    permissions: [
      'conversation:communication:view',
      'conversation:message:view',
      'conversation:webmessaging:view',
      'recording:recording:view',
    ],
    conversations: ['*'],
    tokens: [
      { token: sandboxTokens.alice, expiresAt: null },
      { token: sandboxTokens.aliceExpired, expiresAt: '2025-01-01T00:00:00.000Z' },
      // HIPAA-style: idles out after 15 minutes without a call.
      { token: sandboxTokens.aliceIdle, expiresAt: null, idleTimeoutSeconds: 900 },
    ],
  },
  {
    id: userIds.bob,
    name: 'Bob Agent',
    email: 'bob@sandbox-insurance.example',
    username: 'bob',
    title: 'Claims agent',
    organizationId: orgId,
    permissions: [
      'conversation:communication:view',
      'conversation:message:view',
      'conversation:webmessaging:view',
    ],
    conversations: [conversationIds.webMessaging],
    tokens: [{ token: sandboxTokens.bob, expiresAt: null }],
  },
  {
    id: userIds.quinn,
    name: 'Quinn Reviewer',
    email: 'quinn@sandbox-insurance.example',
    username: 'quinn',
    title: 'Quality reviewer',
    organizationId: orgId,
    permissions: [
      'analytics:conversationDetail:view',
      'conversation:communication:view',
      'conversation:message:view',
      'conversation:webmessaging:view',
      'recording:recording:view',
      'recording:recording:viewSensitiveData',
    ],
    conversations: ['*'],
    tokens: [{ token: sandboxTokens.quinn, expiresAt: null }],
  },
  {
    id: userIds.carol,
    name: 'Carol Agent',
    email: 'carol@sandbox-insurance.example',
    username: 'carol',
    title: 'Claims agent (voice role, no messaging view)',
    organizationId: orgId,
    // A voice agent's role: conversations, but neither conversation:message:view nor webmessaging:view.
    permissions: ['conversation:communication:view'],
    conversations: [conversationIds.webMessaging, conversationIds.openMessagingS3, conversationIds.email],
    tokens: [{ token: sandboxTokens.carol, expiresAt: null }],
  },
  {
    id: userIds.devon,
    name: 'Devon Trainee',
    email: 'devon@sandbox-insurance.example',
    username: 'devon',
    title: 'Trainee (no roles yet)',
    organizationId: orgId,
    permissions: [],
    conversations: [],
    tokens: [{ token: sandboxTokens.devon, expiresAt: null }],
  },
  {
    id: userIds.mallory,
    name: 'Mallory Outsider',
    email: 'mallory@other-tenant.example',
    username: 'mallory',
    organizationId: otherOrgId,
    permissions: ['conversation:communication:view', 'recording:recording:view'],
    conversations: ['*'],
    tokens: [{ token: sandboxTokens.mallory, expiresAt: null }],
  },
];

export const sampleOAuthClientId = 'attachment-viewer-sandbox';

export const sampleOAuthClients: OAuthClient[] = [
  {
    id: sampleOAuthClientId,
    name: 'Attachment Viewer (sandbox)',
    // Exact-match URIs, as Genesys compares them: the demo's two spellings of its local address.
    redirectUris: ['http://127.0.0.1:8080/', 'http://localhost:8080/'],
    scopes: ['conversations:readonly', 'recordings:readonly', 'users:readonly', 'notifications'],
  },
  {
    id: 'attachment-viewer-other-tenant',
    name: 'Attachment Viewer (other tenant)',
    redirectUris: ['http://127.0.0.1:8080/', 'http://localhost:8080/'],
    scopes: ['conversations:readonly', 'users:readonly'],
    organizationId: otherOrgId,
  },
];
