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

/** Each catalogue is fetched once, whoever asks first (the entry, ahead of React, or the provider). */
const loading = new Map<string, Promise<Catalogue>>();
const loaded = new Map<string, Catalogue>();

export function loadCatalogue(tag: string): Promise<Catalogue> {
  let pending = loading.get(tag);
  if (!pending) {
    const load = Object.entries(loaders).find(([path]) => tagOf(path) === tag)?.[1];
    pending = (load ? load() : Promise.resolve({})).then((catalogue) => {
      loaded.set(tag, catalogue);
      return catalogue;
    });
    // A failed load may be tried again (a deploy mid-session removed the chunk, then a reload).
    pending.catch(() => loading.delete(tag));
    loading.set(tag, pending);
  }
  return pending;
}

/** The catalogue if it has loaded already, so the app's first render can speak it at once. */
export function loadedCatalogue(tag: string): Catalogue | undefined {
  return loaded.get(tag);
}
