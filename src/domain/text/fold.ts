/*
 * Vietnamese text folded for matching: lower case, no diacritics, "đ" → "d", compatibility forms
 * unfolded ("ｘｏｎｇ", "…"), any dash "-", any space " ". One place for plan files, deadline
 * phrases, units and reports; each form below keeps what its reader needs of the original.
 */

const MARKS = /\p{M}/gu;
const SPACE = /\s/u;
const DASH = /[\u2010-\u2015\u2212]/u;

/** One character's letters: lower case, marks dropped, đ (and the look-alike ð) → d. */
function foldLetters(ch: string): string {
  return ch.toLowerCase().replace(/[đð]/g, "d").normalize("NFKD").replace(MARKS, "");
}

/** One character as matched: its letters, or " " for a space, "-" for a dash. */
function foldChar(ch: string): string {
  if (SPACE.test(ch)) return " ";
  if (DASH.test(ch)) return "-";
  return foldLetters(ch);
}

/** Folded, spaces collapsed, trimmed: "Thời  Hạn" → "thoi han", "Quý II – 2024" → "quy ii - 2024". */
export function fold(text: string): string {
  let out = "";
  for (const ch of text) out += foldChar(ch);
  return out.replace(/ {2,}/g, " ").trim();
}

/**
 * Folded letter for letter: each UTF-16 unit of the NFC text gives exactly one unit (one that
 * would fold to more or to nothing stays as it is), so an index found in the folded text is the
 * same index in the (NFC) original. Spaces and dashes are kept as written.
 */
export function foldKeepLength(nfcText: string): string {
  let out = "";
  for (const unit of nfcText.split("")) {
    if (unit < "\u0080") {
      out += unit.toLowerCase();
      continue;
    }
    const folded = foldLetters(unit);
    out += folded.length === 1 ? folded : unit;
  }
  return out;
}

/** A readable ASCII slug: "Thái Nguyên" → "thai-nguyen". */
export function slugify(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Folded text with, for every folded character, the span of the original text it came from, so
 * that what is left after removing the matched words can be returned in the user's own spelling.
 */
export interface FoldedText {
  text: string;
  /** Original span [start[i], end[i]) of folded character i. */
  start: number[];
  end: number[];
}

/** Folded character for character (spaces not collapsed), each mapped to its original span. */
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
