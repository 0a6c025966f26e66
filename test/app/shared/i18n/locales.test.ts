import { describe, expect, it } from 'vitest';
import { formattingLocale, resolveCatalogue, textDirection } from '../../../../app/shared/i18n/locales.ts';

const available = ['en', 'de', 'fr', 'fr-CA', 'pt-BR', 'zh-Hans', 'zh-Hant', 'ar', 'he', 'ja'];

describe('resolveCatalogue', () => {
  it.each([
    ['fr-CA', 'fr-CA'],
    ['fr-ca', 'fr-CA'],
    ['fr_CA', 'fr-CA'],
    ['fr-BE', 'fr'],
    ['fr', 'fr'],
    ['de-AT', 'de'],
    ['pt-PT', 'pt-BR'],
    ['pt', 'pt-BR'],
    ['zh-CN', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-Hant-TW', 'zh-Hant'],
    ['zh', 'zh-Hans'],
    ['iw', 'he'],
    ['ar-SA', 'ar'],
    ['en-us', 'en'],
    ['xx-YY', 'en'],
    ['sv', 'en'],
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
  });

  it('follows the catalogue when the agent’s language has none', () => {
    expect(formattingLocale('sv-SE', 'en')).toBe('en');
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
