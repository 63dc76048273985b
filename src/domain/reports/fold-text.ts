/**
 * Vietnamese text folded for matching — lower case, no diacritics, compatibility forms unfolded, "đ" → "d", one kind of space —
 * with, for every folded character, the span of the original text it came from, so that what is
 * left after removing the matched words can be returned in the user's own spelling.
 */
export interface FoldedText {
  text: string;
  /** Original span [start[i], end[i]) of folded character i. */
  start: number[];
  end: number[];
}

const COMBINING_MARKS = /\p{M}/gu;
const SPACES = /\s/u;
const DASHES = /[‐-―−]/u;

function foldChar(ch: string): string {
  if (SPACES.test(ch)) return " ";
  if (DASHES.test(ch)) return "-";
  // NFKD also folds full-width forms ("ｘｏｎｇ", "％") and "…" into plain characters.
  return ch.toLowerCase().replace(/đ/g, "d").normalize("NFKD").replace(COMBINING_MARKS, "");
}

export function foldText(original: string): FoldedText {
  const folded: FoldedText = { text: "", start: [], end: [] };
  let index = 0;
  for (const ch of original) {
    const out = foldChar(ch);
    for (let k = 0; k < out.length; k++) {
      folded.start.push(index);
      folded.end.push(index + ch.length);
    }
    folded.text += out;
    index += ch.length;
  }
  return folded;
}

/** Replace every match of a global pattern; the new characters map to the whole matched span. */
export function replaceFolded(
  folded: FoldedText,
  pattern: RegExp,
  replacement: string,
): FoldedText {
  const result: FoldedText = { text: "", start: [], end: [] };
  let last = 0;
  const copy = (from: number, to: number) => {
    result.text += folded.text.slice(from, to);
    result.start.push(...folded.start.slice(from, to));
    result.end.push(...folded.end.slice(from, to));
  };
  for (const match of folded.text.matchAll(pattern)) {
    const from = match.index;
    const to = from + match[0].length;
    if (to === from) continue;
    copy(last, from);
    const spanStart = folded.start[from] ?? 0;
    const spanEnd = folded.end[to - 1] ?? spanStart;
    for (let k = 0; k < replacement.length; k++) {
      result.start.push(spanStart);
      result.end.push(spanEnd);
    }
    result.text += replacement;
    last = to;
  }
  copy(last, folded.text.length);
  return result;
}
