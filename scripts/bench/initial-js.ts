// What the list view loads before it can show, gzip: the scripts and modulepreloads of a built
// widget's index.html, the chunk the list needs (app-root, which the entry preloads on the way back
// from the sign-in and imports once the list's reads are sent: app/main.ts), and every chunk those
// import statically. Chunks loaded on demand
// (viewers, pdf.js, the SDK's API classes the list does not call) are not counted.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The chunks a chunk imports statically (`import … from "./x.js"`, `import "./x.js"`; not `import("./x.js")`). */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([\w.-]+\.js)["']/g)].map((m) => m[1] as string);
}

export async function initialJavaScriptGzip(widgetDir: string): Promise<number> {
  const html = await readFile(join(widgetDir, 'index.html'), 'utf8');
  const assets = await readdir(join(widgetDir, 'assets'));
  const listChunks = assets.filter((f) => /^app-root-[\w-]+\.js$/.test(f)).map((f) => `assets/${f}`);
  const pending = [
    ...[...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string),
    ...listChunks,
  ];
  const seen = new Set<string>();
  let total = 0;
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await readFile(join(widgetDir, file));
    total += gzipSync(code).length;
    for (const name of staticImports(code.toString('utf8'))) pending.push(`assets/${name}`);
  }
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
