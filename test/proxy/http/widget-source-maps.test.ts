// Issue #15, finding 9: production did not need to publish the widget's source maps (every source file
// with its content). The build makes none unless WIDGET_SOURCEMAPS asks, and the proxy serves none it
// finds unless WIDGET_SOURCE_MAPS says so (docs/operations.md).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { loadConfigFromFile } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../proxy/config/config-schema.ts';
import { widgetAssets } from '../../../proxy/http/widget-assets.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'av-source-maps-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><html><head><title>widget</title></head></html>');
  await writeFile(join(dir, 'assets', 'index-Bq3x9aZ1.js'), 'export const a = 1;\n//# sourceMappingURL=x\n');
  await writeFile(join(dir, 'assets', 'index-Bq3x9aZ1.js.map'), '{"version":3,"sourcesContent":["secret"]}');
});

afterAll(() => rm(dir, { recursive: true, force: true }));

function appServing(options: { sourceMaps?: boolean }) {
  const app = express();
  app.use(...widgetAssets(dir, { oauthClientId: 'client-1', proxyBase: '' }, options));
  return app;
}

describe('finding 9: the widget’s source maps', () => {
  it('are not served unless WIDGET_SOURCE_MAPS is set, and the scripts still are', async () => {
    for (const options of [{}, { sourceMaps: false }]) {
      const app = appServing(options);
      for (const path of ['/assets/index-Bq3x9aZ1.js.map', '/assets/index-Bq3x9aZ1.js.MAP']) {
        const res = await request(app).get(path);
        expect(res.status, path).toBe(404);
        expect(res.text).not.toContain('sourcesContent');
      }
      expect((await request(app).get('/assets/index-Bq3x9aZ1.js')).status).toBe(200);
    }
    const opted = await request(appServing({ sourceMaps: true })).get('/assets/index-Bq3x9aZ1.js.map');
    expect(opted.status).toBe(200);
    expect(opted.text).toContain('sourcesContent');
  });

  it('are off by default in the proxy’s configuration, and on only when an operator says so', () => {
    const base = { STORE_DIR: '/tmp/x' };
    expect(parseConfig(base).widgetSourceMaps).toBe(false);
    expect(parseConfig({ ...base, WIDGET_SOURCE_MAPS: 'true' }).widgetSourceMaps).toBe(true);
    expect(() => parseConfig({ ...base, WIDGET_SOURCE_MAPS: 'maybe' })).toThrow(
      /WIDGET_SOURCE_MAPS must be true or false/,
    );
  });

  it('are not made by the production build unless WIDGET_SOURCEMAPS asks (hidden or true)', async () => {
    const saved = process.env.WIDGET_SOURCEMAPS;
    try {
      const built = async (value: string | undefined) => {
        if (value === undefined) delete process.env.WIDGET_SOURCEMAPS;
        else process.env.WIDGET_SOURCEMAPS = value;
        const loaded = await loadConfigFromFile(
          { command: 'build', mode: 'production' },
          join(import.meta.dirname, '../../../vite.config.ts'),
        );
        return loaded?.config.build?.sourcemap;
      };
      expect(await built(undefined)).toBe(false);
      expect(await built('false')).toBe(false);
      expect(await built('hidden')).toBe('hidden');
      expect(await built('true')).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.WIDGET_SOURCEMAPS;
      else process.env.WIDGET_SOURCEMAPS = saved;
    }
  });
});
