import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../proxy/config/config-schema.ts';
import { createLogger } from '../proxy/logger.ts';
import { type RunningProxy, startProxy } from '../proxy/server.ts';
import { sampleOrgDir } from '../sandbox/sample-data/manifest.ts';

describe('TLS terminated by the proxy', () => {
  let dir: string;
  let proxy: RunningProxy;
  let ca: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'av-tls-'));
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
    const config = parseConfig({
      PORT: '0',
      STORE_DIR: join(sampleOrgDir, 'store'),
      AUDIT_LOG_DIR: join(dir, 'audit'),
      LINK_SIGNING_KEYS: `k1:${randomBytes(32).toString('base64url')}`,
      TLS_CERT_FILE: join(dir, 'cert.pem'),
      TLS_KEY_FILE: join(dir, 'key.pem'),
      LOG_LEVEL: 'silent',
    });
    proxy = await startProxy(config, { logger: createLogger('silent') });
  });
  afterAll(async () => {
    await proxy?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves HTTPS with the configured certificate', async () => {
    expect(proxy.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // Requests over TLS are born with the app's prototypes too (express-server-options.ts).
    const born: boolean[] = [];
    proxy.server.prependListener('request', (req: IncomingMessage) => {
      born.push(Object.getPrototypeOf(req) === proxy.proxy.app.request);
    });
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      get(`${proxy.url}/healthz`, { ca }, (res) => {
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
      new Promise((resolve, reject) => get(`${proxy.url}/healthz`, resolve).on('error', reject)),
    ).rejects.toThrow(/self-signed|certificate/i);
  });
});
