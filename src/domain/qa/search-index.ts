import MiniSearch, { type SearchResult } from "minisearch";
import { analyse, isFoldedTerm, isPairTerm, terms } from "./analyse.js";
import type { KnowledgeBase, Rule } from "./knowledge-base.js";
import type { CompiledLexicon } from "./lexicon.js";
import { normaliseText } from "./normalise.js";

interface RuleDocument {
  id: string;
  title: string;
  text: string;
  keywords: string;
  questions: string;
}

/** Field boosts: curated everyday words weigh most, the legal wording least. */
export const FIELD_BOOST = { keywords: 3, title: 2, questions: 1.5, text: 1 } as const;
/** A pair of syllables ("dép lê") says more than either syllable. */
const PAIR_BOOST = 1.5;
/**
 * The form typed with diacritics is a second query term next to the folded one; MiniSearch also
 * multiplies a score by the number of query terms matched, so the exact form already counts, and
 * its own weight stays below the folded one.
 */
const EXACT_BOOST = 0.5;

export interface RuleIndex {
  rules: ReadonlyMap<string, Rule>;
  /** Terms of each rule (as written and folded), over all fields: what confidence is measured against. */
  ruleTerms: ReadonlyMap<string, ReadonlySet<string>>;
  /** Folded syllable pairs found in the rules (see `analyse`). */
  knownPairs: ReadonlySet<string>;
  /** ln(1 + rules / rules containing the folded term); undefined for a term no rule has. */
  idf(foldedTerm: string): number | undefined;
  search(queryTerms: string[]): SearchResult[];
}

const joinTerms = (phrases: readonly string[], lexicon: CompiledLexicon): string =>
  phrases.flatMap((phrase) => terms(analyse(phrase, lexicon))).join(" ");

/** Variants of every synonym group whose canonical phrase the rule uses. */
function synonymVariants(rule: Rule, lexicon: CompiledLexicon): string[] {
  const surface = ` ${[rule.title, rule.text, ...rule.keywords].map(normaliseText).join(" | ")} `;
  return lexicon.synonyms
    .filter((group) => surface.includes(` ${group.canonical} `))
    .flatMap((group) => group.variants);
}

export function buildRuleIndex(kb: KnowledgeBase, lexicon: CompiledLexicon): RuleIndex {
  const documents: RuleDocument[] = kb.rules.map((rule) => ({
    id: rule.id,
    title: joinTerms([rule.title], lexicon),
    text: joinTerms([rule.text], lexicon),
    keywords: joinTerms([...rule.keywords, ...synonymVariants(rule, lexicon)], lexicon),
    questions: joinTerms(rule.questions, lexicon),
  }));

  const ruleTerms = new Map<string, Set<string>>();
  const documentFrequency = new Map<string, number>();
  const knownPairs = new Set<string>();
  for (const document of documents) {
    const all = [document.title, document.text, document.keywords, document.questions].join(" ");
    const termSet = new Set(all.split(" ").filter((term) => term !== ""));
    ruleTerms.set(document.id, termSet);
    for (const term of [...termSet].filter(isFoldedTerm)) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
      if (isPairTerm(term)) knownPairs.add(term);
    }
  }

  const miniSearch = new MiniSearch<RuleDocument>({
    fields: ["title", "text", "keywords", "questions"],
    tokenize: (text) => text.split(" ").filter((term) => term !== ""),
    processTerm: (term) => term,
    searchOptions: {
      boost: { ...FIELD_BOOST },
      boostTerm: (term) =>
        (isPairTerm(term) ? PAIR_BOOST : 1) * (isFoldedTerm(term) ? 1 : EXACT_BOOST),
      prefix: false,
      fuzzy: false,
      combineWith: "OR",
    },
  });
  miniSearch.addAll(documents);

  const ruleCount = documents.length;
  return {
    rules: new Map(kb.rules.map((rule) => [rule.id, rule])),
    ruleTerms,
    knownPairs,
    idf(term) {
      const df = documentFrequency.get(term);
      return df === undefined ? undefined : Math.log(1 + ruleCount / df);
    },
    search: (queryTerms) =>
      queryTerms.length === 0 ? [] : miniSearch.search(queryTerms.join(" ")),
  };
}
