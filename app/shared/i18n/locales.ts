// Which catalogue serves an agent's language, and which way it is written. Pure: no DOM, so the
// fallback chain is unit-tested on its own (docs/i18n.md).

/** Scripts written right to left, by language subtag. */
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);

/** Old or alternative language subtags that browsers and Genesys still send. */
const LANGUAGE_ALIASES: Record<string, string> = { iw: 'he', in: 'id', nb: 'no', nn: 'no' };

/** Chinese variants are told apart by script, whatever region the tag names. */
function chineseScript(tag: Intl.Locale): 'Hans' | 'Hant' {
  if (tag.script === 'Hant' || tag.script === 'Hans') return tag.script;
  return tag.region && ['TW', 'HK', 'MO'].includes(tag.region) ? 'Hant' : 'Hans';
}

/** `fr_ca`, `FR-CA` and `fr-CA` are one tag; a malformed tag is English. */
export function canonicalTag(langTag: string | undefined): Intl.Locale {
  try {
    return new Intl.Locale((langTag ?? '').trim().replace(/_/g, '-'));
  } catch {
    return new Intl.Locale('en');
  }
}

/**
 * The catalogue for `langTag` among `available` (tags as the catalogue files name them):
 * the exact tag, then the language with its script (zh-Hant), then the bare language, then any
 * catalogue of the same language (pt-PT reads the pt-BR catalogue rather than English), then English.
 */
export function resolveCatalogue(langTag: string | undefined, available: readonly string[]): string {
  const tag = canonicalTag(langTag);
  const language = LANGUAGE_ALIASES[tag.language] ?? tag.language;
  const byLower = new Map(available.map((a) => [a.toLowerCase(), a]));
  const candidates = [
    [language, tag.region].filter(Boolean).join('-'),
    language === 'zh' ? `zh-${chineseScript(tag)}` : undefined,
    language,
  ];
  for (const candidate of candidates) {
    const found = candidate && byLower.get(candidate.toLowerCase());
    if (found) return found;
  }
  const sameLanguage = available.find((a) => a.toLowerCase().split('-')[0] === language);
  return sameLanguage ?? 'en';
}

/**
 * The locale numbers, dates and plural rules follow: the agent's own tag where the browser knows it
 * (de-AT formats dates as Austrians do, even on the German catalogue), else the catalogue's.
 */
export function formattingLocale(langTag: string | undefined, catalogue: string): string {
  const tag = canonicalTag(langTag);
  const language = LANGUAGE_ALIASES[tag.language] ?? tag.language;
  const candidate = [language, tag.script, tag.region].filter(Boolean).join('-');
  const catalogueLanguage = catalogue.split('-')[0];
  if (language === catalogueLanguage && Intl.DateTimeFormat.supportedLocalesOf([candidate]).length > 0)
    return candidate;
  return catalogue;
}

export function textDirection(locale: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(locale.split('-')[0]?.toLowerCase() ?? '') ? 'rtl' : 'ltr';
}
