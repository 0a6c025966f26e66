// The widget's entry (app/main.ts) holds React and the list back, in app-root.tsx, until the sign-in
// has sent the list's reads: evaluating them first would keep the main thread from sending those
// reads for the 100–250 ms the evaluation takes (docs/performance.md, "Time to the list"). Their
// bytes need not wait: this puts `<link rel="modulepreload">` for app-root.tsx's chunk and the
// chunks it imports into the page, so the browser fetches (and compiles) them with the entry.
import type { OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';

/** The chunk built from the source file ending in `source`, and every chunk it imports. */
export function chunksOf(bundle: Record<string, { type: string }>, source: string): OutputChunk[] {
  const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const root = chunks.find((c) => c.facadeModuleId?.endsWith(source));
  if (!root) return [];
  const found = new Map<string, OutputChunk>();
  const visit = (chunk: OutputChunk) => {
    if (found.has(chunk.fileName)) return;
    found.set(chunk.fileName, chunk);
    for (const name of chunk.imports) {
      const imported = byName.get(name);
      if (imported) visit(imported);
    }
  };
  visit(root);
  return [...found.values()];
}

export function preloadedAppRoot(source = '/app/app-root.tsx'): Plugin {
  return {
    name: 'preload-app-root',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const chunks = chunksOf(ctx.bundle, source);
        if (chunks.length === 0) this.error(`preload-app-root: no chunk built from ${source}`);
        const linked = new Set([...html.matchAll(/\bhref="\.\/([^"]+)"/g)].map((m) => m[1]));
        return chunks
          .filter((c) => !linked.has(c.fileName) && !c.isEntry)
          .map((c) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${c.fileName}` },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}
