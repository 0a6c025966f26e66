// GET /oauth/authorize: the PKCE code flow's first leg. There is no login page: the sandbox
// approves at once as the user named by login_hint, else the configured default user.
import type { RequestHandler } from 'express';
import { queryParam } from '../request-query.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { redirectWithOAuthError, sendLoginErrorPage } from './oauth-errors.ts';
import { isWellFormedChallenge } from './pkce.ts';

export function authorizeRoute(state: SandboxState): RequestHandler {
  const { directory, settings, codes } = state;
  return (req, res) => {
    const clientId = queryParam(req, 'client_id');
    const client = clientId === undefined ? undefined : directory.client(clientId);
    if (client === undefined) {
      return sendLoginErrorPage(
        res,
        400,
        'Invalid client',
        'The client_id is missing or not a known OAuth client.',
      );
    }
    // Until the redirect URI is known to be registered, errors must not be sent to it (open redirect).
    const redirectUri = queryParam(req, 'redirect_uri');
    if (
      redirectUri === undefined ||
      !isRegistered(redirectUri, client.redirectUris, settings.extraRedirectUris)
    ) {
      return sendLoginErrorPage(
        res,
        400,
        'Invalid redirect URI',
        'The redirect_uri is missing or does not exactly match a URI registered for this client.',
      );
    }
    const stateParam = queryParam(req, 'state');
    const fail = (error: Parameters<typeof redirectWithOAuthError>[2], description: string) =>
      redirectWithOAuthError(res, redirectUri, error, description, stateParam);

    if (queryParam(req, 'response_type') !== 'code') {
      return fail('unsupported_response_type', 'response_type must be "code"');
    }
    const codeChallenge = queryParam(req, 'code_challenge');
    if (codeChallenge === undefined || !isWellFormedChallenge(codeChallenge)) {
      return fail('invalid_request', 'code_challenge is required: a base64url SHA-256 digest (PKCE)');
    }
    if (queryParam(req, 'code_challenge_method') !== 'S256') {
      return fail('invalid_request', 'code_challenge_method must be "S256"');
    }
    const login = queryParam(req, 'login_hint') ?? settings.defaultUser ?? directory.data.org.defaultUser;
    const user = directory.userByLoginHint(login);
    if (user === undefined) return fail('access_denied', `no sandbox user "${login}"`);
    if (user.organizationId !== directory.clientOrgId(client)) {
      return fail('access_denied', 'the user belongs to another organization than the OAuth client');
    }
    const code = codes.create(
      { clientId: client.id, redirectUri, codeChallenge, userId: user.id },
      settings.authorizationCodeTtlSeconds,
    );
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    if (stateParam !== undefined) target.searchParams.set('state', stateParam);
    res.redirect(302, target.toString());
  };
}

function isRegistered(uri: string, registered: readonly string[], extra: ReadonlySet<string>): boolean {
  return registered.includes(uri) || extra.has(uri);
}
