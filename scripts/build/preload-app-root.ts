// The widget's entry (app/main.ts) holds React and the list back, in app-root.tsx, until the sign-in
// has sent the list's reads: evaluating them first would keep the main thread from sending those
// reads for the 100–250 ms the evaluation takes (docs/performance.md, "Time to the list"). Their
// bytes need not wait on the page that stays (back from the sign-in with ?code=): this names
// app-root.tsx's chunk and the chunks it imports in a `<meta>`, and the entry preloads them there
// (`<link rel="modulepreload">`). Not on an agent's first open, which leaves for the sign-in page:
// fetching and compiling them there would only slow that page and its way out.
import type { OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';
import { APP_ROOT_MODULES_META } from '../../app/shared/boot/app-root-modules.ts';

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
        const hrefs = chunks
          .filter((c) => !linked.has(c.fileName) && !c.isEntry)
          .map((c) => `./${c.fileName}`);
        return [
          {
            tag: 'meta',
            attrs: { name: APP_ROOT_MODULES_META, content: hrefs.join(' ') },
            injectTo: 'head' as const,
          },
        ];
      },
    },
  };
}
