import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

export default defineConfig({
  root: `${root}/app`,
  publicDir: `${root}/public`,
  plugins: [react()],
  resolve: {
    alias: [
      // The SDK's browser field points at a browserify bundle with no ES default export, which
      // Vite 8 rejects (MISSING_EXPORT "default"); its CommonJS web bundle works (stack.md, §4).
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
        test: { name: 'app', environment: 'jsdom', include: ['test/app/**/*.test.{ts,tsx}'] },
      },
    ],
  },
});
