// Test helpers: point the real Platform SDK at a running sandbox and sign in with the PKCE code
// flow the way the widget does, with the browser's redirect replaced by reading Location.
import type platformClient from 'purecloud-platform-client-v2';
import type { RunningSandbox } from '../../sandbox/start-sandbox.ts';

type ApiClient = typeof platformClient.ApiClient.instance;

/** setGateway as docs/sandbox.md describes: login and API on the sandbox's one origin. */
export function pointSdkAtSandbox(client: ApiClient, sandbox: Pick<RunningSandbox, 'port'>): void {
  client.setGateway({
    host: '127.0.0.1',
    protocol: 'http',
    port: sandbox.port,
    path_params_login: '',
    path_params_api: '',
  });
}

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  responseType?: string;
  state?: string;
  loginHint?: string;
}

export function authorizeUrl(sandboxUrl: string, params: AuthorizeParams): URL {
  const url = new URL('/oauth/authorize', sandboxUrl);
  const query: Record<string, string | undefined> = {
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    response_type: params.responseType ?? 'code',
    code_challenge: params.codeChallenge,
    code_challenge_method:
      params.codeChallengeMethod ?? (params.codeChallenge === undefined ? undefined : 'S256'),
    state: params.state,
    login_hint: params.loginHint,
  };
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) url.searchParams.set(name, value);
  return url;
}

/** GETs the authorize URL without following the redirect, as a browser's first hop. */
export async function requestAuthorization(
  sandboxUrl: string,
  params: AuthorizeParams,
): Promise<{ status: number; location: URL | undefined; body: string }> {
  const response = await fetch(authorizeUrl(sandboxUrl, params), { redirect: 'manual' });
  const location = response.headers.get('location');
  return {
    status: response.status,
    location: location === null ? undefined : new URL(location),
    body: await response.text(),
  };
}

/** The whole PKCE sign-in with the SDK's own verifier, challenge and token exchange; returns the access token. */
export async function signInWithPkce(
  client: ApiClient,
  sandbox: Pick<RunningSandbox, 'url'>,
  params: { clientId: string; redirectUri: string; loginHint?: string },
): Promise<string> {
  const codeVerifier = client.generatePKCECodeVerifier(128);
  const codeChallenge = await client.computePKCECodeChallenge(codeVerifier);
  const { location } = await requestAuthorization(sandbox.url, {
    ...params,
    codeChallenge,
    state: 'sign-in',
  });
  const code = location?.searchParams.get('code');
  if (code === null || code === undefined) throw new Error(`no code in the authorize redirect (${location})`);
  const auth = await client.authorizePKCEGrant(params.clientId, codeVerifier, code, params.redirectUri);
  return auth.accessToken;
}
