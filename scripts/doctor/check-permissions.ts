// With --token: the signed-in user's permissions (users/me?expand=authorization) against what each of
// the widget's Platform API calls needs (core/platform-permissions.ts). Permissions belong to the
// user's roles, so the finding speaks of that user: check an agent's token and a reviewer's.
import { allowsCall, type PlatformCall, platformCallRequirements } from '../../core/platform-permissions.ts';
import type { Finding, Problem } from './finding.ts';
import { fromProblems } from './finding.ts';

interface Need {
  call: PlatformCall;
  why: string;
  status: 'fail' | 'warn';
}

const AGENT_NEEDS: readonly Need[] = [
  { call: 'conversations.get', why: 'the widget reads no conversation and lists nothing', status: 'fail' },
  {
    call: 'messages.bulk',
    why: 'message bodies are not read, so files sent in web and Open Messaging are missed',
    status: 'warn',
  },
  {
    call: 'recordings',
    why: 'ended interactions that only survive in recordings show no files',
    status: 'warn',
  },
];

/** The permission finding for a users/me body with `authorization`, or a warning when Genesys sent none. */
export function checkPermissions(who: string, authorization: { permissions?: unknown } | undefined): Finding {
  const id = 'genesys.permissions';
  const title = 'Permissions of the token’s user';
  const granted = Array.isArray(authorization?.permissions)
    ? authorization.permissions.filter((p): p is string => typeof p === 'string')
    : undefined;
  if (granted === undefined)
    return {
      id,
      title,
      status: 'warn',
      detail: `users/me?expand=authorization named no permissions for ${who}.`,
      fix: 'Check the user’s roles under Admin > People > Roles: they need the permissions listed in docs/install.md.',
    };
  const problems: Problem[] = AGENT_NEEDS.filter((n) => !allowsCall(granted, n.call)).map((n) => {
    const any = platformCallRequirements[n.call].anyPermission;
    return {
      status: n.status,
      detail: `${who} lacks ${any.join(' or ')}: ${n.why}.`,
      fix: `Give the agents’ role ${any[0]} (Admin > Roles / Permissions); they sign in again to get it.`,
    };
  });
  const analytics = platformCallRequirements['analytics.query'].anyPermission;
  const reviewer = allowsCall(granted, 'analytics.query')
    ? 'can list interactions in the review app'
    : `cannot list interactions in the review app (reviewers need ${analytics.join(' or ')})`;
  const finding = fromProblems(id, title, problems, `${who} has what the widget needs; ${reviewer}`);
  return problems.length === 0 ? finding : { ...finding, detail: `${finding.detail} The user ${reviewer}.` };
}
