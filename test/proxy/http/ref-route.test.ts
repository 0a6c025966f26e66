// GET /ref/<key>: the stable link clicked anywhere sends the browser to the widget's page in ref mode,
// with the key decoded once and checked as every storage key is; it grants nothing by itself.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationIds, type Stack, startStack } from '../../../scripts/local-stack/stack.ts';
import { rawRequest } from '../../support/raw-request.ts';

let dir: string;
let stack: Stack;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'av-ref-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>widget</title>');
  stack = await startStack({
    widgetDir: dir,
    proxyOverrides: { GENESYS_REGIONS: 'mypurecloud.ie,euw2.pure.cloud' },
  });
});
afterAll(async () => {
  await stack?.stop();
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string) => fetch(`${stack.proxy.url}${path}`, { redirect: 'manual' });

describe('GET /ref/<key>', () => {
  it('sends the browser to the widget in ref mode with the key, the conversation and the first region', async () => {
    const res = await get(
      `/ref/claims/2026/Rechnung%20M%C3%A4rz.pdf?conversationId=${conversationIds.openMessagingStore}`,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const target = new URL(res.headers.get('location') ?? '', stack.proxy.url);
    expect(target.pathname).toBe('/');
    expect(Object.fromEntries(target.searchParams)).toEqual({
      mode: 'ref',
      ref: 'claims/2026/Rechnung März.pdf',
      pcEnvironment: 'mypurecloud.ie',
      conversationId: conversationIds.openMessagingStore,
    });
  });

  it('takes another configured region when the link names one, never an unconfigured one', async () => {
    const other = new URL(
      (await get('/ref/a.pdf?region=euw2.pure.cloud')).headers.get('location') ?? '',
      'http://x',
    );
    expect(other.searchParams.get('pcEnvironment')).toBe('euw2.pure.cloud');
    const foreign = new URL(
      (await get('/ref/a.pdf?region=evil.example')).headers.get('location') ?? '',
      'http://x',
    );
    expect(foreign.searchParams.get('pcEnvironment')).toBe('mypurecloud.ie');
  });

  it('leaves out a malformed conversation id, so the page says the link names none', async () => {
    const res = await get('/ref/a.pdf?conversationId=../../etc');
    expect(new URL(res.headers.get('location') ?? '', 'http://x').searchParams.has('conversationId')).toBe(
      false,
    );
  });

  it.each([
    ['a dot segment', '/ref/claims/%2e%2e/secret.pdf'],
    ['a raw dot segment', '/ref/claims/../secret.pdf'],
    ['an encoded NUL', '/ref/a%00.pdf'],
    ['a broken escape', '/ref/a%E0%A4%A.pdf'],
    ['a backslash', '/ref/a%5Cb.pdf'],
  ])('refuses a key with %s with 400, never a redirect', async (_what, path) => {
    // Sent as written: fetch would resolve the dot segments before the proxy saw them.
    const res = await rawRequest(
      stack.proxy.url,
      `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    expect(res.status).toBe(400);
    expect(res.raw).not.toMatch(/^location:/im);
  });
});
