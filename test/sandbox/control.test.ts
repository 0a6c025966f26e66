// Fault switches and call counts: each fault produces Genesys's status, headers and body as the
// SDK and plain fetch see them; hang, slow bodies and malformed JSON behave as a failing upstream.
import type { Models } from 'purecloud-platform-client-v2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { faultStatuses } from '../../sandbox/control/faults.ts';
import { conversationIds, sampleOrgDir, sandboxTokens } from '../../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/start-sandbox.ts';
import { platformClient } from '../support/platform-client.ts';
import { pointSdkAtSandbox } from '../support/sdk-sign-in.ts';

const client = platformClient.ApiClient.instance;
let sandbox: RunningSandbox;

interface ExtendedSdkError {
  status: number;
  headers: Record<string, string>;
  body: Models.ErrorBody | string;
  error: { code?: string; message: string };
}

beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: sampleOrgDir });
  pointSdkAtSandbox(client, sandbox);
  client.setAccessToken(sandboxTokens.alice);
  // Extended responses expose the status and headers of a failure, not only its body.
  client.setReturnExtendedResponses(true);
});

afterEach(() => {
  sandbox.control.clearFaults();
  sandbox.control.resetCalls();
  client.getHttpClient().setTimeout(16_000);
});

afterAll(async () => {
  await sandbox.close();
});

async function sdkFailure(promise: Promise<unknown>): Promise<ExtendedSdkError> {
  return promise.then(
    () => {
      throw new Error('the SDK call was expected to fail');
    },
    (error: ExtendedSdkError) => error,
  );
}

const getConversation = () =>
  new platformClient.ConversationsApi().getConversation(conversationIds.webMessaging);
const authorized = { Authorization: `Bearer ${sandboxTokens.alice}` };

describe('status faults', () => {
  it.each(faultStatuses)('answers %i with an ErrorBody through the SDK', async (status) => {
    sandbox.control.setFault('conversations.get', { status });
    const failure = await sdkFailure(getConversation());
    expect(failure.status).toBe(status);
    const body = failure.body as Models.ErrorBody;
    expect(body).toMatchObject({
      status,
      code: expect.any(String),
      message: expect.any(String),
      details: [],
      errors: [],
    });
    expect(body.contextId).toBe(failure.headers['inin-correlation-id']);
  });

  it.each([
    [401, 'bad.credentials'],
    [403, 'not.authorized'],
    [404, 'not.found'],
    [429, 'too.many.requests'],
    [500, 'internal.server.error'],
  ] as const)('uses the Genesys code for %i', async (status, code) => {
    sandbox.control.setFault('users.me', { status });
    const response = await fetch(`${sandbox.url}/api/v2/users/me`, { headers: authorized });
    expect(response.status).toBe(status);
    expect(((await response.json()) as Models.ErrorBody).code).toBe(code);
  });

  it('sends the configured Retry-After with 429, seen by the SDK and by fetch', async () => {
    sandbox.control.setFault('conversations.get', { status: 429, retryAfter: 42 });
    const failure = await sdkFailure(getConversation());
    expect(failure.headers['retry-after']).toBe('42');
    const response = await fetch(`${sandbox.url}/api/v2/conversations/${conversationIds.webMessaging}`, {
      headers: authorized,
    });
    expect(response.headers.get('retry-after')).toBe('42');
    expect(response.headers.get('inin-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('always sends Retry-After with 429, even when none was configured', async () => {
    sandbox.control.setFault('users.me', { status: 429 });
    const response = await fetch(`${sandbox.url}/api/v2/users/me`, { headers: authorized });
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('plays a fault before checking the token, as an overloaded gateway would', async () => {
    sandbox.control.setFault('users.me', { status: 503 });
    const response = await fetch(`${sandbox.url}/api/v2/users/me`);
    expect(response.status).toBe(503);
  });

  it('applies "*" to every endpoint without a fault of its own', async () => {
    sandbox.control.setFault('*', { status: 502 });
    sandbox.control.setFault('users.me', { status: 429, retryAfter: 7 });
    expect((await fetch(`${sandbox.url}/api/v2/tokens/me`, { headers: authorized })).status).toBe(502);
    expect((await fetch(`${sandbox.url}/api/v2/users/me`, { headers: authorized })).status).toBe(429);
  });

  it('answers a token-endpoint fault in the OAuth error shape', async () => {
    sandbox.control.setFault('oauth.token', { status: 503, retryAfter: 5 });
    const response = await fetch(`${sandbox.url}/oauth/token`, { method: 'POST' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({ error: 'temporarily_unavailable' });
  });

  it('stops failing once the fault is cleared', async () => {
    sandbox.control.setFault('users.me', { status: 500 });
    expect((await fetch(`${sandbox.url}/api/v2/users/me`, { headers: authorized })).status).toBe(500);
    sandbox.control.clearFault('users.me');
    expect((await fetch(`${sandbox.url}/api/v2/users/me`, { headers: authorized })).status).toBe(200);
  });
});

describe('hang, slow and malformed faults', () => {
  it('never answers a hung endpoint, so the client gives up on its own timeout', async () => {
    sandbox.control.setFault('conversations.get', { hang: true });
    client.getHttpClient().setTimeout(300);
    const started = Date.now();
    // Without a response the SDK rejects with axios's own error rather than an extended response.
    const failure = (await sdkFailure(getConversation())) as unknown as { code?: string; response?: unknown };
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(failure.code).toBe('ECONNABORTED');
    expect(failure.response).toBeUndefined();
  });

  it('closes promptly while a request hangs', async () => {
    const hung = await startSandbox({ dataDir: sampleOrgDir });
    hung.control.setFault('users.me', { hang: true });
    const pending = fetch(`${hung.url}/api/v2/users/me`, { headers: authorized }).then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await hung.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('dropped');
  });

  it('sends headers at once and dribbles the body over slowBodyMs', async () => {
    sandbox.control.setFault('conversations.get', { slowBodyMs: 600 });
    const started = Date.now();
    const response = await fetch(`${sandbox.url}/api/v2/conversations/${conversationIds.webMessaging}`, {
      headers: authorized,
    });
    const headersAfter = Date.now() - started;
    const body = (await response.json()) as Models.Conversation;
    const bodyAfter = Date.now() - started;
    expect(response.status).toBe(200);
    expect(headersAfter).toBeLessThan(400);
    expect(bodyAfter).toBeGreaterThanOrEqual(550);
    expect(body.id).toBe(conversationIds.webMessaging);
  });

  it('answers 200 with JSON that does not parse when malformed', async () => {
    sandbox.control.setFault('conversations.messages.get', { malformed: true });
    const response = await fetch(
      `${sandbox.url}/api/v2/conversations/messages/${conversationIds.webMessaging}`,
      {
        headers: authorized,
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('hands the SDK the malformed body as unparsed text', async () => {
    sandbox.control.setFault('conversations.get', { malformed: true });
    const result = (await getConversation()) as unknown as { status: number; body: unknown };
    expect(result.status).toBe(200);
    expect(typeof result.body).toBe('string');
  });
});

describe('call counts', () => {
  it('counts calls per endpoint name, faulted calls included', async () => {
    await fetch(`${sandbox.url}/api/v2/users/me`, { headers: authorized });
    await fetch(`${sandbox.url}/api/v2/users/me`);
    sandbox.control.setFault('tokens.me', { status: 500 });
    await fetch(`${sandbox.url}/api/v2/tokens/me`, { headers: authorized });
    await fetch(`${sandbox.url}/api/v2/tokens/me`, { method: 'HEAD', headers: authorized });
    const calls = sandbox.control.calls();
    expect(calls['users.me']).toBe(2);
    expect(calls['tokens.me']).toBe(2);
    expect(calls['conversations.get']).toBe(0);
  });

  it('does not count CORS preflights or control routes', async () => {
    await fetch(`${sandbox.url}/api/v2/users/me`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:8080', 'Access-Control-Request-Method': 'GET' },
    });
    await fetch(`${sandbox.url}/__sandbox/calls`);
    expect(Object.values(sandbox.control.calls()).every((n) => n === 0)).toBe(true);
  });

  it('resets the counts', async () => {
    await fetch(`${sandbox.url}/api/v2/users/me`, { headers: authorized });
    sandbox.control.resetCalls();
    expect(sandbox.control.calls()['users.me']).toBe(0);
  });
});

describe('control routes', () => {
  it('sets, reads and clears faults over HTTP', async () => {
    const put = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ 'users.me': { status: 429, retryAfter: 42 }, '*': { slowBodyMs: 10 } }),
    });
    expect(put.status).toBe(200);
    expect(await (await fetch(`${sandbox.url}/__sandbox/faults`)).json()).toEqual({
      'users.me': { status: 429, retryAfter: 42 },
      '*': { slowBodyMs: 10 },
    });
    const faulted = await fetch(`${sandbox.url}/api/v2/users/me`, { headers: authorized });
    expect(faulted.status).toBe(429);
    expect(faulted.headers.get('retry-after')).toBe('42');

    expect((await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${sandbox.url}/api/v2/users/me`, { headers: authorized })).status).toBe(200);
  });

  it('replaces the whole table on PUT', async () => {
    sandbox.control.setFault('tokens.me', { status: 500 });
    await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ 'users.me': { status: 503 } }),
    });
    expect(sandbox.control.faults()).toEqual({ 'users.me': { status: 503 } });
  });

  it('refuses an unknown endpoint name or fault shape with a message naming it', async () => {
    const put = (body: unknown) =>
      fetch(`${sandbox.url}/__sandbox/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const unknown = await put({ 'users.you': { status: 500 } });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as Models.ErrorBody).message).toContain('users.you');
    expect((await put({ 'users.me': { status: 418 } })).status).toBe(400);
    expect((await put({ 'users.me': { hang: true, status: 500 } })).status).toBe(400);
    expect(sandbox.control.faults()).toEqual({});
  });

  it('reports and resets call counts over HTTP', async () => {
    await fetch(`${sandbox.url}/api/v2/users/me`, { headers: authorized });
    const calls = (await (await fetch(`${sandbox.url}/__sandbox/calls`)).json()) as Record<string, number>;
    expect(calls['users.me']).toBe(1);
    expect((await fetch(`${sandbox.url}/__sandbox/calls`, { method: 'DELETE' })).status).toBe(204);
    expect(sandbox.control.calls()['users.me']).toBe(0);
  });

  it('issues and revokes tokens over HTTP', async () => {
    const issued = await fetch(`${sandbox.url}/__sandbox/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'quinn', ttlSeconds: 60 }),
    });
    expect(issued.status).toBe(201);
    const { access_token: token } = (await issued.json()) as { access_token: string };
    const me = await fetch(`${sandbox.url}/api/v2/users/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await me.json()) as Models.UserMe).username).toBe('quinn');
    expect((await fetch(`${sandbox.url}/__sandbox/tokens/${token}`, { method: 'DELETE' })).status).toBe(204);
    const after = await fetch(`${sandbox.url}/api/v2/users/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(401);
  });
});
