import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { IntlProvider } from 'react-intl';
import { availableCatalogues, type Catalogue, loadCatalogue, loadedCatalogue } from './catalogues.ts';
import { canonicalTag, formattingLocale, resolveCatalogue, textDirection } from './locales.ts';

export interface I18nProviderProps {
  /** The agent's language as Genesys sends it (`gcLangTag`), e.g. `fr-ca`. */
  langTag: string | undefined;
  children: ReactNode;
  /** Tests pass a catalogue in; the widget loads the agent's own. */
  catalogue?: Catalogue;
}

/**
 * Speaks the agent's language: loads their catalogue (English is built in), sets the page's `lang`
 * and `dir`, and falls back to English for a message a catalogue lacks rather than showing its id.
 */
export function I18nProvider({ langTag, children, catalogue: given }: I18nProviderProps) {
  const tag = useMemo(() => resolveCatalogue(langTag, availableCatalogues), [langTag]);
  const [catalogue, setCatalogue] = useState<Catalogue | undefined>(
    given ?? (tag === 'en' ? {} : loadedCatalogue(tag)),
  );

  useEffect(() => {
    if (given || tag === 'en') return;
    // Loaded ahead by the entry (prepare-language.ts): the first render had it already.
    const ready = loadedCatalogue(tag);
    if (ready) {
      setCatalogue(ready);
      return;
    }
    let current = true;
    loadCatalogue(tag).then(
      (loaded) => current && setCatalogue(loaded),
      // A catalogue that cannot load (a deploy mid-session removed its chunk) leaves English.
      () => current && setCatalogue({}),
    );
    return () => {
      current = false;
    };
  }, [tag, given]);

  const locale = useMemo(
    () => (given ? canonicalTag(langTag).baseName : formattingLocale(langTag, tag)),
    [given, langTag, tag],
  );
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = textDirection(locale);
  }, [locale]);

  if (!catalogue) return null;
  return (
    <IntlProvider locale={locale} defaultLocale="en" messages={catalogue} onError={reportMissing}>
      {children}
    </IntlProvider>
  );
}

function reportMissing(error: { code?: string; message: string }): void {
  // A missing translation falls back to English by design; CI's catalogue check catches it first.
  if (error.code === 'MISSING_TRANSLATION') return;
  console.error(error.message);
}
