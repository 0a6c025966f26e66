import { describe, expect, it } from 'vitest';
import {
  formattingLocale,
  GENESYS_UI_LANGUAGES,
  resolveCatalogue,
  textDirection,
} from '../../../../app/shared/i18n/locales.ts';

const available = GENESYS_UI_LANGUAGES;

describe('resolveCatalogue', () => {
  it.each([
    ['fr-CA', 'fr-CA'],
    ['fr-ca', 'fr-CA'],
    ['fr_CA', 'fr-CA'],
    ['fr-BE', 'fr'],
    ['fr', 'fr'],
    ['de-AT', 'de'],
    ['pt-PT', 'pt-PT'],
    ['pt-pt', 'pt-PT'],
    ['pt-AO', 'pt-BR'],
    ['pt', 'pt-BR'],
    ['es-MX', 'es'],
    ['es-es', 'es-ES'],
    ['zh-CN', 'zh-CN'],
    ['zh-cn', 'zh-CN'],
    ['zh-TW', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-Hans-SG', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['iw', 'he'],
    ['nb-NO', 'no'],
    ['ar-SA', 'ar'],
    ['en-us', 'en'],
    ['xx-YY', 'en'],
    ['sv-SE', 'sv'],
    ['ga-IE', 'en'],
    ['not a tag!', 'en'],
    [undefined, 'en'],
  ])('%s reads the %s catalogue', (tag, expected) => {
    expect(resolveCatalogue(tag, available)).toBe(expected);
  });
});

describe('formattingLocale', () => {
  it('keeps the agent’s region for numbers and dates when the catalogue is of their language', () => {
    expect(formattingLocale('de-AT', 'de')).toBe('de-AT');
    expect(formattingLocale('fr-ca', 'fr-CA')).toBe('fr-CA');
    expect(formattingLocale('nb-NO', 'no')).toBe('no-NO');
  });

  it('follows the catalogue when the agent’s language has none', () => {
    expect(formattingLocale('ga-IE', 'en')).toBe('en');
  });
});

describe('textDirection', () => {
  it.each([
    ['ar', 'rtl'],
    ['ar-SA', 'rtl'],
    ['he', 'rtl'],
    ['en', 'ltr'],
    ['ja', 'ltr'],
  ])('%s is written %s', (locale, dir) => {
    expect(textDirection(locale)).toBe(dir);
  });
});
