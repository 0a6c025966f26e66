// What the list view loads before it can show: the scripts and modulepreloads of a built widget's
// index.html, gzip. Chunks loaded on demand (viewers, pdf.js, the SDK's API classes the list does not
// call) are not in index.html, so they are not counted.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export async function initialJavaScriptGzip(widgetDir: string): Promise<number> {
  const html = await readFile(join(widgetDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  let total = 0;
  for (const f of new Set(files)) total += gzipSync(await readFile(join(widgetDir, f))).length;
  return total;
}

/** The gzip size of one language's catalogue chunk (`assets/<tag>-<hash>.js`) in a built widget. */
export async function catalogueGzip(widgetDir: string, tag: string): Promise<number> {
  const name = (await readdir(join(widgetDir, 'assets'))).find((f) =>
    new RegExp(`^${tag}-[\\w-]+\\.js$`).test(f),
  );
  if (!name) throw new Error(`no ${tag} catalogue chunk in ${widgetDir}/assets`);
  return gzipSync(await readFile(join(widgetDir, 'assets', name))).length;
}
