// Which catalogue serves an agent's language, and which way it is written. Pure: no DOM, so the
// fallback chain is unit-tested on its own (docs/i18n.md).

/** Scripts written right to left, by language subtag. */
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);

/**
 * The languages of Genesys Cloud's own user interface, as its component library ships them
 * (docs/i18n.md): the widget has a catalogue for each, named by these tags.
 */
export const GENESYS_UI_LANGUAGES = [
  'ar',
  'cs',
  'da',
  'de',
  'en',
  'es',
  'es-ES',
  'fi',
  'fr',
  'fr-CA',
  'he',
  'hi',
  'it',
  'ja',
  'ko',
  'nl',
  'no',
  'pl',
  'pt-BR',
  'pt-PT',
  'ru',
  'sv',
  'th',
  'tr',
  'uk',
  'zh-CN',
  'zh-TW',
] as const;

/** Old or alternative language subtags that browsers and Genesys still send. */
const LANGUAGE_ALIASES: Record<string, string> = { iw: 'he', in: 'id', nb: 'no', nn: 'no' };

/** `fr_ca`, `FR-CA` and `fr-CA` are one tag; a malformed tag is English. */
export function canonicalTag(langTag: string | undefined): Intl.Locale {
  try {
    const tag = new Intl.Locale((langTag ?? '').trim().replace(/_/g, '-'));
    const language = LANGUAGE_ALIASES[tag.language];
    return language ? new Intl.Locale(language, { script: tag.script, region: tag.region }) : tag;
  } catch {
    return new Intl.Locale('en');
  }
}

/**
 * The catalogue for `langTag` among `available` (tags as the catalogue files name them): the exact
 * tag; then the bare language (fr-BE reads fr); then a catalogue of the same language and script,
 * the one of the language's likely region first (zh-HK reads zh-TW, being Traditional; pt-AO and pt
 * read pt-BR); then English.
 */
export function resolveCatalogue(langTag: string | undefined, available: readonly string[]): string {
  const tag = canonicalTag(langTag);
  // Catalogues are named by canonical tags, so only those whose name starts with the tag's language
  // can serve it: an Intl.Locale is made for those alone (one for each of the 27 catalogues was
  // ≈ 30 ms of the list's first render on a slow machine).
  const catalogues = available
    .filter((name) => name.split('-')[0]?.toLowerCase() === tag.language)
    .map((name) => ({ name, tag: canonicalTag(name) }));
  const exact = catalogues.find((c) => c.tag.baseName === tag.baseName);
  if (exact) return exact.name;
  const likely = tag.maximize();
  const sameLanguage = catalogues.filter((c) => c.tag.maximize().script === likely.script);
  const bare = sameLanguage.find((c) => c.tag.baseName === tag.language);
  if (bare) return bare.name;
  const sameRegion = sameLanguage.find((c) => c.tag.maximize().region === likely.region);
  return (sameRegion ?? sameLanguage[0])?.name ?? 'en';
}

/**
 * The locale numbers, dates and plural rules follow: the agent's own tag where the browser knows it
 * (de-AT formats dates as Austrians do, even on the German catalogue), else the catalogue's.
 */
export function formattingLocale(langTag: string | undefined, catalogue: string): string {
  const tag = canonicalTag(langTag);
  if (tag.baseName === catalogue) return catalogue;
  if (
    tag.language === canonicalTag(catalogue).language &&
    Intl.DateTimeFormat.supportedLocalesOf([tag.baseName]).length
  )
    return tag.baseName;
  return catalogue;
}

export function textDirection(locale: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(locale.split('-')[0]?.toLowerCase() ?? '') ? 'rtl' : 'ltr';
}
