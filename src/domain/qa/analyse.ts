import { fold } from "../text/fold.js";
import type { CompiledLexicon } from "./lexicon.js";
import { normaliseText, syllables } from "./normalise.js";

/** A question or a rule phrase cut into syllables, each marked by what it carries. */
export interface AnalysedText {
  /** Normalised syllables after teencode and abbreviations are expanded. */
  tokens: string[];
  folded: string[];
  /** Carries meaning for choosing a rule: not a stop word, not part of an out-of-scope or context phrase. */
  content: boolean[];
  /** Part of a subject the rules do not cover (salary, leave, recruitment…). */
  outOfScope: boolean[];
  /** Part of a procedure or season word (hồ sơ, thủ tục, mùa hè). */
  context: boolean[];
}

export const foldedTerm = (syllable: string): string => `~${syllable}`;
export const foldedPair = (a: string, b: string): string => `~${a}_${b}`;

export interface AnalyseOptions {
  /**
   * A curated phrase of a rule ("lên đồng", "trong giờ"): every syllable carries its meaning, so
   * stop words stay content.
   */
  phrase?: boolean;
  /**
   * A question: when it has an everyday request ("ở đâu", "giá", "cách", "gợi ý") and nothing that
   * asks about a rule ("có được không", "vi phạm"), the request words count as out of scope.
   */
  question?: boolean;
}

/**
 * `knownPairs` (folded syllable pairs of the rules) keeps a syllable that looks like a stop word
 * or a diacritic-less one that looks like an out-of-scope word when it is half of a phrase of the
 * rules: "chi dao" is "chỉ đạo", not "chị"; "thi truong" is "thị trường", not "thi"; "lên đồng"
 * is a phrase of its own, not "lên" and "đồng".
 */
/** Normalised syllables of a text, teencode and abbreviations expanded ("ko dc" → "không được"). */
export const expandedSyllables = (text: string, lexicon: CompiledLexicon): string[] =>
  lexicon.expand(syllables(normaliseText(text)));

export function analyse(
  text: string,
  lexicon: CompiledLexicon,
  knownPairs: ReadonlySet<string> = new Set(),
  options: AnalyseOptions = {},
): AnalysedText {
  const tokens = expandedSyllables(text, lexicon);
  const folded = tokens.map(fold);
  const isKnownPair = (i: number): boolean =>
    (i > 0 && knownPairs.has(foldedPair(folded[i - 1] ?? "", folded[i] ?? ""))) ||
    knownPairs.has(foldedPair(folded[i] ?? "", folded[i + 1] ?? ""));

  const stop = tokens.map(() => false);
  const outOfScope = tokens.map(() => false);
  const context = tokens.map(() => false);
  const mark = (flags: boolean[], start: number, length: number): void => {
    for (let j = 0; j < length; j++) flags[start + j] = true;
  };
  const request = tokens.map(() => false);
  let asksRule = false;
  // Every start is tried, so overlapping phrases ("có bị" + "bị kỷ luật") all count.
  for (let i = 0; i < tokens.length; i++) {
    const bare = tokens[i] === folded[i];
    const stopLength = options.phrase ? 0 : lexicon.stopWords.matchAt(tokens, folded, i);
    if (!(stopLength === 1 && isKnownPair(i))) mark(stop, i, stopLength);
    // A bare "thi" is far more often "thì" (a stop word) than "thi" (an exam).
    const outLength = lexicon.outOfScope.matchAt(tokens, folded, i);
    if (!(outLength === 1 && bare && (isKnownPair(i) || stopLength > 0)))
      mark(outOfScope, i, outLength);
    mark(context, i, lexicon.contextWords.matchAt(tokens, folded, i));
    if (!options.question) continue;
    if (lexicon.ruleCues.matchAt(tokens, folded, i) > 0) asksRule = true;
    const requestLength = lexicon.requests.matchAt(tokens, folded, i);
    if (!(requestLength === 1 && isKnownPair(i))) mark(request, i, requestLength);
  }
  if (!asksRule) request.forEach((isRequest, i) => isRequest && (outOfScope[i] = true));
  const content = tokens.map((_, i) => !stop[i] && !outOfScope[i] && !context[i]);
  return { tokens, folded, content, outOfScope, context };
}

/**
 * Index and query terms: every content syllable and every pair of adjacent content syllables,
 * each as typed and folded ("dép", "~dep", "dép_lê", "~dep_le"). A query typed with the right
 * diacritics matches both forms and so ranks the exact rule above a look-alike.
 */
export function terms(analysed: AnalysedText): string[] {
  const out = new Set<string>();
  const { tokens, folded, content } = analysed;
  for (let i = 0; i < tokens.length; i++) {
    if (!content[i]) continue;
    out.add(tokens[i] ?? "");
    out.add(foldedTerm(folded[i] ?? ""));
    if (content[i + 1]) {
      out.add(`${tokens[i]}_${tokens[i + 1]}`);
      out.add(foldedPair(folded[i] ?? "", folded[i + 1] ?? ""));
    }
  }
  return [...out];
}

export const isPairTerm = (term: string): boolean => term.includes("_");
export const isFoldedTerm = (term: string): boolean => term.startsWith("~");
