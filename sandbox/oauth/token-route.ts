// POST /oauth/token: redeems a PKCE authorization code for an access token (public client, no secret).
import type { RequestHandler } from 'express';
import { issueUserToken, type SandboxState } from '../sandbox-state.ts';
import { sendOAuthError } from './oauth-errors.ts';
import { isWellFormedVerifier, verifierMatchesChallenge } from './pkce.ts';

export function tokenRoute(state: SandboxState): RequestHandler {
  const { directory, codes, settings } = state;
  return (req, res) => {
    const form = formFields(req.body);
    const grantType = form.grant_type;
    if (grantType === undefined) return sendOAuthError(res, 400, 'invalid_request', 'grant_type is required');
    if (grantType !== 'authorization_code') {
      return sendOAuthError(res, 400, 'unsupported_grant_type', `grant type "${grantType}" is not supported`);
    }
    const client = form.client_id === undefined ? undefined : directory.client(form.client_id);
    if (client === undefined) return sendOAuthError(res, 401, 'invalid_client', 'authentication failed');
    const { code, code_verifier: verifier, redirect_uri: redirectUri } = form;
    if (code === undefined || verifier === undefined || redirectUri === undefined) {
      return sendOAuthError(res, 400, 'invalid_request', 'code, code_verifier and redirect_uri are required');
    }
    const redemption = codes.redeem(code);
    if (!redemption.ok) {
      const why =
        redemption.reason === 'expired' ? 'authorization code expired' : 'authorization code is not valid';
      return sendOAuthError(res, 400, 'invalid_grant', why);
    }
    const pending = redemption.code;
    if (pending.clientId !== client.id) {
      return sendOAuthError(res, 400, 'invalid_grant', 'authorization code was issued to another client');
    }
    if (pending.redirectUri !== redirectUri) {
      return sendOAuthError(
        res,
        400,
        'invalid_grant',
        'redirect_uri does not match the authorization request',
      );
    }
    if (!isWellFormedVerifier(verifier) || !verifierMatchesChallenge(verifier, pending.codeChallenge)) {
      return sendOAuthError(res, 400, 'invalid_grant', 'code_verifier does not match the code_challenge');
    }
    const user = directory.user(pending.userId);
    if (user === undefined) return sendOAuthError(res, 400, 'invalid_grant', 'the user no longer exists');
    const record = issueUserToken(state, user, { clientId: client.id, ttlSeconds: settings.tokenTtlSeconds });
    res.setHeader('Cache-Control', 'no-store');
    res.json({ access_token: record.token, token_type: 'bearer', expires_in: settings.tokenTtlSeconds });
  };
}

/** Single-valued string fields of a urlencoded body; anything else (JSON, repeats) is ignored. */
function formFields(body: unknown): Record<string, string | undefined> {
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;
}
