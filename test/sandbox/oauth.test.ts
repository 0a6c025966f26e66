// The sandbox's login service refuses what Genesys's refuses: wrong verifiers, reused or expired
// codes, unregistered redirect URIs, unknown clients, and requests without PKCE.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleOAuthClientId, sampleOrgDir, userIds } from '../../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/start-sandbox.ts';
import { platformClient } from '../support/platform-client.ts';
import { pointSdkAtSandbox, requestAuthorization } from '../support/sdk-sign-in.ts';

const client = platformClient.ApiClient.instance;
const redirectUri = 'http://127.0.0.1:8080/';
let sandbox: RunningSandbox;
let clock = Date.parse('2026-03-12T10:00:00.000Z');

beforeAll(async () => {
  sandbox = await startSandbox({
    dataDir: sampleOrgDir,
    now: () => clock,
    tokenTtlSeconds: 600,
    authorizationCodeTtlSeconds: 30,
  });
  pointSdkAtSandbox(client, sandbox);
});

beforeEach(() => {
  sandbox.control.setDefaultUser(undefined);
});

afterAll(async () => {
  await sandbox.close();
});

interface OAuthErrorResponse {
  status: number;
  data: { error: string; description: string; error_description: string };
}

async function freshCode(options: { loginHint?: string; redirect?: string } = {}) {
  const verifier = client.generatePKCECodeVerifier(64);
  const challenge = await client.computePKCECodeChallenge(verifier);
  const { status, location } = await requestAuthorization(sandbox.url, {
    clientId: sampleOAuthClientId,
    redirectUri: options.redirect ?? redirectUri,
    codeChallenge: challenge,
    state: 'opaque-state',
    ...(options.loginHint === undefined ? {} : { loginHint: options.loginHint }),
  });
  expect(status).toBe(302);
  return { verifier, code: location?.searchParams.get('code') ?? '', location };
}

function tokenRequest(fields: Record<string, string>): Promise<Response> {
  return fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

async function tokenRefusal(promise: Promise<unknown>): Promise<OAuthErrorResponse> {
  return promise.then(
    () => {
      throw new Error('the token request was expected to fail');
    },
    (error: { response?: OAuthErrorResponse }) => {
      if (error.response === undefined) throw error;
      return error.response;
    },
  );
}

describe('authorize', () => {
  it('redirects to the registered URI with a code and the caller’s state', async () => {
    const { location } = await freshCode();
    expect(location?.origin + (location?.pathname ?? '')).toBe('http://127.0.0.1:8080/');
    expect(location?.searchParams.get('state')).toBe('opaque-state');
    expect(location?.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('refuses an unregistered redirect URI with an error page instead of redirecting', async () => {
    const result = await requestAuthorization(sandbox.url, {
      clientId: sampleOAuthClientId,
      redirectUri: 'https://evil.example/callback',
      codeChallenge: 'A'.repeat(43),
    });
    expect(result.status).toBe(400);
    expect(result.location).toBeUndefined();
    expect(result.body).toContain('Invalid redirect URI');
  });

  it('compares redirect URIs exactly, so a missing trailing slash is unregistered', async () => {
    const result = await requestAuthorization(sandbox.url, {
      clientId: sampleOAuthClientId,
      redirectUri: 'http://127.0.0.1:8080',
      codeChallenge: 'A'.repeat(43),
    });
    expect(result.status).toBe(400);
  });

  it('refuses an unknown client with an error page', async () => {
    const result = await requestAuthorization(sandbox.url, {
      clientId: 'no-such-client',
      redirectUri,
      codeChallenge: 'A'.repeat(43),
    });
    expect(result.status).toBe(400);
    expect(result.body).toContain('Invalid client');
  });

  it('sends invalid_request back to the app when the PKCE challenge is missing', async () => {
    const result = await requestAuthorization(sandbox.url, {
      clientId: sampleOAuthClientId,
      redirectUri,
      state: 's1',
    });
    expect(result.status).toBe(302);
    expect(result.location?.searchParams.get('error')).toBe('invalid_request');
    expect(result.location?.searchParams.get('state')).toBe('s1');
    expect(result.location?.searchParams.has('code')).toBe(false);
  });

  it('refuses the plain challenge method', async () => {
    const result = await requestAuthorization(sandbox.url, {
      clientId: sampleOAuthClientId,
      redirectUri,
      codeChallenge: 'A'.repeat(43),
      codeChallengeMethod: 'plain',
    });
    expect(result.location?.searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses response types other than code', async () => {
    const result = await requestAuthorization(sandbox.url, {
      clientId: sampleOAuthClientId,
      redirectUri,
      codeChallenge: 'A'.repeat(43),
      responseType: 'token',
    });
    expect(result.location?.searchParams.get('error')).toBe('unsupported_response_type');
  });

  it('refuses to sign in a user of another org through this org’s client', async () => {
    const result = await requestAuthorization(sandbox.url, {
      clientId: sampleOAuthClientId,
      redirectUri,
      codeChallenge: 'A'.repeat(43),
      loginHint: 'mallory',
    });
    expect(result.location?.searchParams.get('error')).toBe('access_denied');
  });

  it('signs in the user set as default through the control API', async () => {
    sandbox.control.setDefaultUser('bob');
    const { verifier, code } = await freshCode();
    const auth = await client.authorizePKCEGrant(sampleOAuthClientId, verifier, code, redirectUri);
    const me = await fetch(`${sandbox.url}/api/v2/users/me`, {
      headers: { Authorization: `Bearer ${auth.accessToken}` },
    });
    expect(((await me.json()) as { id: string }).id).toBe(userIds.bob);
  });

  it('accepts a login hint in Genesys’s email:org form', async () => {
    const { verifier, code } = await freshCode({
      loginHint: 'quinn@sandbox-insurance.example:sandbox-insurance',
    });
    const auth = await client.authorizePKCEGrant(sampleOAuthClientId, verifier, code, redirectUri);
    const me = await fetch(`${sandbox.url}/api/v2/users/me`, {
      headers: { Authorization: `Bearer ${auth.accessToken}` },
    });
    expect(((await me.json()) as { id: string }).id).toBe(userIds.quinn);
  });
});

describe('token', () => {
  it('exchanges a code for a bearer token with the configured lifetime', async () => {
    const { verifier, code } = await freshCode();
    const response = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      client_id: sampleOAuthClientId,
      redirect_uri: redirectUri,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 600,
    });
  });

  it('refuses a wrong code_verifier with invalid_grant', async () => {
    const { code } = await freshCode();
    const wrongVerifier = client.generatePKCECodeVerifier(64);
    const refusal = await tokenRefusal(
      client.authorizePKCEGrant(sampleOAuthClientId, wrongVerifier, code, redirectUri),
    );
    expect(refusal.status).toBe(400);
    expect(refusal.data.error).toBe('invalid_grant');
    expect(refusal.data.description).toBe(refusal.data.error_description);
  });

  it('refuses a code the second time it is used', async () => {
    const { verifier, code } = await freshCode();
    await client.authorizePKCEGrant(sampleOAuthClientId, verifier, code, redirectUri);
    const refusal = await tokenRefusal(
      client.authorizePKCEGrant(sampleOAuthClientId, verifier, code, redirectUri),
    );
    expect(refusal.data.error).toBe('invalid_grant');
  });

  it('burns a code on a failed attempt, so the right verifier cannot follow a wrong one', async () => {
    const { verifier, code } = await freshCode();
    await tokenRefusal(
      client.authorizePKCEGrant(sampleOAuthClientId, client.generatePKCECodeVerifier(64), code, redirectUri),
    );
    const refusal = await tokenRefusal(
      client.authorizePKCEGrant(sampleOAuthClientId, verifier, code, redirectUri),
    );
    expect(refusal.data.error).toBe('invalid_grant');
  });

  it('refuses a code after its short life is over', async () => {
    const { verifier, code } = await freshCode();
    clock += 31_000;
    const refusal = await tokenRefusal(
      client.authorizePKCEGrant(sampleOAuthClientId, verifier, code, redirectUri),
    );
    expect(refusal.data.error).toBe('invalid_grant');
    expect(refusal.data.description).toContain('expired');
  });

  it('refuses a redirect_uri that differs from the one authorized', async () => {
    const { verifier, code } = await freshCode();
    const refusal = await tokenRefusal(
      client.authorizePKCEGrant(sampleOAuthClientId, verifier, code, 'http://localhost:8080/'),
    );
    expect(refusal.data.error).toBe('invalid_grant');
  });

  it('refuses an unknown client with invalid_client and 401', async () => {
    const { verifier, code } = await freshCode();
    const refusal = await tokenRefusal(
      client.authorizePKCEGrant('no-such-client', verifier, code, redirectUri),
    );
    expect(refusal.status).toBe(401);
    expect(refusal.data.error).toBe('invalid_client');
  });

  it('refuses grant types other than authorization_code', async () => {
    const response = await tokenRequest({ grant_type: 'client_credentials', client_id: sampleOAuthClientId });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });

  it('refuses a JSON body, which the token endpoint does not read', async () => {
    const response = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('issues tokens that stop working when their lifetime ends', async () => {
    const { verifier, code } = await freshCode();
    const auth = await client.authorizePKCEGrant(sampleOAuthClientId, verifier, code, redirectUri);
    const me = () =>
      fetch(`${sandbox.url}/api/v2/users/me`, { headers: { Authorization: `Bearer ${auth.accessToken}` } });
    expect((await me()).status).toBe(200);
    clock += 601_000;
    expect((await me()).status).toBe(401);
  });

  it('allows a browser on another origin to call the token endpoint', async () => {
    const response = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:8080', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
  });
});
