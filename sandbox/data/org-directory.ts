// Look-ups over the loaded data folder: users, orgs, OAuth clients, conversation grants.
import type { Models } from 'purecloud-platform-client-v2';
import type { OrgData } from './load-org-data.ts';
import type { OAuthClient, SandboxUser } from './org-data-schema.ts';

export class OrgDirectory {
  readonly data: OrgData;
  readonly #usersById: Map<string, SandboxUser>;

  constructor(data: OrgData) {
    this.data = data;
    this.#usersById = new Map(data.users.map((u) => [u.id, u]));
  }

  get homeOrgId(): string {
    return this.data.org.id;
  }

  user(id: string): SandboxUser | undefined {
    return this.#usersById.get(id);
  }

  /** Finds a user by username or email; Genesys login hints may append ":<org name>". */
  userByLoginHint(hint: string): SandboxUser | undefined {
    const login = hint.split(':')[0]?.trim().toLowerCase() ?? '';
    return this.data.users.find((u) => u.username.toLowerCase() === login || u.email.toLowerCase() === login);
  }

  organization(orgId: string): Models.Organization | undefined {
    const org = orgId === this.data.org.id ? this.data.org : this.data.otherOrgs.find((o) => o.id === orgId);
    if (org === undefined) return undefined;
    return {
      id: org.id,
      name: org.name,
      ...(org.thirdPartyOrgName === undefined ? {} : { thirdPartyOrgName: org.thirdPartyOrgName }),
      defaultLanguage: 'en',
      state: 'active',
      version: 1,
      productPlatform: 'PureCloud',
      selfUri: `/api/v2/organizations/${org.id}`,
    } satisfies Models.Organization;
  }

  client(clientId: string): OAuthClient | undefined {
    return this.data.oauthClients.find((c) => c.id === clientId);
  }

  clientOrgId(client: OAuthClient): string {
    return client.organizationId ?? this.data.org.id;
  }

  /** The client a static token without clientId is attributed to. */
  defaultClientFor(user: SandboxUser): OAuthClient | undefined {
    return this.data.oauthClients.find((c) => this.clientOrgId(c) === user.organizationId);
  }

  /** Every conversation folder belongs to the home org (org.json); other orgs' users see none of it. */
  isHomeOrgUser(user: SandboxUser): boolean {
    return user.organizationId === this.data.org.id;
  }

  isGranted(user: SandboxUser, conversationId: string): boolean {
    return user.conversations.includes('*') || user.conversations.includes(conversationId);
  }
}
