import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../proxy/config/config-schema.ts';
import { expressServerOptions } from '../../proxy/http/express-server-options.ts';
import { createLogger } from '../../proxy/logger.ts';
import { type RunningProxy, startProxy } from '../../proxy/server.ts';
import { sampleOrgDir } from '../../sandbox/sample-data/manifest.ts';
import { freePort, listenLoopback } from '../../scripts/local-stack/free-port.ts';

/** Whether each request reaches its first listener already carrying the app's prototypes. */
function watchPrototypes(server: Server, app: express.Express): boolean[] {
  const seen: boolean[] = [];
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    seen.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response);
  });
  return seen;
}

interface MinimalProxy {
  running: RunningProxy;
  dir: string;
  stop(): Promise<void>;
}

/** The proxy with the local store only, in a private folder that `prepare` may fill first (TLS files). */
async function startMinimalProxy(
  prepare?: (dir: string) => Record<string, string> | Promise<Record<string, string>>,
): Promise<MinimalProxy> {
  const dir = await mkdtemp(join(tmpdir(), 'av-server-'));
  const config = parseConfig({
    PORT: String(await freePort()),
    STORE_DIR: join(sampleOrgDir, 'store'),
    AUDIT_LOG_DIR: join(dir, 'audit'),
    LINK_SIGNING_KEYS: `k1:${randomBytes(32).toString('base64url')}`,
    LOG_LEVEL: 'silent',
    ...(await prepare?.(dir)),
  });
  const running = await startProxy(config, { logger: createLogger('silent') });
  return {
    running,
    dir,
    async stop() {
      await running.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
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
    const url = await listenLoopback(server);

    const res = await fetch(`${url}/echo/ada?x=1`, { headers: { 'x-probe': 'yes' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-seen')).toBe('yes');
    expect(await res.json()).toEqual({ name: 'ada', path: '/echo/ada' });
    expect(seen).toEqual([true]);
  });

  it('gives one app one pair of classes however often it is asked (a second server stays fast too)', async () => {
    const app = express();
    app.get('/', (_req, res) => {
      res.json({ ok: true });
    });
    const options = expressServerOptions(app);
    expect(expressServerOptions(app)).toBe(options);
    server = createServer(options, app);
    const seen = watchPrototypes(server, app);
    const url = await listenLoopback(server);
    expect((await fetch(url)).status).toBe(200);
    expect(seen).toEqual([true]);
  });

  it('is what makes the difference: a plain server hands Express foreign prototypes', async () => {
    const app = express();
    app.get('/', (_req, res) => {
      res.json({ ok: true });
    });
    server = createServer(app);
    const seen = watchPrototypes(server, app);
    const url = await listenLoopback(server);
    expect((await fetch(url)).status).toBe(200);
    expect(seen).toEqual([false]);
  });
});

describe('startProxy over HTTP', () => {
  let proxy: MinimalProxy;
  beforeAll(async () => {
    proxy = await startMinimalProxy();
  });
  afterAll(() => proxy?.stop());

  it("listens with requests born as the app's, and answers API, health and unknown routes as before", async () => {
    const seen = watchPrototypes(proxy.running.server, proxy.running.proxy.app);
    const health = await fetch(`${proxy.running.url}/healthz`);
    expect(health.status).toBe(200);
    const api = await fetch(`${proxy.running.url}/api/v1/session`);
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    const missing = await fetch(`${proxy.running.url}/no-such-route`);
    expect(missing.status).toBe(404);
    expect(seen).toEqual([true, true, true]);
  });
});

describe('TLS terminated by the proxy', () => {
  let proxy: MinimalProxy;
  let ca: Buffer;

  beforeAll(async () => {
    proxy = await startMinimalProxy(async (dir) => {
      // A throwaway certificate for 127.0.0.1, made with Debian's openssl.
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      ca = await readFile(join(dir, 'cert.pem'));
      return { TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'key.pem') };
    });
  });
  afterAll(() => proxy?.stop());

  it('serves HTTPS with the configured certificate', async () => {
    expect(proxy.running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // Requests over TLS are born with the app's prototypes too.
    const born = watchPrototypes(proxy.running.server, proxy.running.proxy.app);
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      get(`${proxy.running.url}/healthz`, { ca }, (res) => {
        let text = '';
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      }).on('error', reject);
    });
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ status: 'ok' });
    expect(born).toEqual([true]);
  });

  it('is refused by a client that does not trust the certificate', async () => {
    await expect(
      new Promise((resolve, reject) => get(`${proxy.running.url}/healthz`, resolve).on('error', reject)),
    ).rejects.toThrow(/self-signed|certificate/i);
  });
});
