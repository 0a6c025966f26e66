// Text folding for find-in-document. Pure: no pdf.js, no DOM, so it is unit-tested in Node.
//
// The approach follows pdf.js's own viewer (web/pdf_find_controller.js in pdfjs-dist): fold the page
// text and the query the same way, search the folded text, and keep a map from every folded
// character back to the original, so hits can be drawn where the original glyphs are.
// Folding here:
// - NFKD: ligatures (ﬁ → fi), Arabic presentation forms (ﻻ → لا), full-width and compatibility forms;
// - combining marks dropped (é → e, Arabic harakat, Hebrew niqqud) except the kana sound marks
//   U+3099/U+309A, which change the Japanese letter (が is not か);
// - Arabic tatweel (U+0640, a stretching stroke) and soft hyphens dropped;
// - lower case; runs of white space become one space, and white space between two CJK
//   characters is dropped (a line break inside a Japanese sentence is not a word gap);
// - a hyphen at a line end joins the word it split ("exam-⏎ple" finds "example").

const MARK = /\p{M}/u;
const KANA_SOUND_MARKS = new Set(['\u3099', '\u309a']);
const DROPPED = new Set(['\u0640', '\u00ad', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\ufeff']);
const SPACE = /\s/u;
const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const HYPHENS = new Set(['-', '\u2010', '\u2011']);

export interface FoldedText {
  /** The folded text that queries are matched against. */
  text: string;
  /** For each UTF-16 unit of `text`, the index of the original character it came from. */
  origin: Int32Array;
  /** The text before folding. */
  raw: string;
}

/** Folds `raw` for matching. `lineEnds` lists offsets in `raw` where a line ends (a line break). */
export function foldText(raw: string, lineEnds: ReadonlySet<number> = new Set()): FoldedText {
  const out: string[] = [];
  const origin: number[] = [];
  let pendingSpace = -1;
  const emit = (unit: string, from: number) => {
    if (pendingSpace >= 0) {
      const before = out.at(-1);
      const joinCjk = before !== undefined && CJK.test(before) && CJK.test(unit);
      if (out.length > 0 && !joinCjk) {
        out.push(' ');
        origin.push(pendingSpace);
      }
      pendingSpace = -1;
    }
    out.push(unit);
    origin.push(from);
  };
  let i = 0;
  while (i < raw.length) {
    const at = i;
    const char = String.fromCodePoint(raw.codePointAt(i) ?? 0);
    i += char.length;
    if (HYPHENS.has(char) && endsLine(raw, i, lineEnds)) {
      // "exam-" at a line end: drop the hyphen and the line break, so the word is whole again.
      while (i < raw.length && SPACE.test(raw[i] as string)) i++;
      continue;
    }
    for (const part of char.normalize('NFKD')) {
      if (DROPPED.has(part)) continue;
      if (MARK.test(part) && !KANA_SOUND_MARKS.has(part)) continue;
      if (SPACE.test(part)) {
        if (pendingSpace < 0) pendingSpace = at;
        continue;
      }
      // Lower-casing may lengthen (İ → i̇); every unit still points at its original character.
      for (const unit of part.toLowerCase()) {
        if (MARK.test(unit) && !KANA_SOUND_MARKS.has(unit)) continue;
        for (let k = 0; k < unit.length; k++) emit(unit[k] as string, at);
      }
    }
  }
  return { text: out.join(''), origin: Int32Array.from(origin), raw };
}

/** True when only white space lies between `from` and a line end. */
function endsLine(raw: string, from: number, lineEnds: ReadonlySet<number>): boolean {
  let i = from;
  for (;;) {
    if (lineEnds.has(i)) return true;
    if (i >= raw.length || !SPACE.test(raw[i] as string)) return false;
    i++;
  }
}

/** Folds a query the way page text is folded (without line ends). */
export function foldQuery(query: string): string {
  return foldText(query.trim()).text;
}

export interface TextMatch {
  /** Offset of the first matched character in the original text. */
  start: number;
  /** Offset just past the last matched character in the original text. */
  end: number;
}

/** Every non-overlapping occurrence of a folded query in folded text, as original offsets. */
export function findMatches(folded: FoldedText, query: string): TextMatch[] {
  if (!query) return [];
  const matches: TextMatch[] = [];
  let from = 0;
  for (;;) {
    const at = folded.text.indexOf(query, from);
    if (at < 0) return matches;
    const last = at + query.length - 1;
    const start = folded.origin[at] ?? 0;
    const lastOrigin = folded.origin[last] ?? start;
    const end = lastOrigin + ((folded.raw.codePointAt(lastOrigin) ?? 0) > 0xffff ? 2 : 1);
    matches.push({ start, end });
    from = at + query.length;
  }
}
