import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageWithConfig, widgetAssets } from '../../../proxy/http/widget-assets.ts';

let dir: string;
const app = express();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'av-widget-assets-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><html><head><title>widget</title></head></html>');
  await writeFile(join(dir, 'assets', 'index-Bq3x9aZ1.js'), 'export const a = 1;\n'.repeat(2_000));
  await writeFile(join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  app.use(...widgetAssets(dir, { oauthClientId: 'client-1', proxyBase: '' }));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the widget files', () => {
  it('compresses a script for a browser that accepts gzip, and serves it whole to one that does not', async () => {
    const gzipped = await request(app).get('/assets/index-Bq3x9aZ1.js').set('accept-encoding', 'gzip');
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(Number(gzipped.headers['content-length'] ?? 0)).toBeLessThan(40_000);
    const plain = await request(app).get('/assets/index-Bq3x9aZ1.js').set('accept-encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toHaveLength(40_000);
  });

  it('caches the content-hashed files under assets/ for good', async () => {
    const res = await request(app).get('/assets/index-Bq3x9aZ1.js');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has the page and the unhashed files revalidated, answering 304 when they did not change', async () => {
    for (const path of ['/', '/index.html', '/icon.svg']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-cache');
      const again = await request(app)
        .get(path)
        .set('if-none-match', res.headers.etag ?? '');
      expect(again.status, path).toBe(304);
    }
  });

  it('writes the widget settings into the page, so the widget need not ask for them', async () => {
    const res = await request(app).get('/');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const content = /<meta name="widget-config" content="([^"]*)"/.exec(res.text)?.[1] ?? '';
    const decoded = content.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
    expect(JSON.parse(decoded)).toEqual({ oauthClientId: 'client-1', proxyBase: '' });
  });

  it('keeps settings that hold markup inside the attribute', () => {
    const page = pageWithConfig('<html><head></head></html>', { oauthClientId: '"><script>x</script>' });
    expect(page).not.toContain('<script>');
    const content = /content="([^"]*)"/.exec(page)?.[1] ?? '';
    expect(content).not.toMatch(/[<>"']/);
    const decoded = content.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
    expect(JSON.parse(decoded)).toEqual({ oauthClientId: '"><script>x</script>' });
  });

  it('writes the settings into a page that leaves its head implicit', () => {
    const page = pageWithConfig('<!doctype html><script type="module" src="./a.js"></script>', { a: 1 });
    expect(page).toMatch(/^<!doctype html><meta name="widget-config" content="[^"]+" \/><script/);
  });
});
