import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseMessage } from '@formatjs/icu-messageformat-parser';
import react from '@vitejs/plugin-react';
import MagicString from 'magic-string';
import { parseAst } from 'rolldown/parseAst';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { conversationsCalls } from './app/shared/genesys/sdk-calls.ts';
import { precompressedAssets } from './scripts/build/precompress.ts';
import { preloadedAppRoot } from './scripts/build/preload-app-root.ts';
import { keepApiMethods } from './scripts/build/sdk-methods.ts';

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

/**
 * The Platform SDK's ES module sources (app/shared/genesys/platform-sdk.ts) call `require()` only for
 * Node modules (winston, configparser, fs, os, path, https, crypto), each inside a
 * `typeof window === 'undefined'` branch that never runs in a browser. Resolved by the bundler, those
 * calls would put winston and its streams into the widget (+50 KB gzip); kept external they stay
 * unexecuted calls, as in the SDK's own browser bundle.
 */
function platformSdkNodeRequires(): Plugin {
  // By folder name, not by this checkout's path: node_modules may be hoisted or linked elsewhere.
  const sdkSources = '/node_modules/purecloud-platform-client-v2/src/';
  return {
    name: 'platform-sdk-node-requires',
    enforce: 'pre',
    resolveId(source, importer, options) {
      if (options.kind === 'require-call' && importer?.includes(sdkSources))
        return { id: source, external: true };
      return null;
    },
  };
}

/**
 * `ConversationsApi`, the one API class on the way to the list, is one generated method per
 * conversations endpoint (≈ 9 KB gzip in the first download) of which the widget calls four: the
 * build keeps those (app/shared/genesys/sdk-calls.ts), as the SDK wrote them. The classes loaded on
 * demand stay whole. Dev and tests load the SDK's files as they are.
 */
function platformSdkCalledMethods(): Plugin {
  const file =
    '/node_modules/purecloud-platform-client-v2/src/purecloud-platform-client-v2/api/ConversationsApi.js';
  return {
    name: 'platform-sdk-called-methods',
    apply: 'build',
    transform(code, id) {
      if (!id.split('?')[0]?.endsWith(file)) return null;
      return { code: keepApiMethods(code, 'ConversationsApi', conversationsCalls), map: null };
    },
  };
}

/**
 * The translated catalogues as ICU message ASTs, which is what `formatjs compile --ast` writes (the
 * same parser, the same output): react-intl formats an AST as it is, so the widget never parses a
 * message at run time. The JSON files stay the plain strings translators edit and `i18n:check`
 * verifies; only what the bundle carries changes.
 */
function compiledCatalogues(): Plugin {
  const catalogue = /\/app\/shared\/i18n\/catalogues\/[\w-]+\.json$/;
  return {
    name: 'compiled-catalogues',
    enforce: 'pre',
    transform(code, id) {
      if (!catalogue.test(id)) return null;
      const messages = JSON.parse(code) as Record<string, string>;
      const compiled = Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, parseMessage(v)]));
      return { code: JSON.stringify(compiled), map: null };
    },
  };
}

/**
 * The source's English `defaultMessage`s as ICU message ASTs, as formatjs's own build plugins do with
 * `ast: true` (whitespace collapsed the same way): in every object that has an `id` and a string
 * `defaultMessage` — what defineMessages and FormattedMessage compile to. Written here because
 * @formatjs/vite-plugin needs oxc-parser's per-platform packages, which the npm mirror these
 * machines use does not all serve (so `npm ci` fails); Vite's own bundler parses the code instead.
 */
function compiledDefaultMessages(): Plugin {
  type Node = { type: string; start: number; end: number; [key: string]: unknown };
  const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && 'type' in v;
  const keyName = (p: Node) => {
    const key = p.key as Node | undefined;
    return key?.type === 'Identifier' ? key.name : key?.type === 'Literal' ? key.value : undefined;
  };
  return {
    name: 'compiled-default-messages',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      if (!/\/app\/.*\.[jt]sx?$/.test(id) || !code.includes('defaultMessage')) return null;
      const out = new MagicString(code);
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) {
          for (const item of node) visit(item);
          return;
        }
        if (!isNode(node)) return;
        if (node.type === 'ObjectExpression') {
          const props = (node.properties as Node[]).filter((p) => p.type === 'Property');
          const message = props.find((p) => keyName(p) === 'defaultMessage')?.value as Node | undefined;
          if (
            props.some((p) => keyName(p) === 'id') &&
            message?.type === 'Literal' &&
            typeof message.value === 'string'
          ) {
            const text = message.value.trim().replace(/\s+/gm, ' ');
            out.overwrite(message.start, message.end, JSON.stringify(parseMessage(text)));
          }
        }
        for (const [key, value] of Object.entries(node)) if (key !== 'type') visit(value);
      };
      visit(parseAst(code, { lang: 'js' }, id));
      return out.hasChanged() ? { code: out.toString(), map: out.generateMap({ hires: true }) } : null;
    },
  };
}

/**
 * Every message the built widget formats is an AST (compiledCatalogues and compiledDefaultMessages
 * above), so the build leaves out the ICU parser
 * (≈ 7 KB gzip of the first download): formatjs's own parser-less entry keeps the AST types and
 * throws if an uncompiled message ever reached it. Tests and the dev server keep the parser: tests
 * hand the provider plain-string catalogues.
 */
function withoutMessageParser(): Plugin {
  const parser = '@formatjs/icu-messageformat-parser';
  return {
    name: 'without-message-parser',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== parser) return null;
      return this.resolve(`${parser}/no-parser.js`, importer, { skipSelf: true });
    },
  };
}

export default defineConfig({
  root: `${root}/app`,
  publicDir: `${root}/public`,
  plugins: [
    // English lives in the source as each message's defaultMessage; the build stores it parsed.
    compiledDefaultMessages(),
    compiledCatalogues(),
    withoutMessageParser(),
    react(),
    pdfjsAssets(),
    platformSdkNodeRequires(),
    platformSdkCalledMethods(),
    // React and the list fetched with the entry, run after sign-in (app/main.ts).
    preloadedAppRoot(),
    precompressedAssets(),
  ],
  // The SDK's default HTTP client brings axios (~20 KB gzip); the widget gives it a fetch one instead
  // (app/shared/genesys/fetch-http-client.ts), so axios never loads.
  resolve: { alias: { axios: `${root}/app/shared/genesys/without-axios.ts` } },
  base: './',
  build: {
    outDir: `${root}/dist/app`,
    emptyOutDir: true,
    sourcemap:
      process.env.WIDGET_SOURCEMAPS === 'hidden' ? 'hidden' : process.env.WIDGET_SOURCEMAPS === 'true',
  },
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
