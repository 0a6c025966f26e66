import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

/**
 * pdf.js needs its CMaps (CJK text), standard fonts (PDFs that do not embed them), WebAssembly
 * decoders (JPEG 2000, JBIG2, colour management) and ICC profiles (CMYK scans) next to the widget
 * (docs/viewer.md): served in dev, emitted into the build under /pdfjs/.
 */
function pdfjsAssets(): Plugin {
  // The QuickJS build is pdf.js's sandbox for PDF scripts, which the widget never runs.
  const shipped = (file: string) => !file.startsWith('quickjs');
  const source = join(root, 'node_modules', 'pdfjs-dist');
  const folders = ['cmaps', 'standard_fonts', 'wasm', 'iccs'];
  return {
    name: 'pdfjs-assets',
    configureServer(server) {
      server.middlewares.use('/pdfjs', (req, res, next) => {
        const [folder, file] = (req.url ?? '').replace(/^\//, '').split('/');
        if (!folder || !file || !folders.includes(folder) || !/^[\w.-]+$/.test(file) || !shipped(file))
          return next();
        try {
          res.end(readFileSync(join(source, folder, file)));
        } catch {
          next();
        }
      });
    },
    generateBundle() {
      for (const folder of folders)
        for (const file of readdirSync(join(source, folder)).filter(shipped))
          this.emitFile({
            type: 'asset',
            fileName: `pdfjs/${folder}/${file}`,
            source: readFileSync(join(source, folder, file)),
          });
    },
  };
}

export default defineConfig({
  root: `${root}/app`,
  publicDir: `${root}/public`,
  plugins: [react(), pdfjsAssets()],
  base: './',
  resolve: {
    // The SDK's browser field points at a browserify bundle with no ES default export, which Vite 8
    // rejects (MISSING_EXPORT "default"); its CommonJS web bundle works (docs/architecture.md). Tests run
    // in Node, where the bare import resolves to the SDK's Node build and must stay that way.
    alias: process.env.VITEST
      ? []
      : [
          {
            find: /^purecloud-platform-client-v2$/,
            replacement: 'purecloud-platform-client-v2/dist/web-cjs/bundle.js',
          },
        ],
  },
  build: { outDir: `${root}/dist/app`, emptyOutDir: true, sourcemap: true },
  test: {
    root,
    // Services (Swift, Redis, Chromium) are started per file on loopback; keep files apart.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['test/**/*.test.ts'], exclude: ['test/app/**'] },
      },
      {
        extends: true,
        test: {
          name: 'app',
          environment: 'jsdom',
          include: ['test/app/**/*.test.{ts,tsx}'],
          setupFiles: ['test/support/app/setup.ts'],
        },
      },
    ],
  },
});
