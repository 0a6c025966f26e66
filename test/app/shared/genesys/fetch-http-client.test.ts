// The widget's fetch client under the Platform SDK's own ApiClient (the calls it makes, the errors it
// rejects with), against a real HTTP server on loopback.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import ApiClient from 'purecloud-platform-client-v2/src/purecloud-platform-client-v2/ApiClient.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchHttpClient } from '../../../../app/shared/genesys/fetch-http-client.ts';

let server: Server;
let base: string;
const seen: { method?: string; url?: string; auth?: string; body: string }[] = [];

function handle(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.on('data', (chunk: Buffer) => {
    body += chunk.toString();
  });
  req.on('end', () => {
    seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
    const path = req.url?.split('?')[0];
    if (path === '/api/v2/ok')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"c1"}');
    if (path === '/api/v2/accepted') return void res.writeHead(202).end();
    if (path === '/api/v2/hang') return;
    res
      .writeHead(404, { 'content-type': 'application/json', 'inin-correlation-id': 'x1' })
      .end('{"status":404,"code":"not.found","message":"The requested resource was not found."}');
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(timeoutMs = 16_000) {
  const api = new ApiClient();
  // As the widget reaches the sandbox org (app/shared/auth/genesys-session.ts).
  const port = Number(new URL(base).port);
  api.setGateway({ host: '127.0.0.1', protocol: 'http', port, path_params_login: '', path_params_api: '' });
  api.setAccessToken('token-1');
  const http = new FetchHttpClient();
  http.timeout = timeoutMs;
  api.setHttpClient(http as unknown as Parameters<typeof api.setHttpClient>[0]);
  return api;
}

const call = (
  api: ReturnType<typeof client>,
  path: string,
  method = 'GET',
  query = {},
  body: unknown = null,
) =>
  api.callApi(
    path,
    method,
    {},
    query,
    {},
    {},
    body,
    ['PureCloud OAuth'],
    ['application/json'],
    ['application/json'],
  );

describe('the SDK on the fetch client', () => {
  it('sends the token, the query with arrays joined, and a JSON body, and resolves with the parsed body', async () => {
    seen.length = 0;
    await expect(
      call(client(), '/api/v2/ok', 'POST', { expand: ['a', 'b'], pageSize: 3 }, ['m1']),
    ).resolves.toEqual({
      id: 'c1',
    });
    expect(seen[0]).toEqual({
      method: 'POST',
      url: '/api/v2/ok?expand=a%2Cb&pageSize=3',
      auth: 'Bearer token-1',
      body: '["m1"]',
    });
  });

  it('rejects a Genesys error with its ErrorBody, whose status the widget reads', async () => {
    await expect(call(client(), '/api/v2/missing')).rejects.toMatchObject({ status: 404, code: 'not.found' });
  });

  it('gives the status and headers of an answer to a client that asks for extended responses', async () => {
    const api = client();
    api.setReturnExtendedResponses(true);
    await expect(call(api, '/api/v2/accepted')).resolves.toMatchObject({ status: 202 });
    await expect(call(api, '/api/v2/missing')).rejects.toMatchObject({
      status: 404,
      headers: expect.objectContaining({ 'inin-correlation-id': 'x1' }),
      body: expect.objectContaining({ code: 'not.found' }),
    });
  });

  it('gives up at its deadline with an error that has no status', async () => {
    const error = await call(client(200), '/api/v2/hang').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as { status?: number }).status).toBeUndefined();
  });
});
