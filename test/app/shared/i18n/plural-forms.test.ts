// Plural forms as the catalogues write them, formatted by the same ICU library the widget uses:
// Polish has one/few/many, Arabic zero/one/two/few/many/other, Hebrew one/two/other. Each count
// must land on its own branch of the real catalogue message, so a branch a translator dropped or
// misnamed shows up here.
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import ar from '../../../../app/shared/i18n/catalogues/ar.json';
import he from '../../../../app/shared/i18n/catalogues/he.json';
import pl from '../../../../app/shared/i18n/catalogues/pl.json';

const COUNT = 'review.browser.attachmentCount';

function formatter(locale: string, messages: Record<string, string>) {
  const intl = createIntl({
    locale,
    messages,
    onError: (error) => {
      throw error;
    },
  });
  return (n: number) => intl.formatMessage({ id: COUNT }, { n });
}

describe('plural forms', () => {
  it('Polish: 1 one, 2 and 22 few, 5 and 12 many', () => {
    const say = formatter('pl', pl);
    expect(say(1)).toBe('1 załącznik');
    expect(say(2)).toBe('2 załączniki');
    expect(say(22)).toBe('22 załączniki');
    expect(say(5)).toBe('5 załączników');
    expect(say(12)).toBe('12 załączników');
  });

  it('Arabic: 0, 1, 2, 3, 11 and 100 each take their own form', () => {
    const say = formatter('ar', ar);
    const forms = [0, 1, 2, 3, 11, 100].map(say);
    expect(new Set(forms).size).toBe(6);
    expect(forms).toEqual([
      'لا توجد مرفقات',
      'مرفق واحد',
      'مرفقان',
      `${(3).toLocaleString('ar')} مرفقات`,
      `${(11).toLocaleString('ar')} مرفقًا`,
      `${(100).toLocaleString('ar')} مرفق`,
    ]);
  });

  it('Hebrew: 1, 2 and 5 each take their own form', () => {
    const say = formatter('he', he);
    expect([1, 2, 5].map(say)).toEqual(['קובץ מצורף אחד', 'שני קבצים מצורפים', '5 קבצים מצורפים']);
  });
});
