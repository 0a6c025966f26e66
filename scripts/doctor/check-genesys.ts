// Genesys Cloud as the proxy sees it: the region's API host answers, and (with --token) the token
// is valid there, belongs to the pinned organization and was issued to the pinned OAuth client.

import type { GenesysRegion } from '../../core/genesys-regions.ts';
import { parseJsonOrUndefined } from '../../core/json-access.ts';
import { platformCallRequirements } from '../../core/platform-permissions.ts';
import type { Config } from '../../proxy/config/config-schema.ts';
import { checkPermissions } from './check-permissions.ts';
import { type DoctorContext, recordDate } from './doctor-context.ts';
import { type Finding, fromProblems, type Problem, skip } from './finding.ts';
import { certificateAdvice, type ProbeError, type ProbeResponse, probe } from './http-probe.ts';

/** `https://api.<tld>`, or the sandbox org the configuration points at. */
export function apiBaseOf(config: Config, region: GenesysRegion): string {
  return config.genesys.apiBaseOverride ?? `https://api.${region.tld}`;
}

/** Each configured region's API host answers (an unauthenticated call Genesys answers with 401). */
export async function checkRegions(context: DoctorContext): Promise<Finding> {
  const problems: Problem[] = [];
  const answered: string[] = [];
  const bases = [...new Set(context.config.genesys.regions.map((r) => apiBaseOf(context.config, r)))];
  for (const base of bases) {
    try {
      const answer = await probe(`${base}/api/v2/tokens/me`, {
        timeoutMs: context.timeoutMs,
        headers: { accept: 'application/json' },
      });
      recordDate(context, base, answer);
      if (answer.status === 401) answered.push(base);
      else
        problems.push({
          status: 'warn',
          detail: `${base}/api/v2/tokens/me without a token answered ${answer.status}, not 401: something between this host and Genesys (a proxy, a captive portal) answers instead.`,
          fix: 'Let the proxy’s host reach https://api.<region> directly (HTTPS egress, no interception).',
        });
    } catch (error) {
      const e = error as ProbeError;
      const cert = certificateAdvice(e.code);
      problems.push({
        status: 'fail',
        detail: `${base} does not answer: ${e.message}.`,
        fix: cert
          ? `The TLS connection to ${base} fails because ${cert}: a TLS-intercepting firewall is in the way; exempt api.<region>.`
          : `Check DNS and the egress firewall: the proxy calls ${base} to check every agent token. Check GENESYS_REGIONS names the org’s region (the domain in the address bar of Genesys Cloud, after apps.).`,
      });
    }
  }
  return fromProblems('genesys.region', 'Genesys Cloud API', problems, `${answered.join(', ')} answers`);
}

interface UserMe {
  id?: string;
  name?: string;
  organization?: { id?: string; name?: string };
  authorization?: { permissions?: unknown };
}

interface TokenInfo {
  organization?: { id?: string; name?: string };
  OAuthClient?: { id?: string; name?: string };
  authorizedScope?: string[];
  dateTokenIdles?: string;
}

/**
 * With --token: users/me in the region (another configured region is tried when the first rejects
 * the token, to say which one the org lives in), then the organization pin and the OAuth client.
 */
export async function checkToken(context: DoctorContext): Promise<Finding[]> {
  const token = context.options.token;
  const { config } = context;
  if (!token)
    return [
      skip(
        'genesys.token',
        'Agent token',
        'skipped: pass --token <an agent’s Genesys access token> to check the region, the organization and the OAuth client',
      ),
      skip('genesys.oauth-client', 'OAuth client of the token', 'skipped: needs --token'),
      skip('genesys.permissions', 'Permissions of the token’s user', 'skipped: needs --token'),
    ];
  const preferred = context.options.region;
  const regions = [...config.genesys.regions].sort((a, b) =>
    a.tld === preferred ? -1 : b.tld === preferred ? 1 : 0,
  );
  const auth = { authorization: `Bearer ${token}`, accept: 'application/json' };
  let me: { region: GenesysRegion; body: UserMe } | undefined;
  const rejectedIn: string[] = [];
  for (const region of regions) {
    const base = apiBaseOf(config, region);
    let answer: ProbeResponse;
    try {
      answer = await probe(`${base}/api/v2/users/me?expand=organization,authorization`, {
        timeoutMs: context.timeoutMs,
        headers: auth,
      });
    } catch (error) {
      return [
        {
          id: 'genesys.token',
          title: 'Agent token',
          status: 'fail',
          detail: `users/me in ${region.tld} could not be called: ${(error as Error).message}.`,
          fix: 'See the Genesys Cloud API check above.',
        },
        skip('genesys.oauth-client', 'OAuth client of the token', 'skipped: users/me failed'),
        skip('genesys.permissions', 'Permissions of the token’s user', 'skipped: users/me failed'),
      ];
    }
    recordDate(context, base, answer);
    if (answer.status === 401) {
      rejectedIn.push(region.tld);
      continue;
    }
    if (answer.status !== 200)
      return [
        {
          id: 'genesys.token',
          title: 'Agent token',
          status: 'fail',
          detail: `users/me in ${region.tld} answered ${answer.status}${genesysMessage(answer.text)}.`,
          fix:
            answer.status === 429
              ? 'The user is rate-limited by Genesys right now; try again in a minute.'
              : 'Genesys refused users/me for this token: use an agent’s token from the widget’s sign-in (a client-credentials token has no user).',
        },
        skip('genesys.oauth-client', 'OAuth client of the token', 'skipped: users/me failed'),
        skip('genesys.permissions', 'Permissions of the token’s user', 'skipped: users/me failed'),
      ];
    me = { region, body: parseJson<UserMe>(answer.text) ?? {} };
    break;
  }
  if (!me)
    return [
      {
        id: 'genesys.token',
        title: 'Agent token',
        status: 'fail',
        detail: `Genesys rejected the token (401) in ${rejectedIn.join(', ')}: it is expired, revoked, idled out, or belongs to an org in another region.`,
        fix: 'Sign in again to get a fresh token of an agent of this org, and check GENESYS_REGIONS names the org’s region (the domain after apps. in the Genesys Cloud address bar).',
      },
      skip('genesys.oauth-client', 'OAuth client of the token', 'skipped: the token was rejected'),
      skip('genesys.permissions', 'Permissions of the token’s user', 'skipped: the token was rejected'),
    ];

  const orgId = me.body.organization?.id;
  const orgName = me.body.organization?.name ?? '?';
  const who = `${me.body.name ?? me.body.id ?? 'a user'} of ${orgName} (${orgId ?? 'no organization id'}) in ${me.region.tld}`;
  let tokenFinding: Finding;
  if (config.genesys.orgId && orgId !== config.genesys.orgId)
    tokenFinding = {
      id: 'genesys.token',
      title: 'Agent token',
      status: 'fail',
      detail: `the token belongs to ${who}, but GENESYS_ORG_ID is ${config.genesys.orgId}: the proxy refuses every agent of that org with 403 wrong_organization.`,
      fix: `If ${orgName} is your org, set GENESYS_ORG_ID=${orgId} (Admin > Organization Settings shows it); otherwise test with a token of the org the proxy serves.`,
    };
  else if (!config.genesys.orgId)
    tokenFinding = {
      id: 'genesys.token',
      title: 'Agent token',
      status: 'warn',
      detail: `valid: ${who}; GENESYS_ORG_ID is not set, so tokens of any org are accepted.`,
      fix: `Set GENESYS_ORG_ID=${orgId}.`,
    };
  else
    tokenFinding = {
      id: 'genesys.token',
      title: 'Agent token',
      status: 'pass',
      detail: `valid: ${who}, the pinned organization`,
    };
  if (rejectedIn.length > 0) {
    tokenFinding = {
      ...tokenFinding,
      status: tokenFinding.status === 'pass' ? 'warn' : tokenFinding.status,
      detail: `${tokenFinding.detail} (rejected in ${rejectedIn.join(', ')})`,
      fix: `${tokenFinding.fix ?? ''} The org lives in ${me.region.tld}: list it first in GENESYS_REGIONS or drop the others.`.trim(),
    };
  }
  return [
    tokenFinding,
    await checkOAuthClient(context, me.region, auth),
    checkPermissions(me.body.name ?? me.body.id ?? 'the user', me.body.authorization),
  ];
}

// Scopes the widget's calls need (core/platform-permissions.ts): one of each group.
const NEEDED_SCOPES: {
  any: readonly string[];
  why: string;
  status: 'fail' | 'warn';
  reviewOnly?: boolean;
}[] = [
  {
    any: platformCallRequirements['conversations.get'].anyScope,
    why: 'reading conversations, messages and emails',
    status: 'fail',
  },
  { any: platformCallRequirements['users.me'].anyScope, why: 'who is signed in', status: 'fail' },
  {
    any: platformCallRequirements.recordings.anyScope,
    why: 'attachments of ended interactions',
    status: 'warn',
  },
  {
    any: platformCallRequirements['notifications.channels'].anyScope,
    why: 'the list updates itself when a file arrives',
    status: 'warn',
  },
  {
    any: platformCallRequirements['analytics.query'].anyScope,
    why: 'the review app’s list of interactions',
    status: 'warn',
    reviewOnly: true,
  },
];

async function checkOAuthClient(
  context: DoctorContext,
  region: GenesysRegion,
  auth: Record<string, string>,
): Promise<Finding> {
  const id = 'genesys.oauth-client';
  const title = 'OAuth client of the token';
  const base = apiBaseOf(context.config, region);
  let answer: ProbeResponse;
  try {
    // preserveIdleTTL: asking must not keep the agent's session alive.
    answer = await probe(`${base}/api/v2/tokens/me?preserveIdleTTL=true`, {
      timeoutMs: context.timeoutMs,
      headers: auth,
    });
  } catch (error) {
    return {
      id,
      title,
      status: 'fail',
      detail: `tokens/me failed: ${(error as Error).message}.`,
      fix: 'See the Genesys Cloud API check above.',
    };
  }
  recordDate(context, base, answer);
  const info = answer.status === 200 ? parseJson<TokenInfo>(answer.text) : undefined;
  if (!info)
    return {
      id,
      title,
      status: 'fail',
      detail: `tokens/me answered ${answer.status}${genesysMessage(answer.text)}.`,
      fix: 'The proxy reads the OAuth client from this answer; check the token and the Genesys Cloud API check above.',
    };
  const client = info.OAuthClient;
  const problems: Problem[] = [];
  const pinned = context.config.genesys.oauthClientId;
  const clientText = client?.id ? `${client.name ?? 'unnamed'} (${client.id})` : 'no OAuth client';
  if (pinned && client?.id !== pinned)
    problems.push({
      status: 'fail',
      detail: `the token was issued to ${clientText}, but GENESYS_OAUTH_CLIENT_ID is ${pinned}: the proxy refuses it.`,
      fix: `Test with a token the widget obtained (its client is ${pinned}), or, if ${client?.id ?? 'that client'} is the widget’s client, set GENESYS_OAUTH_CLIENT_ID=${client?.id ?? '<id>'}.`,
    });
  if (!pinned)
    problems.push({
      status: 'warn',
      detail: `issued to ${clientText}; GENESYS_OAUTH_CLIENT_ID is not set, so tokens of any client are accepted.`,
      fix: 'Set GENESYS_OAUTH_CLIENT_ID to the widget’s client id.',
    });
  const scopes = info.authorizedScope ?? [];
  // A client's scopes matter only when it is the widget's own; other tokens (the admin's) tell nothing.
  if (scopes.length > 0 && (!pinned || client?.id === pinned)) {
    for (const need of NEEDED_SCOPES) {
      if (need.reviewOnly && !context.reviewApp) continue;
      if (!need.any.some((s) => scopes.includes(s)))
        problems.push({
          status: need.status,
          detail: `the token's client ${clientText} lacks the ${need.any.join(' or ')} scope (${need.why}).`,
          fix: `Add ${need.any[need.any.length - 1]} to the OAuth client’s scopes (Terraform variable oauth_scopes); agents sign in again to get it.`,
        });
    }
  }
  const idles = info.dateTokenIdles ? `; idles out at ${info.dateTokenIdles}` : '';
  return fromProblems(
    id,
    title,
    problems,
    `issued to ${clientText}, the pinned client; scopes ${scopes.join(', ') || '(not reported)'}${idles}`,
  );
}

/** The body as an object, or undefined when it is not JSON or not an object. */
function parseJson<T>(text: string): T | undefined {
  const value = parseJsonOrUndefined(text);
  return typeof value === 'object' && value !== null ? (value as T) : undefined;
}

/** ` (code: message)` from a Genesys ErrorBody, or nothing. */
function genesysMessage(text: string): string {
  const body = parseJson<{ code?: string; message?: string }>(text);
  return body?.code ? ` (${body.code}: ${body.message ?? ''})` : '';
}
