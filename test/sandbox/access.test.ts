// Who may read what: bearer checks, per-user conversation grants, tenant isolation, recording
// permissions, idle timeouts, and bad input that must never crash the sandbox.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Models } from 'purecloud-platform-client-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationIds, sampleOrgDir, sandboxTokens } from '../../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/start-sandbox.ts';

let sandbox: RunningSandbox;
let clock = Date.parse('2026-03-12T10:00:00.000Z');
let firstDownloadId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: sampleOrgDir, now: () => clock });
  const downloads = JSON.parse(await readFile(path.join(sampleOrgDir, 'downloads.json'), 'utf8')) as object;
  firstDownloadId = Object.keys(downloads)[0] ?? '';
});

afterAll(async () => {
  await sandbox.close();
});

function get(path: string, token?: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
  return fetch(`${sandbox.url}${path}`, { ...init, headers });
}

async function expectGenesysError(
  response: Response,
  status: number,
  code: string,
): Promise<Models.ErrorBody> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as Models.ErrorBody;
  expect(body).toMatchObject({ status, code, details: [], errors: [] });
  expect(body.contextId).toBe(response.headers.get('inin-correlation-id'));
  return body;
}

describe('bearer tokens', () => {
  it('answers 401 bad.credentials without an Authorization header', async () => {
    await expectGenesysError(await get('/api/v2/users/me'), 401, 'bad.credentials');
  });

  it.each([
    ['an unknown token', { Authorization: 'Bearer not-a-sandbox-token' }],
    ['the Basic scheme', { Authorization: `Basic ${sandboxTokens.alice}` }],
    ['a bearer with nothing after it', { Authorization: 'Bearer ' }],
    ['two words after Bearer', { Authorization: `Bearer ${sandboxTokens.alice} extra` }],
  ])('answers 401 for %s', async (_name, headers) => {
    await expectGenesysError(await get('/api/v2/users/me', undefined, { headers }), 401, 'bad.credentials');
  });

  it('accepts the scheme in any case', async () => {
    const response = await get('/api/v2/users/me', undefined, {
      headers: { Authorization: `bearer ${sandboxTokens.alice}` },
    });
    expect(response.status).toBe(200);
  });

  it('answers 401 for the expired static token, on GET and on HEAD', async () => {
    await expectGenesysError(
      await get('/api/v2/users/me', sandboxTokens.aliceExpired),
      401,
      'bad.credentials',
    );
    const head = await get('/api/v2/tokens/me', sandboxTokens.aliceExpired, { method: 'HEAD' });
    expect(head.status).toBe(401);
  });

  it('answers 401 once a token is revoked', async () => {
    const token = sandbox.control.issueToken('bob');
    expect((await get('/api/v2/users/me', token)).status).toBe(200);
    sandbox.control.revokeToken(token);
    await expectGenesysError(await get('/api/v2/users/me', token), 401, 'bad.credentials');
  });

  it('idles a token out unless a call resets its timer; preserveIdleTTL=true leaves the timer alone', async () => {
    const token = sandboxTokens.aliceIdle;
    const idlesAt = async (query = '') =>
      ((await (await get(`/api/v2/tokens/me${query}`, token)).json()) as Models.TokenInfo).dateTokenIdles;
    const start = clock;
    expect(await idlesAt()).toBe(new Date(start + 900_000).toISOString());

    clock = start + 600_000;
    expect(await idlesAt('?preserveIdleTTL=true')).toBe(new Date(start + 900_000).toISOString());
    expect((await get('/api/v2/users/me', token)).status).toBe(200);
    expect(await idlesAt('?preserveIdleTTL=true')).toBe(new Date(start + 1_500_000).toISOString());

    clock = start + 1_500_000;
    await expectGenesysError(await get('/api/v2/users/me', token), 401, 'bad.credentials');
  });

  it('lists the static tokens for the demo on the control API', async () => {
    const tokens = (await (await get('/__sandbox/tokens')).json()) as Array<{ token: string; state: string }>;
    expect(tokens).toContainEqual(expect.objectContaining({ token: sandboxTokens.alice, state: 'valid' }));
    expect(tokens).toContainEqual(
      expect.objectContaining({ token: sandboxTokens.aliceExpired, state: 'expired' }),
    );
  });
});

describe('conversation access', () => {
  it('lets bob read the one conversation granted to him', async () => {
    const response = await get(`/api/v2/conversations/${conversationIds.webMessaging}`, sandboxTokens.bob);
    expect(response.status).toBe(200);
  });

  it('answers 403 not.authorized when a same-org user reads a conversation not granted to him', async () => {
    for (const path of [
      `/api/v2/conversations/${conversationIds.openMessagingS3}`,
      `/api/v2/conversations/messages/${conversationIds.openMessagingS3}`,
      `/api/v2/conversations/emails/${conversationIds.email}/messages`,
    ]) {
      await expectGenesysError(await get(path, sandboxTokens.bob), 403, 'not.authorized');
    }
  });

  it('answers 404 to a user of another org, even for conversations that exist', async () => {
    for (const id of Object.values(conversationIds)) {
      await expectGenesysError(
        await get(`/api/v2/conversations/${id}`, sandboxTokens.mallory),
        404,
        'not.found',
      );
    }
    await expectGenesysError(
      await get(`/api/v2/downloads/${firstDownloadId}`, sandboxTokens.mallory),
      404,
      'not.found',
    );
  });

  it('answers the token of another org with that org at tokens/me', async () => {
    const info = (await (await get('/api/v2/tokens/me', sandboxTokens.mallory)).json()) as Models.TokenInfo;
    expect(info.organization?.name).toBe('Other Tenant Ltd');
  });

  it('answers 403 missing.permissions for recordings without a recording permission', async () => {
    const body = await expectGenesysError(
      await get(`/api/v2/conversations/${conversationIds.webMessaging}/recordings`, sandboxTokens.bob),
      403,
      'missing.permissions',
    );
    expect(body.message).toContain('recording:recording:view');
  });

  it('answers 404 for an endpoint whose file the conversation does not have', async () => {
    await expectGenesysError(
      await get(`/api/v2/conversations/messages/${conversationIds.email}`, sandboxTokens.alice),
      404,
      'not.found',
    );
    await expectGenesysError(
      await get(`/api/v2/conversations/${conversationIds.endedEmail}`, sandboxTokens.quinn),
      404,
      'not.found',
    );
  });

  it('answers 404 for an unknown email message of a readable thread', async () => {
    await expectGenesysError(
      await get(`/api/v2/conversations/emails/${conversationIds.email}/messages/nope`, sandboxTokens.alice),
      404,
      'not.found',
    );
  });
});

describe('bad input', () => {
  const bulk = (body: string) =>
    get(`/api/v2/conversations/messages/${conversationIds.webMessaging}/messages/bulk`, sandboxTokens.alice, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });

  it('answers 400 to a bulk body that is not JSON', async () => {
    await expectGenesysError(await bulk('["a", '), 400, 'bad.request');
  });

  it('answers 400 to a bulk body that is not an array of ids', async () => {
    await expectGenesysError(await bulk('{"ids": ["a"]}'), 400, 'bad.request');
    await expectGenesysError(await bulk('[1, 2]'), 400, 'bad.request');
  });

  it('answers 400 to more than 1000 ids and accepts exactly 1000', async () => {
    const ids = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => `id-${i}`));
    await expectGenesysError(await bulk(ids(1001)), 400, 'bad.request');
    const ok = await bulk(ids(1000));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ entities: [] });
  });

  it('answers unknown routes with a Genesys-shaped 404', async () => {
    await expectGenesysError(
      await get('/api/v2/analytics/conversations/details', sandboxTokens.alice),
      404,
      'not.found',
    );
    await expectGenesysError(await get('/nothing-here'), 404, 'not.found');
  });

  it('answers a conversation id that tries to leave the data folder with 404', async () => {
    for (const id of ['..%2F..%2Forg.json', '%2E%2E', 'a%00b', `${'a'.repeat(65)}`]) {
      const response = await get(`/api/v2/conversations/${id}`, sandboxTokens.alice);
      expect(response.status).toBe(404);
    }
  });

  it('answers a malformed percent-encoding with 400, not 500', async () => {
    await expectGenesysError(
      await get('/api/v2/conversations/%E0%A4%A', sandboxTokens.alice),
      400,
      'bad.request',
    );
  });

  it('answers an invalid contentDisposition with 400', async () => {
    const response = await get(
      `/api/v2/downloads/${firstDownloadId}?contentDisposition=evil`,
      sandboxTokens.alice,
    );
    await expectGenesysError(response, 400, 'invalid.value');
  });

  it('sets inin-correlation-id on every response, control routes included', async () => {
    for (const response of [
      await get('/api/v2/users/me', sandboxTokens.alice),
      await get('/__sandbox/calls'),
    ]) {
      expect(response.headers.get('inin-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('allows browsers on other origins to call the API and read the correlation id', async () => {
    const response = await get('/api/v2/users/me', sandboxTokens.alice, {
      headers: { Origin: 'http://localhost:8080' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    expect(response.headers.get('access-control-expose-headers')).toContain('inin-correlation-id');
  });
});
