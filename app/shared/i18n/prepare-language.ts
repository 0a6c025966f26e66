// The agent's language, made ready before React runs: which catalogue and formatting locale serve
// them, that catalogue's chunk, and the date format every row uses. The first of these calls in a
// page loads the browser's locale data (≈ 25–40 ms on a two-core machine); the entry makes them while
// the list's reads are out, so the list's first render no longer pays for it
// (docs/performance.md, "Time to the list").
import { formatTime } from '../format/format.ts';
import { availableCatalogues, loadCatalogue } from './catalogues.ts';
import { formattingLocale, resolveCatalogue } from './locales.ts';

export function prepareLanguage(langTag: string | undefined): void {
  const catalogue = resolveCatalogue(langTag, availableCatalogues);
  // Not English: its chunk comes alongside the reads, not once the app has mounted. A failure here
  // is the provider's to handle (it asks again and falls back to English).
  if (catalogue !== 'en') loadCatalogue(catalogue).catch(() => undefined);
  formatTime(new Date(0).toISOString(), formattingLocale(langTag, catalogue));
}
