// The translated catalogues, one lazy chunk each, so an agent downloads only their own language.
// English needs none: it is every message's `defaultMessage` in the source (docs/i18n.md). The build
// hands each catalogue over as parsed ICU messages (vite.config.ts, compiledCatalogues); tests may
// pass plain strings.
import type { MessageFormatElement } from 'react-intl';

export type Catalogue = Record<string, string> | Record<string, MessageFormatElement[]>;

const loaders = import.meta.glob<Catalogue>(['./catalogues/*.json', '!./catalogues/en.json'], {
  import: 'default',
});

function tagOf(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.json$/, '');
}

/** Every language the widget speaks, English included. */
export const availableCatalogues: readonly string[] = ['en', ...Object.keys(loaders).map(tagOf)];

export async function loadCatalogue(tag: string): Promise<Catalogue> {
  const load = Object.entries(loaders).find(([path]) => tagOf(path) === tag)?.[1];
  return load ? load() : {};
}
