// GENESYS_DOWNLOADS=direct gives the widget Genesys's signed URLs: the widget page's CSP must admit
// their hosts for images, media and fetch, or our own CSP blocks every Genesys-hosted file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../proxy/config/config-schema.ts';
import { genesysDownloadLinkOrigins } from '../../../proxy/storage/genesys-download/download-link-origins.ts';
import { runDoctor } from '../../../scripts/doctor/run-doctor.ts';
import { type Stack, startStack } from '../../../scripts/local-stack/stack.ts';

let dir: string;
const stacks: Stack[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'av-csp-downloads-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>widget</title>');
});
afterAll(async () => {
  for (const s of stacks) await s.stop();
  await rm(dir, { recursive: true, force: true });
});

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

async function widgetCsp(
  overrides: Record<string, string>,
): Promise<{ csp: Map<string, string[]>; stack: Stack }> {
  const stack = await startStack({ widgetDir: dir, proxyOverrides: overrides });
  stacks.push(stack);
  const response = await fetch(`${stack.proxy.url}/`);
  await response.body?.cancel();
  return { csp: directives(response.headers.get('content-security-policy') ?? ''), stack };
}

describe('the widget page’s CSP and Genesys downloads', () => {
  it('admits the download hosts and the sandbox org for images, media and fetch in direct mode', async () => {
    const { csp, stack } = await widgetCsp({
      GENESYS_DOWNLOADS: 'direct',
      GENESYS_DOWNLOAD_HOSTS: 'api-downloads.mypurecloud.com,files.example.net:8443',
    });
    const sandboxOrigin = new URL(stack.sandboxUrl).origin;
    for (const directive of ['img-src', 'media-src', 'connect-src']) {
      expect(csp.get(directive), directive).toEqual(
        expect.arrayContaining([
          'https://api-downloads.mypurecloud.com',
          'https://files.example.net:8443',
          sandboxOrigin,
        ]),
      );
    }
  });

  it('adds nothing in relay mode: the bytes come from our own origin', async () => {
    const { csp, stack } = await widgetCsp({
      GENESYS_DOWNLOADS: 'relay',
      GENESYS_DOWNLOAD_HOSTS: 'api-downloads.mypurecloud.com',
    });
    expect(csp.get('img-src')).not.toContain('https://api-downloads.mypurecloud.com');
    expect(csp.get('media-src')).not.toContain(new URL(stack.sandboxUrl).origin);
  });

  it('names each configured host once, over https', () => {
    const config = parseConfig({
      STORE_DIR: dir,
      GENESYS_DOWNLOADS: 'direct',
      GENESYS_DOWNLOAD_HOSTS: 'API-Downloads.mypurecloud.ie',
    });
    expect(genesysDownloadLinkOrigins(config.genesys)).toEqual(['https://api-downloads.mypurecloud.ie']);
  });
});

describe('npm run doctor on direct downloads', () => {
  it('passes a widget page whose CSP allows the download hosts, and fails one started with other hosts', async () => {
    const { stack } = await widgetCsp({
      GENESYS_DOWNLOADS: 'direct',
      GENESYS_DOWNLOAD_HOSTS: 'api-downloads.mypurecloud.com',
    });
    const run = (hosts: string) =>
      runDoctor({
        env: { ...stack.settings, GENESYS_DOWNLOAD_HOSTS: hosts },
        proxyUrl: stack.proxy.url,
        timeoutMs: 3_000,
      });
    const good = (await run('api-downloads.mypurecloud.com')).findings.find(
      (f) => f.id === 'proxy.download-csp',
    );
    expect(good).toMatchObject({ status: 'pass' });
    // The settings name a host the running proxy was not started with.
    const stale = (await run('api-downloads.mypurecloud.com,files.example.net')).findings.find(
      (f) => f.id === 'proxy.download-csp',
    );
    expect(stale?.status).toBe('fail');
    expect(stale?.detail).toContain('https://files.example.net (connect-src, img-src, media-src)');
  });
});
