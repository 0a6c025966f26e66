// GET /api/v2/users/me and GET|HEAD /api/v2/tokens/me: who the token belongs to.
import type { RequestHandler } from 'express';
import type { Models } from 'purecloud-platform-client-v2';
import { callerOf } from '../request-context.ts';
import { queryList } from '../request-query.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { tokenInfo } from './token-info.ts';

export function usersMeRoute(state: SandboxState): RequestHandler {
  const { directory, tokens } = state;
  return (req, res) => {
    const { user, token } = callerOf(res);
    const expand = new Set(queryList(req, 'expand'));
    const organization = expand.has('organization') ? directory.organization(user.organizationId) : undefined;
    const body = {
      id: user.id,
      name: user.name,
      email: user.email,
      username: user.username,
      ...(user.title === undefined ? {} : { title: user.title }),
      state: 'active',
      version: 1,
      ...(organization === undefined ? {} : { organization }),
      ...(expand.has('token') ? { token: tokenInfo(directory, tokens, user, token) } : {}),
      ...(expand.has('authorization')
        ? {
            authorization: {
              roles: [],
              unusedRoles: [],
              permissions: user.permissions,
              permissionPolicies: [],
            },
          }
        : {}),
      selfUri: `/api/v2/users/${user.id}`,
    } satisfies Models.UserMe;
    res.json(body);
  };
}

export function tokensMeRoute(state: SandboxState): RequestHandler {
  const { directory, tokens } = state;
  return (_req, res) => {
    const { user, token } = callerOf(res);
    res.json(tokenInfo(directory, tokens, user, token));
  };
}
