import { describe, expect, it } from 'vitest';
import { findMatches, foldQuery, foldText } from '../../../../../app/features/preview/pdf/text-normalise.ts';

/** The original substrings a query finds in `raw`. */
function find(raw: string, query: string, lineEnds: number[] = []) {
  const folded = foldText(raw, new Set(lineEnds));
  return findMatches(folded, foldQuery(query)).map(({ start, end }) => raw.slice(start, end));
}

describe('find-in-document text folding', () => {
  it('ignores case and accents by default', () => {
    expect(find('Résumé of RESUME and resume', 'resume')).toEqual(['Résumé', 'RESUME', 'resume']);
    expect(find('Crème brûlée', 'CREME BRULEE')).toEqual(['Crème brûlée']);
  });

  it('finds words set with ligatures and full-width forms', () => {
    expect(find('the ﬁnal oﬃce', 'office')).toEqual(['oﬃce']);
    expect(find('the ﬁnal oﬃce', 'final')).toEqual(['ﬁnal']);
    expect(find('ＡＢＣ１２３', 'abc123')).toEqual(['ＡＢＣ１２３']);
  });

  it('treats runs of white space and line breaks as one space', () => {
    expect(find('claim\n  number', 'claim number')).toEqual(['claim\n  number']);
  });

  it('joins a word hyphenated at a line end', () => {
    const raw = 'an exam-\nple here';
    expect(find(raw, 'example', [raw.indexOf('\n') + 1])).toEqual(['exam-\nple']);
    // A hyphen inside a line stays.
    expect(find('well-known', 'well-known')).toEqual(['well-known']);
    expect(find('well-known', 'wellknown')).toEqual([]);
  });

  it('finds Arabic with or without harakat, tatweel and presentation forms', () => {
    expect(find('مَرْحَبًا بالعالم', 'مرحبا')).toEqual(['مَرْحَبًا']);
    expect(find('كتـــاب', 'كتاب')).toEqual(['كتـــاب']);
    // ﻻ (U+FEFB) is the lam-alef ligature form of لا.
    expect(find('\ufefb شيء', 'لا')).toEqual(['\ufefb']);
  });

  it('finds Hebrew with or without niqqud', () => {
    expect(find('שָׁלוֹם עולם', 'שלום')).toEqual(['שָׁלוֹם']);
  });

  it('finds Japanese across a line break and keeps voiced kana distinct', () => {
    const raw = '請求書の番\n号を確認';
    expect(find(raw, '番号')).toEqual(['番\n号']);
    expect(find('がっこう', 'かっこう')).toEqual([]);
    expect(find('がっこう', 'がっこう')).toEqual(['がっこう']);
    // Half-width katakana fold into full-width.
    expect(find('ｶﾀｶﾅ', 'カタカナ')).toEqual(['ｶﾀｶﾅ']);
  });

  it('maps characters outside the basic plane back whole', () => {
    expect(find('a 𠮷野家 b', '𠮷野')).toEqual(['𠮷野']);
  });

  it('finds nothing for an empty or blank query', () => {
    expect(find('anything', '   ')).toEqual([]);
  });

  it('counts every non-overlapping hit', () => {
    expect(find('aaaa', 'aa')).toHaveLength(2);
  });
});
