// Models.TokenInfo for a token, as /api/v2/tokens/me and users/me?expand=token return it.
import type { Models } from 'purecloud-platform-client-v2';
import type { SandboxUser } from '../data/org-data-schema.ts';
import type { OrgDirectory } from '../data/org-directory.ts';
import type { TokenRecord, TokenStore } from '../token-store.ts';

export function tokenInfo(
  directory: OrgDirectory,
  tokens: TokenStore,
  user: SandboxUser,
  token: TokenRecord,
): Models.TokenInfo {
  const org = namedOrg(directory, user.organizationId);
  const client =
    token.clientId === undefined ? directory.defaultClientFor(user) : directory.client(token.clientId);
  const idlesAt = tokens.idlesAt(token);
  return {
    organization: org,
    homeOrganization: org,
    ...(client === undefined
      ? {}
      : {
          authorizedScope: client.scopes,
          OAuthClient: {
            id: client.id,
            name: client.name,
            authorizedGrantType: 'CODE',
            scope: client.scopes,
            state: 'active',
            organization: namedOrg(directory, directory.clientOrgId(client)),
          },
        }),
    ...(idlesAt === undefined ? {} : { dateTokenIdles: new Date(idlesAt).toISOString() }),
  } satisfies Models.TokenInfo;
}

function namedOrg(directory: OrgDirectory, orgId: string): Models.NamedEntity {
  const org = directory.organization(orgId);
  return { id: orgId, ...(org?.name === undefined ? {} : { name: org.name }) };
}
