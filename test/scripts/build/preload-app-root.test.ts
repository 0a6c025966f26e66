// The build names React and the list's chunks for the entry to preload (scripts/build/preload-app-root.ts):
// the chunk built from app-root.tsx and every chunk it imports, each once, none the page already loads.
import type { IndexHtmlTransformContext } from 'vite';
import { describe, expect, it } from 'vitest';
import { chunksOf, preloadedAppRoot } from '../../../scripts/build/preload-app-root.ts';

const chunk = (
  fileName: string,
  imports: string[],
  facadeModuleId: string | null = null,
  isEntry = false,
) => ({
  type: 'chunk',
  fileName,
  imports,
  facadeModuleId,
  isEntry,
});

const bundle = {
  'assets/index-A.js': chunk('assets/index-A.js', ['assets/shared-C.js'], '/w/app/index.html', true),
  'assets/app-root-B.js': chunk(
    'assets/app-root-B.js',
    ['assets/index-A.js', 'assets/react-D.js'],
    '/w/app/app-root.tsx',
  ),
  'assets/react-D.js': chunk('assets/react-D.js', ['assets/shared-C.js']),
  'assets/shared-C.js': chunk('assets/shared-C.js', []),
  'assets/pdf-E.js': chunk('assets/pdf-E.js', [], '/w/app/features/preview/pdf/pdf-viewer.tsx'),
  'assets/index-F.css': { type: 'asset', fileName: 'assets/index-F.css' },
};

describe('chunksOf', () => {
  it('finds the chunk built from a source and what it imports, each once', () => {
    expect(chunksOf(bundle, '/app/app-root.tsx').map((c) => c.fileName)).toEqual([
      'assets/app-root-B.js',
      'assets/index-A.js',
      'assets/shared-C.js',
      'assets/react-D.js',
    ]);
    expect(chunksOf(bundle, '/app/nothing.tsx')).toEqual([]);
  });
});

describe('preloadedAppRoot', () => {
  const transform = (html: string, given: object) => {
    const hook = preloadedAppRoot().transformIndexHtml as {
      handler: (this: unknown, html: string, ctx: IndexHtmlTransformContext) => unknown;
    };
    const errors: string[] = [];
    const context = { error: (message: string) => errors.push(message) };
    const out = hook.handler.call(context, html, { bundle: given } as unknown as IndexHtmlTransformContext);
    return { out, errors };
  };

  it('names the chunks the page does not load already in a meta for the entry, the entry left out', () => {
    const html =
      '<script type="module" src="./assets/index-A.js"></script><link rel="modulepreload" href="./assets/shared-C.js">';
    const { out, errors } = transform(html, bundle);
    expect(errors).toEqual([]);
    expect(out).toEqual([
      {
        tag: 'meta',
        attrs: { name: 'app-root-modules', content: './assets/app-root-B.js ./assets/react-D.js' },
        injectTo: 'head',
      },
    ]);
  });

  it('fails the build when no chunk comes from app-root.tsx (moved or renamed)', () => {
    const { errors } = transform('<p>', { 'assets/index-A.js': bundle['assets/index-A.js'] });
    expect(errors).toEqual(['preload-app-root: no chunk built from /app/app-root.tsx']);
  });
});
