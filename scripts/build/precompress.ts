// Brotli and gzip copies of the built widget's text files, made once at build time: the proxy serves
// them as they are (proxy/http/widget-assets.ts) instead of compressing each response again, and
// Brotli at its highest quality, too slow to run per request, is about a fifth smaller than gzip on
// the widget's JavaScript.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Files worth compressing: text, and WebAssembly (which compresses like code). */
const COMPRESSIBLE = /\.(?:js|mjs|css|json|svg|wasm)$/;
/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024;
/**
 * Brotli's top quality costs about 0.8 s per 400 KB file (measured on this project's 2-core build
 * machine) for some 7 % over quality 9: spent on the widget's own chunks, which every agent
 * downloads; pdf.js's decoders under pdfjs/ load only for the rare PDF that needs one.
 */
const quality = (path: string) => (path.includes('/pdfjs/') ? 5 : constants.BROTLI_MAX_QUALITY);

/** Writes `<file>.br` and `<file>.gz` beside each compressible file under `dir`, where smaller. */
export async function precompress(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  await Promise.all(
    entries
      .filter((e) => e.isFile() && COMPRESSIBLE.test(e.name))
      .map(async (e) => {
        const path = join(e.parentPath, e.name);
        const bytes = await readFile(path);
        if (bytes.length < MIN_BYTES) return;
        const [br, gz] = await Promise.all([
          brotli(bytes, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: quality(path),
              [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
          }),
          gzipAsync(bytes, { level: constants.Z_BEST_COMPRESSION }),
        ]);
        if (br.length < bytes.length) await writeFile(`${path}.br`, br);
        if (gz.length < bytes.length) await writeFile(`${path}.gz`, gz);
      }),
  );
}

/** The Vite plugin: precompresses the output folder once the bundle is written. */
export function precompressedAssets(): Plugin {
  let outDir = '';
  return {
    name: 'precompressed-assets',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      await precompress(outDir);
    },
  };
}
