import { fold } from "../text/fold.js";
import type { Lexicon } from "./knowledge-base.js";
import { normaliseText, syllables } from "./normalise.js";

interface Phrase {
  words: string[];
  folded: string[];
}

/**
 * Finds listed phrases in a syllable sequence, longest phrase first. A syllable typed without
 * any diacritic may stand for any accented syllable with the same letters ("co" for "có" or
 * "cờ"), so it matches a word by its folded form; a syllable typed with diacritics only matches
 * itself ("cờ" is never the stop word "có").
 */
export class PhraseMatcher {
  private readonly byFirst = new Map<string, Phrase[]>();

  constructor(phrases: readonly string[]) {
    for (const phrase of phrases) {
      const words = syllables(normaliseText(phrase));
      const folded = words.map(fold);
      const key = folded[0];
      if (key === undefined) continue;
      const list = this.byFirst.get(key) ?? [];
      list.push({ words, folded });
      this.byFirst.set(key, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /**
   * Length in syllables of the longest phrase starting at `start`, 0 when none does.
   * `folded` holds the folded form of each token (computed once by the caller).
   */
  matchAt(tokens: readonly string[], folded: readonly string[], start: number): number {
    const candidates = this.byFirst.get(folded[start] ?? "");
    if (candidates === undefined) return 0;
    for (const phrase of candidates) {
      const matches = phrase.words.every((word, i) => {
        const typed = tokens[start + i];
        return typed === word || (typed === folded[start + i] && typed === phrase.folded[i]);
      });
      if (matches) return phrase.words.length;
    }
    return 0;
  }
}

export interface CompiledLexicon {
  /** Replaces teencode and abbreviations by the words they stand for. */
  expand(tokens: readonly string[]): string[];
  stopWords: PhraseMatcher;
  outOfScope: PhraseMatcher;
  contextWords: PhraseMatcher;
  /** Everyday requests (where to buy, prices, how to make, recommendations). */
  requests: PhraseMatcher;
  /** Words that ask about a rule: with one of them, a request word is only a stop word. */
  ruleCues: PhraseMatcher;
  /** Same-meaning variants to index under each rule that contains `canonical`. */
  synonyms: { canonical: string; variants: string[]; notIn: string[] }[];
}

export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const abbreviations = new Map<string, string[]>();
  let longestKey = 1;
  for (const [key, value] of Object.entries(lexicon.abbreviations)) {
    const keyWords = syllables(normaliseText(key));
    if (keyWords.length === 0) continue;
    abbreviations.set(keyWords.join(" "), syllables(normaliseText(value)));
    longestKey = Math.max(longestKey, keyWords.length);
  }

  function expand(tokens: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length;) {
      let replaced = false;
      for (let length = Math.min(longestKey, tokens.length - i); length >= 1; length--) {
        const value = abbreviations.get(tokens.slice(i, i + length).join(" "));
        if (value !== undefined) {
          out.push(...value);
          i += length;
          replaced = true;
          break;
        }
      }
      if (!replaced) out.push(tokens[i++] ?? "");
    }
    return out;
  }

  return {
    expand,
    stopWords: new PhraseMatcher(lexicon.stopPhrases),
    outOfScope: new PhraseMatcher(lexicon.outOfScope),
    contextWords: new PhraseMatcher(lexicon.contextWords),
    requests: new PhraseMatcher(lexicon.requests),
    ruleCues: new PhraseMatcher(lexicon.ruleCues),
    synonyms: lexicon.synonyms.map((group) => ({
      canonical: normaliseText(group.canonical),
      variants: group.variants,
      notIn: (group.notIn ?? []).map(normaliseText),
    })),
  };
}
