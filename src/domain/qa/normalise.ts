import { fold } from "../text/fold.js";
/** Longest question we read, in characters; the rest is ignored (a pasted document is not a question). */
export const MAX_QUESTION_LENGTH = 500;

const TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323";
// Two tone placements are in use ("hoà"/"hòa", "khoẻ"/"khỏe", "thuý"/"thúy"); we keep the one of
// the rules text (tone on the first vowel), only at the end of a syllable and never after "q"
// ("quý" is written the same in both).
const SECOND_VOWEL_TONE = new RegExp(
  `(?<!q)([ou])([aey])([${TONE_MARKS}])(?![\\p{L}\\p{M}])`,
  "gu",
);
const VALID_PAIRS = new Set(["oa", "oe", "uy"]);

/** Cuts a question to MAX_QUESTION_LENGTH characters (code points, so no half emoji). */
export function capQuestion(input: string): string {
  const chars = Array.from(input.slice(0, MAX_QUESTION_LENGTH * 2));
  return chars.slice(0, MAX_QUESTION_LENGTH).join("");
}

/**
 * Canonical text for matching: NFC, lower case, one tone placement, and only letters and digits
 * separated by single spaces (punctuation, emoji, control and format characters become spaces).
 */
export function normaliseText(input: string): string {
  const decomposed = capQuestion(input).toLowerCase().normalize("NFD");
  const retoned = decomposed.replace(
    SECOND_VOWEL_TONE,
    (whole: string, first: string, second: string, tone: string) =>
      VALID_PAIRS.has(first + second) ? first + tone + second : whole,
  );
  return retoned
    .normalize("NFC")
    .replace(/\p{M}/gu, "") // stray marks left after NFC: emoji variation selectors, keycaps
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A syllable of normalised (lower-case) text written with a diacritic or "đ". */
export function hasDiacritics(token: string): boolean {
  return fold(token) !== token;
}

/** Syllables of an already normalised text. */
export function syllables(normalised: string): string[] {
  return normalised === "" ? [] : normalised.split(" ");
}
