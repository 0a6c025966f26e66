import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageWithConfig, widgetAssets } from '../../../proxy/http/widget-assets.ts';
import { precompress } from '../../../scripts/build/precompress.ts';

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

describe('the widget files compressed at build time', () => {
  let built: string;
  const script = 'export const answer = "forty-two";\n'.repeat(3_000);
  const builtApp = express();
  beforeAll(async () => {
    built = await mkdtemp(join(tmpdir(), 'av-widget-built-'));
    await mkdir(join(built, 'assets'));
    await writeFile(join(built, 'index.html'), '<!doctype html><html><head></head></html>');
    await writeFile(join(built, 'assets', 'app-root-Zx81.js'), script);
    await writeFile(join(built, 'assets', 'tiny-Aa11.js'), 'export {};\n');
    await precompress(built);
    builtApp.use(...widgetAssets(built, { oauthClientId: 'client-1', proxyBase: '' }));
  });
  afterAll(() => rm(built, { recursive: true, force: true }));

  it('writes Brotli and gzip copies beside a script, and none for a file too small to gain', async () => {
    const names = await readdir(join(built, 'assets'));
    expect(names.sort()).toEqual([
      'app-root-Zx81.js',
      'app-root-Zx81.js.br',
      'app-root-Zx81.js.gz',
      'tiny-Aa11.js',
    ]);
    const original = await readFile(join(built, 'assets', 'app-root-Zx81.js'));
    expect(brotliDecompressSync(await readFile(join(built, 'assets', 'app-root-Zx81.js.br')))).toEqual(
      original,
    );
    expect(gunzipSync(await readFile(join(built, 'assets', 'app-root-Zx81.js.gz')))).toEqual(original);
  });

  it('serves the Brotli copy to a browser that accepts it, the gzip one to one that takes only gzip', async () => {
    const br = await request(builtApp)
      .get('/assets/app-root-Zx81.js')
      .set('accept-encoding', 'gzip, deflate, br, zstd');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^text\/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // The copy made at build time, byte for byte (the client decodes it).
    expect(Number(br.headers['content-length'])).toBe(
      (await readFile(join(built, 'assets', 'app-root-Zx81.js.br'))).length,
    );
    expect(br.text).toBe(script);
    const gz = await request(builtApp).get('/assets/app-root-Zx81.js').set('accept-encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toBe(script);
    const plain = await request(builtApp).get('/assets/app-root-Zx81.js').set('accept-encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(script);
  });
});

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
