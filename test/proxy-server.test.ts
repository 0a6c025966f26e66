import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../proxy/config/config-schema.ts';
import { expressServerOptions } from '../proxy/http/express-server-options.ts';
import { createLogger } from '../proxy/logger.ts';
import { type RunningProxy, startProxy } from '../proxy/server.ts';
import { sampleOrgDir } from '../sandbox/sample-data/manifest.ts';

/** Whether each request reaches its first listener already carrying the app's prototypes. */
function watchPrototypes(server: Server, app: express.Express): boolean[] {
  const seen: boolean[] = [];
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    seen.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response);
  });
  return seen;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

describe('expressServerOptions', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it("builds requests and responses with the app's prototypes, so Express need not swap them", async () => {
    const app = express();
    app.get('/echo/:name', (req, res) => {
      res
        .status(201)
        .set('X-Seen', req.get('x-probe') ?? 'none')
        .json({ name: req.params.name, path: req.path });
    });
    server = createServer(expressServerOptions(app), app);
    const seen = watchPrototypes(server, app);
    const url = await listen(server);

    const res = await fetch(`${url}/echo/ada?x=1`, { headers: { 'x-probe': 'yes' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-seen')).toBe('yes');
    expect(await res.json()).toEqual({ name: 'ada', path: '/echo/ada' });
    expect(seen).toEqual([true]);
  });

  it('is what makes the difference: a plain server hands Express foreign prototypes', async () => {
    const app = express();
    app.get('/', (_req, res) => {
      res.json({ ok: true });
    });
    server = createServer(app);
    const seen = watchPrototypes(server, app);
    const url = await listen(server);
    expect((await fetch(url)).status).toBe(200);
    expect(seen).toEqual([false]);
  });
});

describe('startProxy', () => {
  let dir: string;
  let proxy: RunningProxy;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'av-server-'));
    const config = parseConfig({
      PORT: '0',
      STORE_DIR: join(sampleOrgDir, 'store'),
      AUDIT_LOG_DIR: join(dir, 'audit'),
      LINK_SIGNING_KEYS: `k1:${randomBytes(32).toString('base64url')}`,
      LOG_LEVEL: 'silent',
    });
    proxy = await startProxy(config, { logger: createLogger('silent') });
  });
  afterAll(async () => {
    await proxy?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("listens with requests born as the app's, and answers API, health and unknown routes as before", async () => {
    const seen = watchPrototypes(proxy.server, proxy.proxy.app);
    const health = await fetch(`${proxy.url}/healthz`);
    expect(health.status).toBe(200);
    const api = await fetch(`${proxy.url}/api/v1/session`);
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    const missing = await fetch(`${proxy.url}/no-such-route`);
    expect(missing.status).toBe(404);
    expect(seen).toEqual([true, true, true]);
  });
});
